// Renders an annotation over its photo for checking by eye: the class map as translucent colour,
// every polygon's outline, follicle windows and points, and optionally a labelled coordinate grid
// (the gridded view the annotations are drawn on). Coordinates on the grid are photo pixels.
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import type { Annotation, LayerLabel, Point } from './annotation.schema.js';
import { CLASS, rasterizeClasses, rasterizeIgnore } from './rasterize.js';

/** The photo, annotation and options do not fit together (the message says how). */
export class OverlayInputError extends Error {}

export interface Crop {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface OverlayOptions {
  /** Part of the photo to show, in photo pixels; the whole photo when absent. */
  crop?: Crop;
  /** Enlargement of the output (nearest neighbour when ≥ 1, so photo pixels stay visible). */
  scale?: number;
  /** Grid step in photo pixels; no grid when absent. */
  grid?: number;
  /** Translucent class colours (default true); outlines and points are always drawn. */
  fill?: boolean;
}

// RGBA of each class's fill; `other` stays clear.
const FILL: Record<number, [number, number, number, number]> = {
  [CLASS.face]: [255, 190, 0, 80],
  [CLASS.bare]: [0, 180, 255, 100],
  [CLASS.hair]: [40, 220, 60, 80],
};
const IGNORE_FILL: [number, number, number, number] = [255, 255, 255, 110];
const STROKE: Record<LayerLabel, string> = {
  head: '#ffc800',
  scalp: '#28dc3c',
  bare: '#00b4ff',
  scar: '#ff00ff',
  ignore: '#ff3030',
};

function colourLayer(annotation: Annotation, crop: Crop, fill: boolean): Buffer {
  const out = Buffer.alloc(crop.w * crop.h * 4);
  const classes = fill ? rasterizeClasses(annotation) : null;
  const ignore = rasterizeIgnore(annotation);
  for (let y = 0; y < crop.h; y++) {
    for (let x = 0; x < crop.w; x++) {
      const src = (y + crop.y) * annotation.width + x + crop.x;
      const rgba = ignore[src] ? IGNORE_FILL : classes ? FILL[classes[src]!] : undefined;
      if (rgba) out.set(rgba, (y * crop.w + x) * 4);
    }
  }
  return out;
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

function svgOverlay(annotation: Annotation | null, crop: Crop, scale: number, grid?: number): string {
  const W = Math.round(crop.w * scale);
  const H = Math.round(crop.h * scale);
  const px = (x: number) => (x - crop.x) * scale;
  const py = (y: number) => (y - crop.y) * scale;
  const parts: string[] = [];
  if (grid) parts.push(...gridLines(crop, scale, grid, W, H));
  if (annotation) {
    const stroke = Math.max(1, Math.min(3, scale * 0.75));
    for (const layer of annotation.layers) {
      const pts = layer.polygon.map(([x, y]) => `${fmt(px(x))},${fmt(py(y))}`).join(' ');
      const dash = layer.label === 'ignore' ? ` stroke-dasharray="${4 * stroke},${3 * stroke}"` : '';
      parts.push(
        `<polygon points="${pts}" fill="none" stroke="${STROKE[layer.label]}" stroke-width="${stroke}"${dash}/>`,
      );
      if (scale >= 2)
        for (const [x, y] of layer.polygon)
          parts.push(
            `<circle cx="${fmt(px(x))}" cy="${fmt(py(y))}" r="${stroke}" fill="${STROKE[layer.label]}"/>`,
          );
    }
    const r = Math.max(2.5, Math.min(8, scale * 1.6));
    for (const w of annotation.follicleWindows) {
      parts.push(
        `<rect x="${fmt(px(w.x))}" y="${fmt(py(w.y))}" width="${fmt(w.w * scale)}" height="${fmt(w.h * scale)}" fill="none" stroke="#ffffff" stroke-width="${stroke}"/>`,
      );
      const ring = (p: Point, colour: string) =>
        `<circle cx="${fmt(px(p[0]))}" cy="${fmt(py(p[1]))}" r="${fmt(r)}" fill="none" stroke="${colour}" stroke-width="${Math.max(1, r / 4)}"/>`;
      parts.push(...w.points.map((p) => ring(p, '#ff2020')));
      parts.push(...w.uncertain.map((p) => ring(p, '#ffe000')));
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`;
}

/** Grid lines every `step` photo pixels, every fourth one stronger, labelled in photo pixels. */
function gridLines(crop: Crop, scale: number, step: number, W: number, H: number): string[] {
  const parts: string[] = [];
  const font = 11;
  const label = (x: number, y: number, text: string) =>
    `<text x="${fmt(x)}" y="${fmt(y)}" font-family="DejaVu Sans, sans-serif" font-size="${font}" fill="#ffff00" stroke="#000000" stroke-width="2.5" paint-order="stroke">${text}</text>`;
  const first = (v: number) => Math.ceil(v / step) * step;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let x = first(crop.x); x <= crop.x + crop.w; x += step) xs.push(x);
  for (let y = first(crop.y); y <= crop.y + crop.h; y += step) ys.push(y);
  const major = (v: number) => (v / step) % 4 === 0;
  for (const x of xs) {
    const sx = (x - crop.x) * scale;
    const style = major(x)
      ? 'stroke="#00ffff" stroke-opacity="0.8"'
      : 'stroke="#00ffff" stroke-opacity="0.4"';
    parts.push(`<line x1="${fmt(sx)}" y1="0" x2="${fmt(sx)}" y2="${H}" ${style} stroke-width="1"/>`);
  }
  for (const y of ys) {
    const sy = (y - crop.y) * scale;
    const style = major(y)
      ? 'stroke="#00ffff" stroke-opacity="0.8"'
      : 'stroke="#00ffff" stroke-opacity="0.4"';
    parts.push(`<line x1="0" y1="${fmt(sy)}" x2="${W}" y2="${fmt(sy)}" ${style} stroke-width="1"/>`);
  }
  // Labels on the edges for every line, and inside at major crossings so no point is far from one.
  for (const x of xs) parts.push(label((x - crop.x) * scale + 2, font, String(x)));
  for (const y of ys) parts.push(label(2, (y - crop.y) * scale - 2, String(y)));
  for (const x of xs.filter(major))
    for (const y of ys.filter(major))
      if (x > crop.x && y > crop.y)
        parts.push(label((x - crop.x) * scale + 2, (y - crop.y) * scale - 2, `${x},${y}`));
  return parts;
}

/** A PNG of the photo (cropped, enlarged) with the annotation and grid drawn on it. */
export async function renderOverlay(
  photoPath: string,
  annotation: Annotation | null,
  options: OverlayOptions = {},
): Promise<Buffer> {
  if (!existsSync(photoPath)) throw new OverlayInputError(`${photoPath}: no such photo`);
  const meta = await sharp(photoPath).metadata();
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? meta.height : meta.width;
  const height = swapped ? meta.width : meta.height;
  if (!width || !height) throw new OverlayInputError(`${photoPath}: the photo's size cannot be read`);
  if (annotation && (annotation.width !== width || annotation.height !== height))
    throw new OverlayInputError(
      `${photoPath}: the photo is ${width}×${height} but its annotation says ${annotation.width}×${annotation.height}`,
    );
  const crop = options.crop ?? { x: 0, y: 0, w: width, h: height };
  if (
    crop.x < 0 ||
    crop.y < 0 ||
    crop.w <= 0 ||
    crop.h <= 0 ||
    crop.x + crop.w > width ||
    crop.y + crop.h > height
  )
    throw new OverlayInputError(
      `crop ${crop.x},${crop.y},${crop.w},${crop.h} is not inside the ${width}×${height} photo`,
    );
  const scale = options.scale ?? 1;
  if (!(scale > 0) || scale > 16)
    throw new OverlayInputError(`scale ${scale} must be above 0 and at most 16`);

  let base = await sharp(photoPath)
    .rotate()
    .flatten({ background: '#ffffff' })
    .extract({ left: crop.x, top: crop.y, width: crop.w, height: crop.h })
    .png()
    .toBuffer();
  if (annotation) {
    const colour = colourLayer(annotation, crop, options.fill ?? true);
    base = await sharp(base)
      .composite([{ input: colour, raw: { width: crop.w, height: crop.h, channels: 4 } }])
      .png()
      .toBuffer();
  }
  const W = Math.round(crop.w * scale);
  const H = Math.round(crop.h * scale);
  const enlarged = await sharp(base)
    .resize(W, H, { kernel: scale >= 1 ? 'nearest' : 'lanczos3' })
    .png()
    .toBuffer();
  const svg = svgOverlay(annotation, crop, scale, options.grid);
  return sharp(enlarged)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}
