import { z } from 'zod';
import { checkRuler, PxPerMm } from './photo-scale.js';
import { SCAR_TEXTURES } from './assessment.schema.js';

type Texture = (typeof SCAR_TEXTURES)[number];

/**
 * The zones an artist draws on a client's photo, and how they are to be treated: the input of
 * the simulation (`stipple simulate --zones`), of the web preview, and later of the plan.
 * Coordinates are photo pixels; lengths in millimetres through the calibration. Defaults come
 * from docs/domain.md §8 (cited per field).
 */

const Point = z.tuple([z.number().finite(), z.number().finite()]);
export type Point = z.infer<typeof Point>;

const Polygon = z.array(Point).min(3, { message: 'tooFewItems' }).max(10_000);
const Polyline = z.array(Point).min(2, { message: 'tooFewItems' }).max(10_000);

/**
 * Share of pigment a scar keeps, relative to healthy skin, by texture. Scar tissue is fibrotic
 * and holds pigment less well and less predictably (domain.md §2.1); the ordering follows the
 * expected camouflage there (flat up to 100%, hypertrophic ~80%, atrophic ≤ 50%). The values are
 * this product's starting points, not measurements.
 */
export const SCAR_RETENTION: Record<Texture, number> = {
  flat: 0.85,
  raised: 0.7,
  atrophic: 0.55,
  keloid: 0.5,
};

/**
 * The poor end of the range a scar of each texture may keep, for showing the honest uncertainty
 * beside the expected result. domain.md §2.1: scar tissue holds pigment "less well or less
 * predictably", can "absorb and disperse" it more than expected (scalpguru.com) and usually needs
 * extra sessions; atrophic scars reach "no better than about 50 %" camouflage and need a test
 * session (pigmentalia.co.uk); scarring alopecia fades faster (Liu 2025: 1.6 vs 0.9 points in
 * 6 months). No source gives a number for the poor end: this product takes about 60 % of the
 * expected share (a scar that takes ~40 % less than hoped), lower for the unpredictable textures.
 */
export const SCAR_RETENTION_POOR: Record<Texture, number> = {
  flat: 0.55,
  raised: 0.4,
  atrophic: 0.3,
  keloid: 0.25,
};

/**
 * Pigment shade on the numbered dilution scale one clinic uses (domain.md §1.6: lower is darker;
 * most clients 20s-40s, blonde 40-50, 60 the lightest).
 */
const Shade = z.number().min(10).max(60);

const zoneCommon = {
  id: z
    .string()
    .trim()
    .min(1, { message: 'required' })
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, { message: 'zoneIdChars' }),
  /** Width of the soft edge, so that no zone boundary can be seen. */
  featherMm: z.number().min(0).max(30).optional(),
  /** Visible dot diameter right after the session (needle 0.18-0.30 mm, domain.md §1.1). */
  dotDiameterMm: z.number().min(0.05).max(1).optional(),
  /** Target shade when healed; sessions build up to it from lighter (domain.md §1.7). */
  shade: Shade.optional(),
  /** Shade per session, overriding the build-up from `shade`. */
  shadePerSession: z.array(Shade).min(1).max(8).optional(),
};

const density = z.number().min(1, { message: 'atLeast' }).max(200, { message: 'atMost' });

export const ScarZone = z.strictObject({
  ...zoneCommon,
  kind: z.literal('scar'),
  polygon: Polygon,
  /** Impressions per cm², or "match" to take the follicle density around the scar from an analysis. */
  densityPerCm2: z.union([density, z.literal('match')]).optional(),
  texture: z.enum(SCAR_TEXTURES).optional(),
  /** Share of pigment the scar keeps (0-1); default by texture, see SCAR_RETENTION. */
  retention: z.number().min(0.05).max(1).optional(),
});

export const FillZone = z.strictObject({
  ...zoneCommon,
  kind: z.literal('fill'),
  polygon: Polygon,
  densityPerCm2: density.optional(),
});

export const HairlineZone = z.strictObject({
  ...zoneCommon,
  kind: z.literal('hairline'),
  /** The front edge of the hair, as drawn. */
  polyline: Polyline,
  /** Any point on the scalp side of the line: the side the hair is on. */
  inward: Point,
  densityPerCm2: density.optional(),
  /** Depth over which density rises irregularly behind the line (domain.md §3.4: 5-10 mm). */
  transitionMm: z.number().min(5, { message: 'atLeast' }).max(10, { message: 'atMost' }).optional(),
  /** How far in front of the line isolated impressions and small clusters may sit. */
  frontMm: z.number().min(0).max(6).optional(),
  /** How far behind the line the zone keeps its density before it fades out. */
  depthMm: z.number().min(10).max(300).optional(),
});

export const ExcludeZone = z.strictObject({
  id: zoneCommon.id,
  kind: z.literal('exclude'),
  polygon: Polygon,
  featherMm: zoneCommon.featherMm,
});

