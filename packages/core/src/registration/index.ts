// Registration of a follow-up photo to an earlier photo of the same view (issue 13).
export { assessAlignment } from './alignment-quality.js';
export { differenceImage, type Difference } from './difference.js';
export {
  apply as applyTransform,
  invert as invertTransform,
  IDENTITY,
  multiply as composeTransforms,
  resampleFrame,
  type Matrix3,
  type Point as PixelPoint,
} from './matrix3.js';
export type { PhotoPixels } from './plane.js';
export { transformFromPointPairs, type PointCorrectionResult, type PointPair } from './point-correction.js';
export { ACCEPTANCE, registerPhotos, type RegisterOptions } from './register-photos.js';
export * from './registration-result.js';
export { warpToEarlier, type RgbaPixels } from './warp.js';
