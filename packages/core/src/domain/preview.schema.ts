import { z } from 'zod';
import { Id, Timestamp } from './common.schema.js';
import { StaffRef } from './consultation.schema.js';
import { StoredNote } from './note.schema.js';
import { ZonesFile } from './zones.schema.js';

/*
 * The zones an artist draws on one photo (a `ZonesFile` in the photo's own pixels) and the
 * full-resolution renders the server makes of them: every session's fresh look, healed (with a
 * scar, also at the poor end of what it keeps) and faded, stored as high-quality JPEG files (4:4:4,
 * quality 92), with the camouflage score of each scar zone once measured.
 */

/** Largest head and scalp map side the server takes (maps are a few hundred pixels). */
export const SCALP_MAP_MAX_SIDE = 2048;

/**
 * A head and scalp map at its own resolution: one class per map pixel, row-major, run-length
 * encoded as alternating class and run length (0 other, 1 face and ears, 2 bare scalp, 3
 * hair-bearing scalp).
 */
export const ScalpMapLabels = z.strictObject({
  width: z.int().min(1).max(SCALP_MAP_MAX_SIDE),
  height: z.int().min(1).max(SCALP_MAP_MAX_SIDE),
  classesRle: z
    .array(z.int().min(0))
    .max(2 * SCALP_MAP_MAX_SIDE * SCALP_MAP_MAX_SIDE)
    .describe('alternating class (0-3) and run length, covering width × height exactly'),
});
export type ScalpMapLabels = z.infer<typeof ScalpMapLabels>;

export const SaveZonesRequest = z.strictObject({
  zones: ZonesFile,
  version: z.int().min(0).describe('the version you read (0 for a photo without zones): 409 when stale'),
  scalpMap: ScalpMapLabels.nullable()
    .optional()
    .describe(
      "the artist's corrected head and scalp map, the size of the automatic one; null removes the correction, left out keeps it",
    ),
});
export type SaveZonesRequest = z.infer<typeof SaveZonesRequest>;
export type SaveZonesInput = z.input<typeof SaveZonesRequest>;

// superseded: the zones were saved again before the render started, so it was never made (not a failure).
export const RENDER_STATUSES = ['queued', 'running', 'done', 'failed', 'superseded'] as const;
export const RenderStatus = z.enum(RENDER_STATUSES);
export type RenderStatus = z.infer<typeof RenderStatus>;

/** A render's progress as the editor polls it: status, percent done and why it failed. */
export const RenderProgress = z.object({
  id: z.uuid(),
  status: RenderStatus,
  progress: z.number().int(),
  error: StoredNote.nullable(),
});
export type RenderProgress = z.infer<typeof RenderProgress>;

export const ANALYSIS_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const AnalysisStatus = z.enum(ANALYSIS_STATUSES);

export const RENDER_LOOKS = ['fresh', 'healed', 'faded'] as const;

export const RenderStageFile = z.object({
  /** session-1 … session-N, healed, healed-scar-poor, faded-5y (as `stipple simulate` names them). */
  name: z.string().regex(/^[a-z0-9.-]+$/),
  look: z.enum(RENDER_LOOKS),
  afterSession: z.int().min(1),
  years: z.number().nullable(),
  /** Healed scars at the share of pigment expected for their texture, or at the poor end of its range. */
  scarRetention: z.enum(['expected', 'poor']).nullable(),
  width: z.int(),
  height: z.int(),
  bytes: z.int(),
});
export type RenderStageFile = z.infer<typeof RenderStageFile>;

/** How visible one scar zone is against the skin around it (CIEDE2000 at a viewing distance). */
export const CamouflageMeasure = z.object({
  deltaE00: z.number(),
  deltaE00P95: z.number(),
  densityInside: z.number(),
  densityAround: z.number(),
  densityRatio: z.number().nullable(),
});
export type CamouflageMeasure = z.infer<typeof CamouflageMeasure>;

export const ScarCamouflageScore = z.object({
  zoneId: z.string(),
  before: CamouflageMeasure,
  after: CamouflageMeasure,
  /** Before minus after: positive = less visible after treatment. */
  deltaE00Reduction: z.number(),
  viewingDistanceMm: z.number(),
});
export type ScarCamouflageScore = z.infer<typeof ScarCamouflageScore>;

/**
 * Whether a fill zone reads as the client's hair next to it at conversation distance (healed
 * render), in words through its rules (FILL_MATCH_RULES: the verdict first, then what to change).
 */
export const FillMatchScore = z.object({
  zoneId: z.string(),
  /** 'no-reference': no hair-bearing scalp next to the zone to compare with, so no verdict. */
  verdict: z.enum(['blends', 'close', 'cannot-match', 'no-reference']),
  deltaE00: z.number(),
  /** The same on the photo before treatment (absent on renders stored before it was measured). */
  deltaE00Before: z.number().nullable().optional(),
  /** Treated minus hair: positive = the treated area reads lighter. */
  deltaL: z.number(),
  ring: z.enum(['hair-bearing', 'surrounding']),
  hairDensityPerCm2: z.number().nullable(),
  ruleIds: z.array(z.string()),
  viewingDistanceMm: z.number(),
});
export type FillMatchScore = z.infer<typeof FillMatchScore>;

