// The annotation format of ANNOTATION-FORMAT.md (the contract between the hand-made ground truth
// in bench/annotations/ and the accuracy suite that scores the photo analysis against it).
import { z } from 'zod';

export const VIEWS = ['front', 'top', 'back', 'side', 'close-up'] as const;
export const LAYER_LABELS = ['head', 'scalp', 'bare', 'scar', 'ignore'] as const;

const coordinate = z.number().finite();
export const pointSchema = z.tuple([coordinate, coordinate]);

const layerSchema = z.strictObject({
  label: z.enum(LAYER_LABELS),
  polygon: z.array(pointSchema).min(3, 'a polygon needs at least 3 vertices'),
});

const follicleWindowSchema = z.strictObject({
  x: z.int().nonnegative(),
  y: z.int().nonnegative(),
  w: z.int().positive(),
  h: z.int().positive(),
  points: z.array(pointSchema),
  uncertain: z.array(pointSchema).default([]),
});

/** Twice the signed area of a polygon (shoelace); 0 for a degenerate one. */
export function doubledSignedArea(polygon: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i]!;
    const [x1, y1] = polygon[(i + 1) % polygon.length]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum;
}

export const annotationSchema = z
  .strictObject({
    image: z.string().regex(/^[^/\\]+\.(png|jpe?g)$/i, 'must be a photo file name (.png, .jpg, .jpeg)'),
    width: z.int().positive(),
    height: z.int().positive(),
    view: z.enum(VIEWS),
    method: z.string().min(1, 'say how the annotation was made'),
    layers: z.array(layerSchema),
    pxPerMm: z.number().positive().nullable(),
    follicleWindows: z.array(follicleWindowSchema).default([]),
    notes: z.string().default(''),
  })
  .superRefine((a, ctx) => {
    const outside = ([x, y]: readonly [number, number], x0: number, y0: number, x1: number, y1: number) =>
      x < x0 || y < y0 || x > x1 || y > y1;
    a.layers.forEach((layer, li) => {
      layer.polygon.forEach((p, pi) => {
        if (outside(p, 0, 0, a.width, a.height))
          ctx.addIssue({
            code: 'custom',
            path: ['layers', li, 'polygon', pi],
            message: `vertex (${p[0]}, ${p[1]}) lies outside the ${a.width}×${a.height} photo`,
          });
      });
      if (doubledSignedArea(layer.polygon) === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['layers', li, 'polygon'],
          message: 'the polygon encloses no area',
        });
    });
    a.follicleWindows.forEach((w, wi) => {
      if (w.x + w.w > a.width || w.y + w.h > a.height)
        ctx.addIssue({
          code: 'custom',
          path: ['follicleWindows', wi],
          message: `the window (${w.x}, ${w.y}, ${w.w}×${w.h}) reaches outside the ${a.width}×${a.height} photo`,
        });
      for (const key of ['points', 'uncertain'] as const)
        w[key].forEach((p, pi) => {
          if (outside(p, w.x, w.y, w.x + w.w, w.y + w.h))
            ctx.addIssue({
              code: 'custom',
              path: ['follicleWindows', wi, key, pi],
              message: `point (${p[0]}, ${p[1]}) lies outside its window`,
            });
        });
    });
  });

export type Point = z.infer<typeof pointSchema>;
export type AnnotationLayer = z.infer<typeof layerSchema>;
export type LayerLabel = AnnotationLayer['label'];
export type FollicleWindow = z.infer<typeof follicleWindowSchema>;
/** A validated annotation (defaults filled in: `follicleWindows`, `uncertain` and `notes`). */
export type Annotation = z.infer<typeof annotationSchema>;
