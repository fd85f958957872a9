import { Command } from 'commander';
import { z } from 'zod';
import {
  AnalysisInputError,
  ZONE_DEFAULTS,
  ZonesFile,
  clientHairFromAnalysis,
  compareCamouflage,
  hairBearingFrom,
  pxPerMmOf,
  scoreFillZones,
  shadeForStubble,
  type CamouflageZone,
} from '@stipple/core';
import { readJsonInput } from '../lib/json-input.js';
import { readPhoto } from '../lib/images.js';
import { positiveOption } from '../lib/number-option.js';
import { UsageError } from '../lib/usage-error.js';

const Lab = z.tuple([z.number(), z.number(), z.number()]);
/** What `score` reads of an analysis of the before photo: the client's hair, for fill zones. */
const HairAnalysis = z.object({
  follicles: z.array(z.object({ x: z.number(), y: z.number() })).optional(),
  stubbleLab: Lab.nullable().optional(),
  skinLab: Lab.nullable().optional(),
});

interface ScoreOptions {
  zones: string;
  analysis?: string;
  pxPerMm?: string;
  viewingDistanceMm?: string;
  ringMm?: string;
}

export function scoreCommand(): Command {
  return new Command('score')
    .description(
      'how visible each scar or fill zone is before and after: CIEDE2000 against a ring around it at viewing distance, and dot density inside vs around',
    )
    .argument('<before>', 'the photo before treatment')
    .argument('<after>', 'the photo or render after treatment, same size and framing')
    .requiredOption(
      '--zones <file>',
      'the zones file (as for `stipple simulate`); scar and fill zones are scored',
    )
    .option('--px-per-mm <n>', 'photo scale, overriding the zones file calibration')
    .option('--viewing-distance-mm <n>', 'distance the scalp is looked at from (default 1000)')
    .option('--ring-mm <n>', 'width of the ring of skin the zone is compared with (default 5)')
    .option(
      '--analysis <file>',
      'analysis of the before photo (`stipple analyze`): a fill zone is compared with the hair-bearing scalp next to it',
    )
    .action(async (beforePath: string, afterPath: string, opts: ScoreOptions) => {
      const spec = await readJsonInput(opts.zones, ZonesFile, 'zones file');
      const pxPerMm =
        opts.pxPerMm !== undefined
          ? positiveOption(opts.pxPerMm, '--px-per-mm')
          : pxPerMmOf(spec.calibration);
      const zones: CamouflageZone[] = [];
      for (const z of spec.zones)
        if (z.kind === 'scar' || z.kind === 'fill') zones.push({ id: z.id, polygon: z.polygon });
      if (zones.length === 0)
        throw new UsageError(`zones file ${opts.zones}: has no scar or fill zone to score`);
      const before = await readPhoto(beforePath, 'before');
      const after = await readPhoto(afterPath, 'after');
      try {
        const result = compareCamouflage(before, after, zones, {
          pxPerMm,
          ...(opts.viewingDistanceMm !== undefined
            ? { viewingDistanceMm: positiveOption(opts.viewingDistanceMm, '--viewing-distance-mm') }
            : {}),
          ...(opts.ringMm !== undefined ? { ringWidthMm: positiveOption(opts.ringMm, '--ring-mm') } : {}),
        });
        const hairFile = opts.analysis
          ? await readJsonInput(opts.analysis, HairAnalysis, 'analysis file')
          : null;
        const hair = hairFile ? clientHairFromAnalysis(hairFile) : null;
        const stubble = hair ? shadeForStubble(hair.stubbleLab, hair.skinLab).shade : null;
        const fills = spec.zones.flatMap((zone) =>
          zone.kind === 'fill'
            ? [
                {
                  zoneId: zone.id,
                  polygon: zone.polygon,
                  featherMm: zone.featherMm ?? ZONE_DEFAULTS.featherMm,
                  shade: zone.shadePerSession?.at(-1) ?? zone.shade ?? stubble ?? ZONE_DEFAULTS.shade,
                  densityPerCm2: zone.densityPerCm2 ?? ZONE_DEFAULTS.densityPerCm2,
                  stubbleShade: stubble,
                },
              ]
            : [],
        );
        const fillMatches = fills.length
          ? scoreFillZones(after, fills, {
              pxPerMm,
              hairBearing: hair ? hairBearingFrom(hair, after, pxPerMm) : null,
              ...(hair ? { follicles: hair.follicles } : {}),
              before,
            }).map(({ rules, ...m }) => ({
              ...m,
              rules: rules.map((r) => r.id),
              words: rules.map((r) => r.text).join(' '),
            }))
          : [];
        process.stdout.write(`${JSON.stringify({ pxPerMm, zones: result, fillMatches }, null, 2)}\n`);
      } catch (err) {
        if (err instanceof AnalysisInputError)
          throw new UsageError(`${err.field === 'after' ? afterPath : opts.zones}: ${err.message}`);
        throw err;
      }
    });
}
