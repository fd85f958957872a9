// The photo analysis. Names that the render module also exports (RgbImage, linearToSrgb8) are
// left out or renamed here; the image types are structurally the same.
export {
  AnalysisInputError,
  resolveRoi,
  validateImage,
  type Roi,
  type RgbImage as AnalysisImage,
} from './analysis-input.js';
export * from './analysis-result.js';
export * from './analysis.schema.js';
export { analyzePhoto, ASSUMED_PX_PER_MM, TILE_MM, type AnalyzeOptions } from './analyze-photo.js';
export * from './calibration.js';
export * from './camouflage-score.js';
export * from './ciede2000.js';
export { deltaE76, labToSrgb8, linearRgbToLab, srgb8ToLab, type Lab } from './color-space.js';
export { renderOverlay, type Overlay } from './overlay.js';
export { MIN_PX_PER_MM, type RegionStatus } from './resolvability.js';
export type { ScarKind } from './scar-suggestions.js';
export { segmentScalp, type SegmentScalpOptions } from './scalp-map/segment-scalp.js';
export {
  applyCorrections,
  classAt,
  inScalp,
  isScalpClass,
  mapFromMask,
  MAP_CLASS,
  MAP_CLASS_NAMES,
  type ScalpCorrection,
  type ScalpMap,
} from './scalp-map/scalp-map.js';
export {
  decodeScalpMap,
  encodeScalpMap,
  type EncodedScalpMap,
  type ScalpSummary,
} from './scalp-map/scalp-map-output.js';
export type { HairMeasure } from './scalp-map/hair-measure.js';
export * from './fill-match.js';
