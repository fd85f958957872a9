// Command line: renders annotation overlays to PNG for checking by eye.
//   node bench/dist/annotations/overlay.js <photo> <annotation.json | -> <out.png> [options]
//   node bench/dist/annotations/overlay.js --all <annotation folder> <photo folder> <out folder> [options]
// Options: --crop x,y,w,h (photo pixels)  --scale n  --grid step  --no-fill
// With `-` for the annotation it draws only the gridded view (the view annotations are drawn on).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAnnotationFile, loadAnnotations, AnnotationError } from './load-annotations.js';
import { OverlayInputError, renderOverlay, type Crop, type OverlayOptions } from './overlay-render.js';

const USAGE = `usage:
  overlay.js <photo> <annotation.json | -> <out.png> [--crop x,y,w,h] [--scale n] [--grid step] [--no-fill]
  overlay.js --all <annotation folder> <photo folder> <out folder> [--scale n] [--grid step] [--no-fill]`;

class UsageError extends Error {}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${name} must be a positive number, got "${value}"`);
  return n;
}

function parseCrop(value: string | undefined): Crop | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n)))
    throw new UsageError(`--crop must be four whole numbers x,y,w,h, got "${value}"`);
  const [x, y, w, h] = parts as [number, number, number, number];
  return { x, y, w, h };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      crop: { type: 'string' },
      scale: { type: 'string' },
      grid: { type: 'string' },
      'no-fill': { type: 'boolean', default: false },
    },
  });
  const options: OverlayOptions = { fill: !values['no-fill'] };
  const scale = positiveNumber('scale', values.scale);
  const grid = positiveNumber('grid', values.grid);
  if (scale !== undefined) options.scale = scale;
  if (grid !== undefined) options.grid = grid;
  if (positionals.length !== 3) throw new UsageError(USAGE);
  const [first, second, third] = positionals as [string, string, string];

  if (values.all) {
    if (values.crop) throw new UsageError('--crop applies to one photo, not to --all');
    mkdirSync(third, { recursive: true });
    const photos = new Map(readdirSync(second).map((name) => [basename(name, extname(name)), name]));
    for (const annotation of loadAnnotations(first)) {
      const stem = basename(annotation.image, extname(annotation.image));
      const photo = photos.get(stem);
      if (!photo) throw new UsageError(`${annotation.image} is not in ${second}`);
      const out = join(third, `${stem}.overlay.png`);
      writeFileSync(out, await renderOverlay(join(second, photo), annotation, options));
      console.log(out);
    }
    return;
  }
  const crop = parseCrop(values.crop);
  if (crop) options.crop = crop;
  const annotation = second === '-' ? null : loadAnnotationFile(second);
  writeFileSync(third, await renderOverlay(first, annotation, options));
  console.log(third);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known =
    error instanceof UsageError || error instanceof AnnotationError || error instanceof OverlayInputError;
  console.error(known ? error.message : error);
  process.exit(known ? 2 : 1);
});