export const Zone = z.discriminatedUnion('kind', [ScarZone, FillZone, HairlineZone, ExcludeZone]);
export type Zone = z.infer<typeof Zone>;
export type ScarZone = z.infer<typeof ScarZone>;
export type FillZone = z.infer<typeof FillZone>;
export type HairlineZone = z.infer<typeof HairlineZone>;
export type ExcludeZone = z.infer<typeof ExcludeZone>;

export const Calibration = z.union(
  [
    z.strictObject({ pxPerMm: PxPerMm }),
    z.strictObject({
      ruler: z
        .strictObject({
          a: Point,
          b: Point,
          mm: z.number().positive({ message: 'moreThan' }).max(1000),
        })
        .superRefine((r, ctx) =>
          checkRuler(Math.hypot(r.b[0] - r.a[0], r.b[1] - r.a[1]), r.mm, ctx, { points: ['b'], mm: ['mm'] }),
        ),
    }),
  ],
  {
    error: (issue) => (issue.input === undefined ? 'required' : 'calibration'),
  },
);
export type Calibration = z.infer<typeof Calibration>;

export const ZonesFile = z
  .strictObject({
    calibration: Calibration,
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    /** Number of sessions (domain.md §8: 3 for hair loss, 4 for scars; 2-7 seen). */
    sessions: z.number().int().min(1).max(8).default(3),
    /** Cumulative share of the impressions after each session; default 30/70/100 % (Liu 2025). */
    sessionShares: z.array(z.number().gt(0).max(1)).min(1).max(8).optional(),
    /** Years after the last session for the faded view (touch-up after ~4 years, domain.md §1.9). */
    fadeYears: z.number().min(0.5).max(20).default(5),
    zones: z
      .array(Zone, {
        error: (issue) => (issue.input === undefined ? 'required' : 'notAList'),
      })
      .min(1, { message: 'tooFewItems' })
      .max(200),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.zones.forEach((zone, i) => {
      if (seen.has(zone.id))
        ctx.addIssue({
          code: 'custom',
          path: ['zones', i, 'id'],
          message: 'usedTwice',
          params: { id: zone.id },
        });
      seen.add(zone.id);
    });
    if (file.sessionShares) {
      if (file.sessionShares.length !== file.sessions)
        ctx.addIssue({
          code: 'custom',
          path: ['sessionShares'],
          message: 'onePerSession',
          params: { count: file.sessions },
        });
      for (let i = 1; i < file.sessionShares.length; i++)
        if (file.sessionShares[i]! <= file.sessionShares[i - 1]!)
          ctx.addIssue({
            code: 'custom',
            path: ['sessionShares', i],
            message: 'increasing',
          });
      if (file.sessionShares.at(-1) !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['sessionShares'],
          message: 'endsWithOne',
        });
    }
    file.zones.forEach((zone, i) => {
      if (zone.kind !== 'exclude' && zone.shadePerSession && zone.shadePerSession.length !== file.sessions)
        ctx.addIssue({
          code: 'custom',
          path: ['zones', i, 'shadePerSession'],
          message: 'onePerSession',
          params: { count: file.sessions },
        });
    });
  });
export type ZonesFile = z.infer<typeof ZonesFile>;
export type ZonesFileInput = z.input<typeof ZonesFile>;

/** Cumulative share of impressions after each session (Liu 2025: 30 → 70 → 100 % over three). */
export function defaultSessionShares(sessions: number): number[] {
  const known: Record<number, number[]> = {
    1: [1],
    2: [0.5, 1],
    3: [0.3, 0.7, 1],
    4: [0.25, 0.55, 0.85, 1],
  };
  return known[sessions] ?? Array.from({ length: sessions }, (_, i) => (i + 1) / sessions);
}

/** Defaults by zone kind (domain.md §8): needle 1RL 0.20 mm at the hairline, 3RL 0.25 mm for fill. */
export const ZONE_DEFAULTS = {
  densityPerCm2: 70, // natural follicular-unit density, the reference (domain.md §1.4, §8)
  featherMm: 3,
  dotDiameterMm: { hairline: 0.2, fill: 0.25, scar: 0.25 },
  shade: 30, // dark-brown hair on the numbered scale
  transitionMm: 8,
  frontMm: 3,
  depthMm: 40,
} as const;

/** Pixels per millimetre of a calibration. */
export function pxPerMmOf(calibration: Calibration): number {
  if ('pxPerMm' in calibration) return calibration.pxPerMm;
  const { a, b, mm } = calibration.ruler;
  return Math.hypot(b[0] - a[0], b[1] - a[1]) / mm;
}

/** Shade per session: from 10 lighter than the target up to the target (domain.md §1.7). */
export function shadesForSessions(target: number, sessions: number): number[] {
  if (sessions === 1) return [target];
  return Array.from({ length: sessions }, (_, i) =>
    Math.min(60, target + (10 * (sessions - 1 - i)) / (sessions - 1)),
  );
}
