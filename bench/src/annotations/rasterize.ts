// Polygons to pixel masks. A pixel belongs to a polygon when its centre (x + 0.5, y + 0.5) lies
// inside by the even-odd rule, so a rectangle from (10, 10) to (30, 20) covers exactly 20 × 10
// pixels and two polygons sharing an edge never both claim a pixel on it.
import type { Annotation, LayerLabel, Point } from './annotation.schema.js';

/** Classes of the map, as ANNOTATION-FORMAT.md numbers them. */
export const CLASS = { other: 0, face: 1, bare: 2, hair: 3 } as const;
export type ClassId = (typeof CLASS)[keyof typeof CLASS];
export const CLASS_NAMES = ['other', 'face', 'bare', 'hair'] as const;

/** Sets `value` in `mask` (row-major, width × height) on every pixel whose centre is inside. */
export function fillPolygon(
  mask: Uint8Array,
  width: number,
  height: number,
  polygon: readonly Point[],
  value: number,
): void {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of polygon) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const rowFrom = Math.max(0, Math.ceil(minY - 0.5));
  const rowTo = Math.min(height - 1, Math.ceil(maxY - 0.5) - 1);
  const crossings: number[] = [];
  for (let row = rowFrom; row <= rowTo; row++) {
    const yc = row + 0.5;
    crossings.length = 0;
    for (let i = 0; i < polygon.length; i++) {
      const [x0, y0] = polygon[i]!;
      const [x1, y1] = polygon[(i + 1) % polygon.length]!;
      // Half-open in y so that a vertex exactly on a row centre is counted once.
      if (y0 <= yc !== y1 <= yc) crossings.push(x0 + ((yc - y0) * (x1 - x0)) / (y1 - y0));
    }
    crossings.sort((a, b) => a - b);
    const offset = row * width;
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(width - 1, Math.ceil(crossings[k + 1]! - 0.5) - 1);
      if (to >= from) mask.fill(value, offset + from, offset + to + 1);
    }
  }
}

/** One mask (0 or 1) of the union of every layer with `label`. */
export function rasterizeLabel(annotation: Annotation, label: LayerLabel): Uint8Array {
  const { width, height } = annotation;
  const mask = new Uint8Array(width * height);
  for (const layer of annotation.layers)
    if (layer.label === label) fillPolygon(mask, width, height, layer.polygon, 1);
  return mask;
}

/**
 * The class map (width × height, row-major): 0 other, 1 face, 2 bare, 3 hair. Painted in the
 * format's order, each over the last: `head` → face, `scalp` → hair, `bare` → bare.
 */
export function rasterizeClasses(annotation: Annotation): Uint8Array {
  const { width, height } = annotation;
  const classes = new Uint8Array(width * height);
  const order: [LayerLabel, ClassId][] = [
    ['head', CLASS.face],
    ['scalp', CLASS.hair],
    ['bare', CLASS.bare],
  ];
  for (const [label, value] of order)
    for (const layer of annotation.layers)
      if (layer.label === label) fillPolygon(classes, width, height, layer.polygon, value);
  return classes;
}

/** 1 where a pixel is left out of every score (inside an `ignore` polygon). */
export function rasterizeIgnore(annotation: Annotation): Uint8Array {
  return rasterizeLabel(annotation, 'ignore');
}

/** One mask per `scar` polygon, in the file's order (each scar is matched on its own). */
export function rasterizeScars(annotation: Annotation): Uint8Array[] {
  const { width, height } = annotation;
  return annotation.layers
    .filter((layer) => layer.label === 'scar')
    .map((layer) => {
      const mask = new Uint8Array(width * height);
      fillPolygon(mask, width, height, layer.polygon, 1);
      return mask;
    });
}
