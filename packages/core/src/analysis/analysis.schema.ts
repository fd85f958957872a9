/**
 * The JSON an analysis is written as (`stipple analyze --out analysis.json`) and read back from
 * (`stipple simulate --analysis analysis.json`, to resolve `"densityPerCm2": "match"`).
 * Coordinates are photo pixels.
 */
import { z } from 'zod';
import { StoredNote } from '../domain/note.schema.js';

const Point = z.tuple([z.number(), z.number()]);
const LabColour = z.tuple([z.number(), z.number(), z.number()]);

export const RegionStatusSchema = z.enum([
  'resolved',
  'pixel-scale',
  'blur',
  'noise',
  'no-detail',
  'not-scalp',
  'not-skin',
  'overexposed',
]);

export const EncodedScalpMapSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  factor: z.number().int().positive(),
  classesRle: z.array(z.number().int().min(0)),
  coverageRle: z.array(z.number().int().min(0)),
});

export const PhotoAnalysisSchema = z.object({
  calibrated: z.boolean(),
  pxPerMm: z.number().positive().nullable(),
  calibrationSource: z.enum(['px-per-mm', 'ruler', 'none']),
  roi: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
  follicles: z.array(
    z.object({
      x: z.number(),
      y: z.number(),
      r: z.number().positive(),
      confidence: z.number().min(0).max(1),
      kind: z.enum(['opening', 'shaft']),
    }),
  ),
  density: z
    .object({
      // optional: analyses saved before the scalp map lack them
      perCm2: z.number().min(0).optional(),
      unresolvedShare: z.number().min(0).max(1).optional(),
      perCm2Median: z.number().min(0),
      perCm2P10: z.number().min(0),
      perCm2P90: z.number().min(0),
      areaCm2: z.number().min(0),
    })
    .nullable(),
  densityMap: z
    .object({
      originX: z.number(),
      originY: z.number(),
      cellPx: z.number().positive(),
      cols: z.number().int().min(0),
      rows: z.number().int().min(0),
      perCm2: z.array(z.number().nullable()),
    })
    .nullable(),
  dotDiameterMm: z.number().positive().nullable(),
  stubbleLab: LabColour.nullable(),
  skinLab: LabColour.nullable(),
  hair: z
    .object({
      toneLab: LabColour.nullable(),
      bareToneLab: LabColour.nullable(),
      coverage: z.number().min(0).max(1).nullable(),
      follicleCount: z.number().int().min(0),
    })
    .optional(),
  scalp: z
    .object({
      source: z.enum(['automatic', 'corrected', 'given']),
      scalpShare: z.number().min(0).max(1),
      scalpAreaCm2: z.number().min(0).nullable(),
      bareAreaCm2: z.number().min(0).nullable(),
      hairBearingAreaCm2: z.number().min(0).nullable(),
      faceAreaCm2: z.number().min(0).nullable(),
    })
    .optional(),
  scalpMap: EncodedScalpMapSchema.optional(),
  scarSuggestions: z.array(
    z.object({
      kind: z.enum(['strip', 'fue', 'patch']),
      polygon: z.array(Point).min(3),
      areaCm2: z.number().min(0).nullable(),
      confidence: z.number().min(0).max(1),
      reasons: z.array(z.string()),
      dots: z.array(z.object({ x: z.number(), y: z.number(), r: z.number() })).optional(),
    }),
  ),
  resolvability: z.object({
    tileSizePx: z.number().positive(),
    cols: z.number().int().min(0),
    rows: z.number().int().min(0),
    regions: z.array(
      z.object({
        x: z.number(),
        y: z.number(),
        w: z.number(),
        h: z.number(),
        status: RegionStatusSchema,
        blurMm: z.number().nullable(),
        spotMm: z.number().nullable(),
        referenceSnr: z.number(),
      }),
    ),
    resolvedFraction: z.number().min(0).max(1),
    counts: z.partialRecord(RegionStatusSchema, z.number().int().min(0)),
  }),
  // Files written before notes had codes hold English text.
  notes: z.array(StoredNote),
  timingsMs: z.record(z.string(), z.number()),
});
export type PhotoAnalysisJson = z.infer<typeof PhotoAnalysisSchema>;

/** Zones for `stipple score --zones zones.json`: outlines in photo pixels. */
export const CamouflageZonesSchema = z.object({
  zones: z.array(z.object({ id: z.string().min(1).optional(), polygon: z.array(Point).min(3) })).min(1),
});
export type CamouflageZonesJson = z.infer<typeof CamouflageZonesSchema>;
