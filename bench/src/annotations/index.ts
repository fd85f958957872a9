// The annotations' public face for the accuracy suite and other bench code.
export * from './annotation.schema.js';
export { AnnotationError, loadAnnotationFile, loadAnnotations } from './load-annotations.js';
export {
  CLASS,
  CLASS_NAMES,
  fillPolygon,
  rasterizeClasses,
  rasterizeIgnore,
  rasterizeLabel,
  rasterizeScars,
  type ClassId,
} from './rasterize.js';
export { windowStatistics, type WindowStatistics } from './window-statistics.js';
export { classesAtPhotoSize, maskIoU } from './mask-iou.js';
