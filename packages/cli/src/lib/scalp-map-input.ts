/**
 * The scalp as the user gives it to `stipple analyze`: a mask image (`--scalp-mask`: class values
 * 0-3 as in the annotation format, or white = scalp) and/or a polygon file (`--scalp-polygons`:
 * the annotation format's layers, or a list of corrections), applied over the automatic map.
 */
import sharp from 'sharp';
import { z } from 'zod';
import {
  applyCorrections,
  mapFromMask,
  segmentScalp,
  type AnalysisImage,
  type ScalpCorrection,
  type ScalpMap,
  type SegmentScalpOptions,
} from '@stipple/core';
import { readJsonInput } from './json-input.js';
import { UsageError } from './usage-error.js';

const Point = z.tuple([z.number(), z.number()]);
const Polygon = z.array(Point).min(3);
/** The annotation format (bench/annotations): head, scalp and bare layers painted in that order. */
const AnnotationLayers = z.object({
  layers: z.array(z.object({ label: z.string(), polygon: Polygon })).min(1),
});
const CorrectionList = z.object({
  corrections: z
    .array(z.object({ class: z.enum(['other', 'face', 'bare', 'hair']), polygon: Polygon }))
    .min(1),
});
const PolygonFile = z.union([AnnotationLayers, CorrectionList]);

const LAYER_CLASS: Record<string, ScalpCorrection['class']> = { head: 'face', scalp: 'hair', bare: 'bare' };

export async function scalpMapFromOptions(
  photo: AnalysisImage,
  maskPath: string | undefined,
  polygonsPath: string | undefined,
  segmentOptions: SegmentScalpOptions = {},
): Promise<ScalpMap | undefined> {
  if (!maskPath && !polygonsPath) return undefined;
  let map = segmentScalp(photo, segmentOptions);
  if (maskPath) {
    let mask: { width: number; height: number; data: Uint8Array };
    try {
      const { data, info } = await sharp(maskPath)
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true });
      mask = {
        width: info.width,
        height: info.height,
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      };
    } catch (err) {
      throw new UsageError(
        `--scalp-mask ${maskPath}: not an image this tool can read (${(err as Error).message.split('\n')[0]})`,
      );
    }
    map = mapFromMask(mask, photo, map, '--scalp-mask');
  }
  if (polygonsPath) {
    const file = await readJsonInput(polygonsPath, PolygonFile, '--scalp-polygons');
    let corrections: ScalpCorrection[];
    if ('layers' in file) {
      // Every pixel starts as "other" when the file describes the whole photo (it has a head).
      const known = file.layers.filter((l) => LAYER_CLASS[l.label]);
      if (known.length === 0)
        throw new UsageError(`--scalp-polygons ${polygonsPath}: no layer labelled head, scalp or bare`);
      corrections = [
        {
          class: 'other',
          polygon: [
            [-1, -1],
            [photo.width + 1, -1],
            [photo.width + 1, photo.height + 1],
            [-1, photo.height + 1],
          ],
        },
        ...(['head', 'scalp', 'bare'] as const).flatMap((label) =>
          known
            .filter((l) => l.label === label)
            .map((l) => ({ class: LAYER_CLASS[label]!, polygon: l.polygon })),
        ),
      ];
      if (!known.some((l) => l.label === 'head')) corrections.shift();
    } else corrections = file.corrections;
    map = applyCorrections(map, corrections);
  }
  return map;
}
