/** What `analyzePhoto` returns. Coordinates are photo pixels (the centre of pixel (0, 0) is (0, 0)). */
import type { Note } from '../domain/note.schema.js';
import type { Roi } from './analysis-input.js';
import type { Lab } from './color-space.js';
import type { RegionStatus } from './resolvability.js';
import type { ScarKind } from './scar-suggestions.js';
import type { HairMeasure } from './scalp-map/hair-measure.js';
import type { EncodedScalpMap, ScalpSummary } from './scalp-map/scalp-map-output.js';

export interface Follicle {
  x: number;
  y: number;
  /** Radius of the dark opening or stubble tip; for a shaft, half its width. */
  r: number;
  confidence: number;
  /** An opening (dark dot) or a hair lying on the skin whose opening is not visible. */
  kind: 'opening' | 'shaft';
}

export interface ScarSuggestion {
  kind: ScarKind;
  polygon: [number, number][];
  /** Null without a calibration. */
  areaCm2: number | null;
  confidence: number;
  /** Why it was suggested, in words for the artist. */
  reasons: string[];
  /** FUE: the punch scars found. */
  dots?: { x: number; y: number; r: number }[];
}

export interface RegionAssessment {
  x: number;
  y: number;
  w: number;
  h: number;
  status: RegionStatus;
  /** Blur estimated from the size of the region's dark spots (Gaussian σ, mm). */
  blurMm: number | null;
  /** Median diameter of the region's strongest dark spots (mm). */
  spotMm: number | null;
  /** Expected signal-to-noise of a clear 0.2 mm follicle here. */
  referenceSnr: number;
}

export interface DensitySummary {
  /** Follicles counted over the resolved scalp, divided by that area: the headline figure. */
  perCm2: number;
  /** Median and spread of the density map's cells (about 1 mm, smoothed over 2.5 mm). */
  perCm2Median: number;
  perCm2P10: number;
  perCm2P90: number;
  /** Resolved scalp the count covers. */
  areaCm2: number;
  /** Share of the analysed scalp that does not resolve follicles, so has no count. */
  unresolvedShare: number;
}

export interface DensityMapOutput {
  originX: number;
  originY: number;
  /** Cell side in photo pixels (about 1 mm). */
  cellPx: number;
  cols: number;
  rows: number;
  /** Follicles per cm², row-major; null where the photo does not resolve follicles. */
  perCm2: (number | null)[];
}

export interface PhotoAnalysis {
  calibrated: boolean;
  pxPerMm: number | null;
  calibrationSource: 'px-per-mm' | 'ruler' | 'none';
  roi: Roi;
  follicles: Follicle[];
  density: DensitySummary | null;
  densityMap: DensityMapOutput | null;
  dotDiameterMm: number | null;
  stubbleLab: Lab | null;
  skinLab: Lab | null;
  /** The client's own hair: tone at conversation distance and coverage, where there is hair. */
  hair: HairMeasure;
  /** What the head and scalp map found, and where it came from. */
  scalp: ScalpSummary;
  /** The map the analysis worked inside (classes per map pixel). */
  scalpMap: EncodedScalpMap;
  scarSuggestions: ScarSuggestion[];
  resolvability: {
    tileSizePx: number;
    cols: number;
    rows: number;
    regions: RegionAssessment[];
    /** Share of skin regions that resolve follicles. */
    resolvedFraction: number;
    counts: Partial<Record<RegionStatus, number>>;
  };
  /** Caveats (message references): no calibration, unresolved regions and what to do about them. */
  notes: Note[];
  timingsMs: Record<string, number>;
}