export const PreviewRender = z.object({
  id: Id,
  photoId: Id,
  clientId: Id,
  zonesVersion: z.int(),
  status: RenderStatus,
  /** 0-100 while it runs. */
  progress: z.int().min(0).max(100),
  stages: z.array(RenderStageFile),
  /** Per scar zone; null until measured, or when the photo analysis is not available. */
  camouflage: z.array(ScarCamouflageScore).nullable(),
  /** Per fill zone, once rendered. */
  fillMatches: z.array(FillMatchScore),
  /** What could not be measured or made (message references; English text in older rows). */
  notes: z.array(StoredNote),
  /** Why it failed, the same way. */
  error: StoredNote.nullable(),
  impressions: z.int().nullable(),
  createdBy: StaffRef.nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type PreviewRender = z.infer<typeof PreviewRender>;

export const PreviewRenderList = z.object({ items: z.array(PreviewRender) });
export type PreviewRenderList = z.infer<typeof PreviewRenderList>;

export const PhotoZones = z.object({
  photoId: Id,
  clientId: Id,
  /** Null while nothing has been drawn on the photo. */
  zones: ZonesFile.nullable(),
  version: z.int().min(0),
  updatedBy: StaffRef.nullable(),
  updatedAt: Timestamp.nullable(),
  latestRender: PreviewRender.nullable(),
  /** Whether the artist corrected the head and scalp map (saved with this version). */
  scalpMapCorrected: z.boolean(),
});
export type PhotoZones = z.infer<typeof PhotoZones>;

/** A photo with zones, for the studio's preview list. */
export const PreviewListItem = z.object({
  photoId: Id,
  clientId: Id,
  clientName: z.string(),
  view: z.string(),
  takenOn: z.string(),
  zoneCount: z.int(),
  version: z.int(),
  updatedAt: Timestamp,
  latestRender: z
    .object({ id: Id, status: RenderStatus, progress: z.int(), finishedAt: Timestamp.nullable() })
    .nullable(),
});
export type PreviewListItem = z.infer<typeof PreviewListItem>;
export const PreviewList = z.object({ items: z.array(PreviewListItem) });
export type PreviewList = z.infer<typeof PreviewList>;

/** A scar region the photo analysis suggests; the artist accepts (it becomes a scar zone) or dismisses it. */
export const AnalysisSuggestion = z.object({
  id: z.string(),
  kind: z.enum(['strip', 'fue', 'patch']),
  /** Outline in the photo's own pixels. */
  polygon: z.array(z.tuple([z.number(), z.number()])),
  areaCm2: z.number().nullable(),
  confidence: z.number(),
  reasons: z.array(z.string()),
});
export type AnalysisSuggestion = z.infer<typeof AnalysisSuggestion>;

/** The photo analysis as the zone editor shows it: density, scar suggestions and the follicles found. */
export const PhotoAnalysisRecord = z.object({
  photoId: Id,
  status: AnalysisStatus,
  /** The calibration the analysis ran with (null: uncalibrated, nothing per cm²). */
  pxPerMm: z.number().nullable(),
  /** True when the photo's calibration changed after the analysis ran. */
  stale: z.boolean(),
  follicleCount: z.int().nullable(),
  density: z
    .object({ perCm2Median: z.number(), perCm2P10: z.number(), perCm2P90: z.number(), areaCm2: z.number() })
    .nullable(),
  dotDiameterMm: z.number().nullable(),
  resolvedFraction: z.number().nullable(),
  suggestions: z.array(AnalysisSuggestion),
  /** Caveats of the analysis (message references; English text in older rows). */
  notes: z.array(StoredNote),
  /** Follicle centres as x0, y0, x1, y1, … (photo pixels, rounded). */
  follicles: z.array(z.number()),
  /** Mean colour of the stubble and of the skin between follicles (CIELAB), where measured. */
  stubbleLab: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  skinLab: z.tuple([z.number(), z.number(), z.number()]).nullable(),
  /** Why it failed (a message reference; English text in older rows). */
  error: StoredNote.nullable(),
  /** Which head and scalp map the analysis worked inside; null before it finished. */
  scalpMap: z.enum(['automatic', 'corrected']).nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type PhotoAnalysisRecord = z.infer<typeof PhotoAnalysisRecord>;

/** The head and scalp map of a photo: what the analysis found, and the artist's correction. */
export const PhotoScalpMap = z.object({
  photoId: Id,
  /** Null before an analysis finished. */
  automatic: ScalpMapLabels.extend({ factor: z.int().min(1) }).nullable(),
  /** Null while the artist has not corrected the map. */
  corrected: ScalpMapLabels.nullable(),
  /** The zones version the correction was saved with (send it back with the next save). */
  version: z.int().min(0),
});
export type PhotoScalpMap = z.infer<typeof PhotoScalpMap>;
