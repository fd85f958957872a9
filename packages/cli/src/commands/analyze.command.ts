import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Command } from 'commander';
import {
  AnalysisInputError,
  analyzePhoto,
  noteText,
  renderOverlay,
  type CalibrationInput,
  type PhotoAnalysis,
  type Roi,
  resolveCalibration,
} from '@stipple/core';
import { readPhoto, writePng } from '../lib/images.js';
import { positiveOption } from '../lib/number-option.js';
import { scalpMapFromOptions } from '../lib/scalp-map-input.js';
import { UsageError } from '../lib/usage-error.js';

interface AnalyzeOptions {
  pxPerMm?: string;
  ruler?: string;
  roi?: string;
  out?: string;
  overlay?: string;
  scalpMask?: string;
  scalpPolygons?: string;
}

export function analyzeCommand(): Command {
  return new Command('analyze')
    .description(
      'find follicles, measure density per cm², dot size and stubble shade, flag what the photo cannot resolve, suggest scars',
    )
    .argument('<photo>', 'the scalp photo (JPEG, PNG, WebP or TIFF)')
    .option('--px-per-mm <n>', 'photo scale in pixels per millimetre')
    .option('--ruler <x1,y1,x2,y2,mm>', 'two points on a ruler in the photo and the millimetres between them')
    .option('--roi <x,y,w,h>', 'analyse only this rectangle (photo pixels)')
    .option('--out <file>', 'write the analysis JSON here (default: standard output)')
    .option(
      '--scalp-mask <png>',
      'the scalp as an image the size of the photo: class values 0-3 (other, face, bare, hair) or white = scalp',
    )
    .option(
      '--scalp-polygons <json>',
      'the scalp as polygons: annotation layers (head, scalp, bare) or {"corrections": [{"class", "polygon"}]}',
    )
    .option(
      '--overlay <file>',
      'write a PNG of the photo with every follicle, suggestion and unresolved region marked',
    )
    .action(async (photoPath: string, opts: AnalyzeOptions) => {
      const started = Date.now();
      const calibration = parseCalibration(opts);
      const roi = opts.roi ? parseRoi(opts.roi) : undefined;
      const photo = await readPhoto(photoPath);
      let analysis: PhotoAnalysis;
      try {
        const scalpMap = await scalpMapFromOptions(photo, opts.scalpMask, opts.scalpPolygons, {
          pxPerMm: resolveCalibration(calibration).pxPerMm,
        });
        analysis = analyzePhoto(photo, {
          ...(calibration ? { calibration } : {}),
          ...(roi ? { roi } : {}),
          ...(scalpMap ? { scalpMap } : {}),
          // The shell owns the clock: the stage timings in the JSON.
          clock: performance,
        });
      } catch (err) {
        if (err instanceof AnalysisInputError)
          throw new UsageError(`${optionFor(err.field)}: ${err.message.replace(`${err.field}: `, '')}`);
        throw err;
      }
      const json = `${JSON.stringify(analysis, null, 1)}\n`;
      // Files appear whole or not at all: written beside the target, then renamed over it.
      if (opts.overlay) {
        const overlay = renderOverlay(photo, analysis);
        await atomically(opts.overlay, (tmp) => writePng(overlay, tmp));
      }
      if (opts.out) await atomically(opts.out, (tmp) => writeFile(tmp, json));
      else process.stdout.write(json);
      const say = (line: string) => (opts.out ? process.stdout : process.stderr).write(`${line}\n`);
      say(summaryLine(analysis, (Date.now() - started) / 1000));
      for (const note of analysis.notes) say(`  note: ${noteText('en', note)}`);
    });
}

function summaryLine(a: PhotoAnalysis, seconds: number): string {
  const parts = [`${a.follicles.length} follicles`];
  if (a.density)
    parts.push(
      `${a.density.perCm2.toFixed(0)}/cm² counted; cells: median ${a.density.perCm2Median.toFixed(0)}/cm² (P10 ${a.density.perCm2P10.toFixed(0)}, P90 ${a.density.perCm2P90.toFixed(0)}) over ${a.density.areaCm2.toFixed(1)} cm²`,
    );
  else parts.push('no density reported');
  if (a.dotDiameterMm) parts.push(`dots ${a.dotDiameterMm.toFixed(2)} mm`);
  parts.push(`${Math.round(100 * a.resolvability.resolvedFraction)}% of the scalp resolved`);
  if (a.density)
    parts.push(`${Math.round(100 * a.density.unresolvedShare)}% of the scalp unresolved (no count there)`);
  if (a.scarSuggestions.length)
    parts.push(
      `${a.scarSuggestions.length} scar suggestion(s): ${a.scarSuggestions.map((s) => s.kind).join(', ')}`,
    );
  return `${parts.join('; ')} (${seconds.toFixed(1)} s)`;
}

function numbers(text: string, count: number, option: string, names: string): number[] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n)))
    throw new UsageError(`${option} ${text}: must be ${count} numbers separated by commas (${names})`);
  return parts;
}

function parseCalibration(opts: AnalyzeOptions): CalibrationInput | undefined {
  if (opts.pxPerMm !== undefined && opts.ruler !== undefined)
    throw new UsageError('--px-per-mm and --ruler: give one calibration, not both');
  if (opts.pxPerMm !== undefined) return { pxPerMm: positiveOption(opts.pxPerMm, '--px-per-mm') };
  if (opts.ruler !== undefined) {
    const [x1, y1, x2, y2, mm] = numbers(opts.ruler, 5, '--ruler', 'x1,y1,x2,y2,mm');
    return { ruler: { x1: x1!, y1: y1!, x2: x2!, y2: y2!, mm: mm! } };
  }
  return undefined;
}

function parseRoi(text: string): Roi {
  const [x, y, w, h] = numbers(text, 4, '--roi', 'x,y,w,h');
  if (w! <= 0 || h! <= 0) throw new UsageError(`--roi ${text}: width and height must be positive`);
  return { x: x!, y: y!, w: w!, h: h! };
}

function optionFor(field: string): string {
  if (field.startsWith('roi')) return '--roi';
  if (field.startsWith('ruler')) return '--ruler';
  if (field === 'pxPerMm') return '--px-per-mm';
  if (field.startsWith('--scalp-mask')) return '--scalp-mask';
  if (field.startsWith('corrections')) return '--scalp-polygons';
  return field;
}

async function atomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  try {
    await write(tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') throw new UsageError(`${path}: cannot be written (${code})`);
    throw err;
  }
  await rename(tmp, path);
}
