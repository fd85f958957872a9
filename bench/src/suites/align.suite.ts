import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type SharpModule from 'sharp';
import {
  differenceImage,
  registerPhotos,
  warpToEarlier,
  type PhotoPixels,
  type RegistrationResult,
} from '@stipple/core';
import {
  gridError,
  syntheticFollowUp,
  type FollowUpChange,
} from '@stipple/core/registration/testing/synthetic-follow-up';
import { median, seededRandom, time, timeAsync, type Table } from '../timing.js';

const PHOTOS = fileURLToPath(new URL('../../../fixtures/photos/', import.meta.url));
/** The 100 real heads beside the checkout (not in the repository); the accuracy table needs them. */
const HEADS = fileURLToPath(new URL('../../../../shared/fixtures/real-heads/', import.meta.url));

type Sharp = typeof SharpModule;

async function loadSharp(): Promise<Sharp> {
  // sharp is the command line's decoder (installed at the workspace root); the bench borrows it.
  const { default: sharp } = await import('sharp');
  // One thread: the registration is one thread of JavaScript, so the yardstick is too.
  sharp.concurrency(1);
  return sharp;
}

async function decode(sharp: Sharp, input: string | Buffer): Promise<PhotoPixels> {
  const { data, info } = await sharp(input)
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

async function jpeg(sharp: Sharp, p: PhotoPixels): Promise<Buffer> {
  return sharp(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength), {
    raw: { width: p.width, height: p.height, channels: 3 },
  })
    .jpeg({ quality: 88 })
    .toBuffer();
}

const FOLLOW_UP: FollowUpChange = {
  angleDeg: 12,
  scale: 0.9,
  shift: [0.04, -0.03],
  perspective: [0.05, -0.03],
  gain: 1.25,
  gamma: 0.8,
  gradient: 0.5,
  dotsSeed: 5,
};

/** A random follow-up: turned up to ±30°, 0.75-1.3 times as near, shifted, a little perspective, relit. */
function randomChange(r: () => number): FollowUpChange {
  const between = (a: number, b: number) => a + (b - a) * r();
  return {
    angleDeg: between(-30, 30),
    scale: between(0.75, 1.3),
    shift: [between(-0.06, 0.06), between(-0.06, 0.06)],
    perspective: [between(-0.06, 0.06), between(-0.06, 0.06)],
    gain: between(0.7, 1.3),
    gamma: between(0.75, 1.35),
    gradient: between(-0.6, 0.6),
  };
}

export async function alignSuite(): Promise<Table[]> {
  const sharp = await loadSharp();
  const load = `load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(' / ')} (1 / 5 / 15 min) at the start`;
  const tables: Table[] = [];

  // Speed: a 12-megapixel follow-up beside sharp decoding and resizing the same two JPEGs.
  const earlierJpeg = `${PHOTOS}shaved-crown-stubble.jpg`;
  const earlier = await decode(sharp, earlierJpeg);
  const made = syntheticFollowUp(earlier, FOLLOW_UP);
  const laterJpeg = await jpeg(sharp, made.later);
  const later = await decode(sharp, laterJpeg);
  const mp = (earlier.width * earlier.height) / 1e6;
  const yardstick = await timeAsync(async () => {
    for (const input of [earlierJpeg, laterJpeg]) {
      await sharp(input).rotate().raw().toBuffer();
      await sharp(input).rotate().resize({ width: 2048, height: 2048, fit: 'inside' }).raw().toBuffer();
    }
  }, 3);
  const reg = time(() => registerPhotos(earlier, later), 3);
  if (!reg.result.ok) throw new Error(`align bench: the follow-up was refused: ${reg.result.message}`);
  const m = reg.result.laterFromEarlier;
  const warp = time(() => warpToEarlier(later, m, earlier.width, earlier.height), 3);
  const diff = time(() => differenceImage(earlier, warp.result), 3);
  const err = gridError(m, made.laterFromSource, earlier, later);
  const ratio = (ms: number) => ms / yardstick.ms;
  tables.push({
    title: `Alignment of a ${earlier.width}×${earlier.height} px follow-up (${mp.toFixed(1)} MP, the crown fixture turned 12°, scaled 0.9, relit, new dots)`,
    note: `yardstick: sharp (libvips, one thread) decoding both JPEGs, and decoding and resizing them to 2048 px; ${load}; grid error of this run: max ${err.max.toFixed(2)} px`,
    columns: ['step', 'ms', '× yardstick', 'runs'],
    rows: [
      ['yardstick: sharp decode + decode-and-resize, both photos', yardstick.ms, 1, yardstick.runs],
      ['registerPhotos (features, RANSAC, refinement)', reg.ms, ratio(reg.ms), reg.runs],
      ['warpToEarlier (aligned photo, full size)', warp.ms, ratio(warp.ms), warp.runs],
      ['differenceImage (full size)', diff.ms, ratio(diff.ms), diff.runs],
      [
        'the three, as `stipple align` runs them',
        reg.ms + warp.ms + diff.ms,
        ratio(reg.ms + warp.ms + diff.ms),
        '-',
      ],
    ],
  });

  if (!existsSync(HEADS)) {
    tables.push({
      title: 'Alignment accuracy on the real heads: skipped',
      note: `${HEADS} is missing`,
      columns: [],
      rows: [],
    });
    return tables;
  }
  tables.push(...(await headsAccuracy(sharp)));
  return tables;
}

