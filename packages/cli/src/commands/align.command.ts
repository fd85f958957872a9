import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import {
  ACCEPTANCE,
  assessAlignment,
  differenceImage,
  registerPhotos,
  RegistrationInputError,
  transformFromPointPairs,
  warpToEarlier,
  type Matrix3,
  type Registration,
} from '@stipple/core';
import { readJsonInput } from '../lib/json-input.js';
import { readPhoto, writePng } from '../lib/images.js';
import { checkOutputDir, withOutputDir } from '../lib/output-dir.js';
import { UsageError } from '../lib/usage-error.js';

/** The artist's correction: the same spots marked on both photos, in pixels. */
const PointsFile = z
  .array(
    z.strictObject({
      earlier: z.tuple([z.number(), z.number()]),
      later: z.tuple([z.number(), z.number()]),
    }),
  )
  .min(3, 'needs at least 3 pairs of points');

const DIRECTION =
  'laterFromEarlier carries a pixel of the earlier photo to the same place in the later photo; ' +
  'earlierFromLater is its inverse. Coordinates in pixels, x to the right, y down, (0, 0) the centre ' +
  'of the top-left pixel; a point [x, y] maps to [u/w, v/w] with [u, v, w] = M · [x, y, 1].';

interface AlignOptions {
  out: string;
  points?: string;
}

export function alignCommand(): Command {
  return new Command('align')
    .description(
      'register a follow-up photo to an earlier photo of the same view: the aligned photo, the transform and a difference image',
    )
    .argument('<earlier>', 'the earlier photo (JPEG, PNG, WebP or TIFF); the output has its size')
    .argument('<later>', 'the follow-up photo of the same view')
    .requiredOption('--out <dir>', 'folder for aligned.png, difference.png and transform.json')
    .option(
      '--points <file>',
      'align by the artist\'s points instead: JSON [{"earlier":[x,y],"later":[x,y]}, …], at least 3 pairs',
    )
    .action(async (earlierPath: string, laterPath: string, opts: AlignOptions) => {
      const started = Date.now();
      await checkOutputDir(opts.out);
      const pairs = opts.points ? await readJsonInput(opts.points, PointsFile, 'points file') : undefined;
      const earlier = await readPhoto(earlierPath, 'earlier photo');
      const later = await readPhoto(laterPath, 'later photo');
      let fit: Fit;
      try {
        fit = pairs ? byPoints(earlier, later, pairs, opts.points!) : byFeatures(earlier, later);
      } catch (err) {
        // A photo the registration cannot take at all (e.g. smaller than 64 px): name which one.
        if (err instanceof RegistrationInputError)
          throw new UsageError(
            `${err.field} photo ${err.field === 'earlier' ? earlierPath : laterPath}: ${err.message.replace(`${err.field}: `, '')}`,
          );
        throw err;
      }
      const aligned = warpToEarlier(later, fit.laterFromEarlier, earlier.width, earlier.height);
      const difference = differenceImage(earlier, aligned);
      const record = {
        earlier: { path: earlierPath, width: earlier.width, height: earlier.height },
        later: { path: laterPath, width: later.width, height: later.height },
        method: pairs ? 'points' : 'features',
        model: fit.model,
        direction: DIRECTION,
        laterFromEarlier: rows(fit.laterFromEarlier),
        earlierFromLater: rows(fit.earlierFromLater),
        ...fit.record,
        difference: { darkerShare: round(difference.darker), lighterShare: round(difference.lighter) },
        files: { aligned: 'aligned.png', difference: 'difference.png' },
      };
      await withOutputDir(opts.out, async (dir) => {
        await writePng(aligned, join(dir, 'aligned.png'));
        await writePng(difference.image, join(dir, 'difference.png'));
        await writeFile(join(dir, 'transform.json'), `${JSON.stringify(record, null, 2)}\n`);
      });
      process.stdout.write(
        `${fit.summary}; wrote aligned.png, difference.png, transform.json to ${opts.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      for (const note of fit.notes) process.stdout.write(`  note: ${note}\n`);
    });
}

interface Fit {
  model: string;
  laterFromEarlier: Matrix3;
  earlierFromLater: Matrix3;
  record: Record<string, unknown>;
  summary: string;
  notes: string[];
}

function byFeatures(
  earlier: Parameters<typeof registerPhotos>[0],
  later: Parameters<typeof registerPhotos>[1],
): Fit {
  const r = registerPhotos(earlier, later);
  if (!r.ok) throw new CannotAlign(r.message);
  const q = r.quality;
  return {
    model: r.model,
    laterFromEarlier: r.laterFromEarlier,
    earlierFromLater: r.earlierFromLater,
    record: { quality: q, notes: r.notes, inlierPairs: pairsOut(r) },
    summary:
      `aligned by a ${r.model}: ${q.inliers} of ${q.matches} matched points agree (reprojection error median ${q.reprojectionErrorPx.median} px, ` +
      `90th percentile ${q.reprojectionErrorPx.p90} px), the later photo covers ${Math.round(100 * q.overlap)} % of the earlier, agreement ${q.agreement.toFixed(2)}`,
    notes: r.notes,
  };
}

function byPoints(
  earlier: Parameters<typeof registerPhotos>[0],
  later: Parameters<typeof registerPhotos>[1],
  pairs: z.output<typeof PointsFile>,
  file: string,
): Fit {
  const r = transformFromPointPairs(
    pairs.map((p) => ({
      earlier: { x: p.earlier[0], y: p.earlier[1] },
      later: { x: p.later[0], y: p.later[1] },
    })),
  );
  if (!r.ok) throw new UsageError(`points file ${file}: ${r.message}`);
  const q = assessAlignment(earlier, later, r.laterFromEarlier);
  const notes: string[] = [];
  if (q.overlap < ACCEPTANCE.minOverlap)
    notes.push(
      `the points lay the later photo over only ${Math.round(100 * q.overlap)} % of the earlier: check them`,
    );
  if (q.agreement < ACCEPTANCE.minAgreement)
    notes.push(
      `the photos do not look alike where the points lay them (agreement ${q.agreement.toFixed(2)}): check the pairs`,
    );
  return {
    model: r.model,
    laterFromEarlier: r.laterFromEarlier,
    earlierFromLater: r.earlierFromLater,
    record: { quality: q, residualsPx: r.residualsPx.map((v) => round(v, 2)), notes },
    summary:
      `aligned by an ${r.model === 'affine' ? 'affine map through the 3 points' : `homography through ${pairs.length} points`} ` +
      `(residual RMS ${r.rmsPx.toFixed(2)} px), the later photo covers ${Math.round(100 * q.overlap)} % of the earlier, agreement ${q.agreement.toFixed(2)}`,
    notes,
  };
}

/** The expected "these photos cannot be aligned": exit 2 with the reason, nothing written. */
export class CannotAlign extends UsageError {
  constructor(reason: string) {
    super(`cannot align the photos: ${reason}`);
  }
}

function rows(m: Matrix3): number[][] {
  return [0, 3, 6].map((i) => [m[i]!, m[i + 1]!, m[i + 2]!].map((v) => Number(v.toPrecision(12))));
}

function pairsOut(r: Registration): { earlier: number[]; later: number[] }[] {
  return r.inlierPairs.map((p) => ({
    earlier: [round(p.earlier.x, 2), round(p.earlier.y, 2)],
    later: [round(p.later.x, 2), round(p.later.y, 2)],
  }));
}

function round(v: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
