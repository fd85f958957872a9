import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransform, type Matrix3, type PhotoPixels } from '@stipple/core';
import { gridError, syntheticFollowUp } from '@stipple/core/registration/testing/synthetic-follow-up';

const bin = fileURLToPath(new URL('../../bin/stipple.js', import.meta.url));
const root = fileURLToPath(new URL('../../../..', import.meta.url));
const photos = join(root, 'fixtures/photos');
const SLOW = 600_000;
let dir: string;
let truth: Matrix3;
let earlierSize: { width: number; height: number };
let laterSize: { width: number; height: number };

function stipple(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function decode(path: string): Promise<PhotoPixels> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

interface TransformJson {
  method: string;
  model: string;
  direction: string;
  earlier: { width: number; height: number };
  laterFromEarlier: number[][];
  earlierFromLater: number[][];
  quality: {
    inliers: number;
    matches: number;
    overlap: number;
    agreement: number;
    reprojectionErrorPx: { median: number };
  };
  residualsPx?: number[];
  difference: { darkerShare: number };
}

beforeAll(async () => {
  // The command runs from its build, as `npx stipple` does; build it when this command is missing.
  if (!existsSync(new URL('../../dist/commands/align.command.js', import.meta.url))) {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/cli')],
        (e) => (e ? reject(new Error(`building the command line failed: ${e.message}`)) : resolve()),
      ),
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'stipple-align-'));
  // The crown photo at 1600 px and a follow-up of it: turned, nearer, lit from the side, new dots.
  await sharp(join(photos, 'shaved-crown-stubble.jpg'))
    .resize({ width: 1600 })
    .jpeg({ quality: 90 })
    .toFile(join(dir, 'earlier.jpg'));
  await sharp(join(photos, 'shaved-top-diffuse.jpg'))
    .resize({ width: 1200 })
    .jpeg({ quality: 90 })
    .toFile(join(dir, 'other.jpg'));
  const earlier = await decode(join(dir, 'earlier.jpg'));
  earlierSize = earlier;
  const made = syntheticFollowUp(earlier, {
    angleDeg: -15,
    scale: 1.08,
    shift: [0.03, -0.02],
    perspective: [0.04, 0.03],
    gain: 0.8,
    gamma: 1.25,
    gradient: 0.5,
    dotsSeed: 9,
  });
  truth = made.laterFromSource;
  laterSize = made.later;
  const raw = { width: made.later.width, height: made.later.height, channels: 3 as const };
  await sharp(Buffer.from(made.later.data), { raw }).jpeg({ quality: 88 }).toFile(join(dir, 'later.jpg'));
  await writeFile(join(dir, 'not-a-photo.jpg'), 'hello');
}, SLOW);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stipple align', () => {
  it(
    'writes the aligned photo at the earlier size, the transform within 2 px and a difference image',
    async () => {
      const res = await stipple('align', 'earlier.jpg', 'later.jpg', '--out', 'out');
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^aligned by a (homography|similarity): \d+ of \d+ matched points agree/);
      expect((await readdir(join(dir, 'out'))).sort()).toEqual([
        'aligned.png',
        'difference.png',
        'transform.json',
      ]);
      for (const file of ['aligned.png', 'difference.png']) {
        const meta = await sharp(join(dir, 'out', file)).metadata();
        expect([meta.width, meta.height, meta.channels]).toEqual([earlierSize.width, earlierSize.height, 4]);
      }
      const t = JSON.parse(await readFile(join(dir, 'out', 'transform.json'), 'utf8')) as TransformJson;
      expect(t.method).toBe('features');
      expect(t.direction).toMatch(/earlier photo to the same place in the later photo/);
      expect(t.quality.inliers).toBeGreaterThan(30);
      expect(t.quality.overlap).toBeGreaterThan(0.6);
      expect(t.quality.reprojectionErrorPx.median).toBeLessThan(3);
      const m = t.laterFromEarlier.flat() as unknown as Matrix3;
      const err = gridError(m, truth, earlierSize, laterSize);
      expect(err.max).toBeLessThan(2);
      // The inverse in the file undoes the transform.
      const p = applyTransform(
        t.earlierFromLater.flat() as unknown as Matrix3,
        applyTransform(m, { x: 800, y: 600 }),
      );
      expect(Math.hypot(p.x - 800, p.y - 600)).toBeLessThan(1e-3);
      // The new dots show as darker in the difference.
      expect(t.difference.darkerShare).toBeGreaterThan(0.01);
      // The aligned photo lines up with the earlier one: its texture correlates, a shifted copy's would not.
      const aligned = await sharp(join(dir, 'out', 'aligned.png'))
        .removeAlpha()
        .greyscale()
        .raw()
        .toBuffer();
      const earlier = await sharp(join(dir, 'earlier.jpg')).greyscale().raw().toBuffer();
      const corr = (shift: number) =>
        correlation(earlier, aligned, earlierSize.width, earlierSize.height, shift);
      expect(corr(0)).toBeGreaterThan(corr(3) + 0.1);
    },
    SLOW,
  );

  it(
    "aligns by the artist's three points when given, with their residuals",
    async () => {
      const pts = [
        { x: 300, y: 250 },
        { x: 1300, y: 300 },
        { x: 800, y: 1000 },
      ].map((p) => ({
        earlier: [p.x, p.y],
        later: [applyTransform(truth, p).x, applyTransform(truth, p).y],
      }));
      await writeFile(join(dir, 'points.json'), JSON.stringify(pts));
      const res = await stipple(
        'align',
        'earlier.jpg',
        'later.jpg',
        '--out',
        'by-points',
        '--points',
        'points.json',
      );
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/affine map through the 3 points/);
      const t = JSON.parse(await readFile(join(dir, 'by-points', 'transform.json'), 'utf8')) as TransformJson;
      expect([t.method, t.model]).toEqual(['points', 'affine']);
      expect(t.residualsPx).toHaveLength(3);
      expect(Math.max(...t.residualsPx!)).toBeLessThan(0.01);
      // Three points fix an affine map; the true transform has a little perspective.
      expect(
        gridError(t.laterFromEarlier.flat() as unknown as Matrix3, truth, earlierSize, laterSize).mean,
      ).toBeLessThan(20);
      expect(t.quality.agreement).toBeGreaterThan(0.3);
    },
    SLOW,
  );

  it(
    'refuses unrelated photos with exit 2 and the reason, writing nothing',
    async () => {
      await mkdir(join(dir, 'kept'));
      await writeFile(join(dir, 'kept', 'earlier-result.txt'), 'keep me');
      for (const out of ['refused', 'kept']) {
        const res = await stipple('align', 'earlier.jpg', 'other.jpg', '--out', out);
        expect(res.code).toBe(2);
        expect(res.stdout).toBe('');
        expect(res.stderr).toMatch(
          /^stipple: cannot align the photos: .*(different views or different people|do not look alike)/,
        );
      }
      expect(existsSync(join(dir, 'refused'))).toBe(false);
      expect(await readdir(join(dir, 'kept'))).toEqual(['earlier-result.txt']);
      expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'names the argument at fault with exit 2',
    async () => {
      const cases: [string[], RegExp][] = [
        [['align', 'earlier.jpg', 'later.jpg'], /--out/],
        [['align', 'earlier.jpg', '--out', 'x'], /missing required argument 'later'/],
        [['align', 'missing.jpg', 'later.jpg', '--out', 'x'], /earlier photo missing\.jpg: no such file/],
        [
          ['align', 'earlier.jpg', 'not-a-photo.jpg', '--out', 'x'],
          /later photo not-a-photo\.jpg: not an image/,
        ],
        [
          ['align', 'earlier.jpg', 'later.jpg', '--out', 'not-a-photo.jpg'],
          /--out not-a-photo\.jpg: exists and is not a folder/,
        ],
        [
          ['align', 'earlier.jpg', 'later.jpg', '--out', 'x', '--points', 'nope.json'],
          /points file nope\.json: cannot be read/,
        ],
      ];
      await writeFile(
        join(dir, 'two.json'),
        JSON.stringify([
          { earlier: [1, 2], later: [3, 4] },
          { earlier: [5, 6], later: [7] },
        ]),
      );
      cases.push([
        ['align', 'earlier.jpg', 'later.jpg', '--out', 'x', '--points', 'two.json'],
        /\[1\]\.later/,
      ]);
      const line = [0, 1, 2].map((t) => ({
        earlier: [100 + 400 * t, 100 + 300 * t],
        later: [120 + 400 * t, 90 + 300 * t],
      }));
      await writeFile(join(dir, 'line.json'), JSON.stringify(line));
      cases.push([
        ['align', 'earlier.jpg', 'later.jpg', '--out', 'x', '--points', 'line.json'],
        /points file line\.json: .*lie on one line/,
      ]);
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c8a08c' } })
        .png()
        .toFile(join(dir, 'tiny.png'));
      cases.push([
        ['align', 'earlier.jpg', 'tiny.png', '--out', 'x'],
        /later photo tiny\.png: must be at least 64 × 64 pixels/,
      ]);
      for (const [args, message] of cases) {
        const res = await stipple(...args);
        expect(res.code, args.join(' ')).toBe(2);
        expect(res.stderr).toMatch(message);
      }
      expect(existsSync(join(dir, 'x'))).toBe(false);
    },
    SLOW,
  );
});

/** Correlation of two grey images, the second shifted right by `shift` pixels, over the middle half. */
function correlation(a: Buffer, b: Buffer, width: number, height: number, shift: number): number {
  let n = 0,
    sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let y = Math.floor(height / 4); y < (3 * height) / 4; y++)
    for (let x = Math.floor(width / 4); x < (3 * width) / 4; x++) {
      const u = a[y * width + x]!;
      const v = b[y * width + x + shift]!;
      n++;
      sa += u;
      sb += v;
      saa += u * u;
      sbb += v * v;
      sab += u * v;
    }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}