/** Every real head against a random relit follow-up of itself, and random pairs of different heads. */
async function headsAccuracy(sharp: Sharp): Promise<Table[]> {
  const files = readdirSync(HEADS)
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .sort();
  const r = seededRandom(13);
  const errors: number[] = [];
  const refused: string[] = [];
  const ms: number[] = [];
  for (const f of files) {
    const photo = await decode(sharp, HEADS + f);
    const made = syntheticFollowUp(photo, randomChange(r));
    const later = await decode(sharp, await jpeg(sharp, made.later));
    const t = performance.now();
    const res = registerPhotos(photo, later);
    ms.push(performance.now() - t);
    if (!res.ok) refused.push(`${f} (${res.reason})`);
    else errors.push(gridError(res.laterFromEarlier, made.laterFromSource, photo, later).max);
  }
  errors.sort((a, b) => a - b);
  const q = (p: number) => errors[Math.min(errors.length - 1, Math.floor(p * errors.length))] ?? NaN;

  // Different heads: a pair that aligns is a false acceptance, except a pair that is the same photo
  // cropped (group2_6 and group2_14 are one picture at two crops).
  const samePhoto = new Set(['group2_14.png|group2_6.png', 'group2_6.png|group2_14.png']);
  const reasons = new Map<string, number>();
  const accepted: string[] = [];
  let pairs = 0;
  while (pairs < 100) {
    const a = files[Math.floor(r() * files.length)]!;
    const b = files[Math.floor(r() * files.length)]!;
    if (a === b || samePhoto.has(`${a}|${b}`)) continue;
    pairs++;
    const res: RegistrationResult = registerPhotos(
      await decode(sharp, HEADS + a),
      await decode(sharp, HEADS + b),
    );
    if (res.ok) accepted.push(`${a} + ${b}`);
    else reasons.set(res.reason, (reasons.get(res.reason) ?? 0) + 1);
  }
  return [
    {
      title: `Alignment accuracy on the ${files.length} real heads (web size), each against a random follow-up of itself`,
      note: "follow-up: turned ±30°, 0.75-1.3× as near, shifted ±6 %, perspective, relit (gain 0.7-1.3, gamma 0.75-1.35, a gradient ±60 %), JPEG 88; error: largest distance over an 11 × 11 grid, in the follow-up's pixels",
      columns: ['measure', 'value'],
      rows: [
        ['aligned', `${errors.length} of ${files.length}`],
        ['refused', refused.length ? refused.join(', ') : 'none'],
        ['grid error, median of the max (px)', q(0.5)],
        ['grid error, 95th percentile of the max (px)', q(0.95)],
        ['grid error, worst (px)', errors[errors.length - 1] ?? NaN],
        ['within 2 px', `${errors.filter((e) => e < 2).length} of ${files.length}`],
        ['registerPhotos, median ms', median(ms)],
      ],
    },
    {
      title: `Refusal of ${pairs} random pairs of different heads`,
      columns: ['outcome', 'pairs'],
      rows: [
        ...[...reasons].map(([reason, n]) => [`refused: ${reason}`, n] as (string | number)[]),
        ['aligned (false acceptance)', accepted.length ? `${accepted.length}: ${accepted.join(', ')}` : 0],
      ],
    },
  ];
}
