import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzePhoto, camouflageScore, type AnalysisImage } from '@stipple/core';
import { median, time, type Table } from '../timing.js';

const CROWN = fileURLToPath(new URL('../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url));

/** The crown photo (4032 × 3024, 12.2 MP) decoded by sharp, as `stipple analyze` reads it. */
async function crownPhoto(): Promise<AnalysisImage> {
  if (!existsSync(CROWN)) throw new Error(`analysis bench: ${CROWN} is missing`);
  // sharp is the command line's decoder (installed at the workspace root); the bench borrows it.
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(CROWN)
    .rotate()
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** The fixed yardstick: sharp decoding the same JPEG and blurring it (σ 2), on one thread. */
async function yardstickMs(runs: number): Promise<number> {
  const { default: sharp } = await import('sharp');
  const threads = sharp.concurrency();
  sharp.concurrency(1);
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    await sharp(CROWN).blur(2).raw().toBuffer();
    if (i > 0) times.push(performance.now() - t);
  }
  sharp.concurrency(threads);
  return median(times);
}

export async function analysisSuite(): Promise<Table[]> {
  const photo = await crownPhoto();
  const mp = (photo.width * photo.height) / 1e6;
  // Yardstick and analysis interleaved, so both see the same load on a busy machine.
  const yardBefore = await yardstickMs(3);
  const analysis = time(() => analyzePhoto(photo, { calibration: { pxPerMm: 20 }, clock: performance }), 3);
  const yardAfter = await yardstickMs(3);
  const yard = Math.min(yardBefore, yardAfter);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const stages = Object.entries(analysis.result.timingsMs).map(
    ([name, ms]) => [name, ms] as (string | number)[],
  );
  // A 3 × 1 cm zone in the middle of the crown, scored against a 5 mm ring at 1 m.
  const zone = {
    id: 'zone',
    polygon: [
      [1700, 1400],
      [2300, 1400],
      [2300, 1600],
      [1700, 1600],
    ] as [number, number][],
  };
  const colourOnly = time(
    () => camouflageScore(photo, [zone], { pxPerMm: 20, analysis: analysis.result }),
    3,
  );
  const withCount = time(() => camouflageScore(photo, [zone], { pxPerMm: 20 }), 3);
  return [
    {
      title: `Photo analysis of a ${photo.width}×${photo.height} px photo (${mp.toFixed(1)} MP, the crown fixture, 20 px/mm)`,
      note: `target: under 2 s on one core and 600 MB; ${analysis.result.follicles.length} follicles, ${Math.round(100 * analysis.result.resolvability.resolvedFraction)}% of the scalp resolved; peak resident memory of the bench process so far ${Math.round(peakMb)} MB`,
      columns: ['step', 'ms'],
      rows: [
        ['analyzePhoto, total (median)', analysis.ms],
        ['yardstick: sharp decodes and blurs the same JPEG (σ 2, one thread, median)', Math.round(yard)],
        ['ratio analysis / yardstick', Math.round((100 * analysis.ms) / yard) / 100],
        ...stages.map(([n, ms]) => [`  ${String(n)} (last run)`, ms as number]),
      ],
    },
    {
      title:
        'Camouflage score of one 3 × 1 cm zone on the same photo (S-CIELAB at 1 m, CIEDE2000, dot density)',
      columns: ['variant', 'ms', 'runs'],
      rows: [
        ['colour only (follicles from a finished analysis)', colourOnly.ms, colourOnly.runs],
        ['colour and dot count (analyses the zone and ring)', withCount.ms, withCount.runs],
      ],
    },
  ];
}
