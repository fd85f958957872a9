/** Input image and region of interest, with validation that names the field at fault. */

/** Interleaved 8-bit sRGB(A) pixels, as sharp's raw output or an ImageData. */
export interface RgbImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface Roi {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bad input to the analysis; `field` names what was wrong (CLI: exit 2; API: 400). */
export class AnalysisInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'AnalysisInputError';
  }
}

export const MIN_IMAGE_SIDE = 16;

export function validateImage(image: RgbImage, field = 'image'): void {
  const { width, height, channels, data } = image;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < MIN_IMAGE_SIDE ||
    height < MIN_IMAGE_SIDE
  )
    throw new AnalysisInputError(
      field,
      `width and height must be integers of at least ${MIN_IMAGE_SIDE} px, got ${width}×${height}`,
    );
  if (channels !== 3 && channels !== 4)
    throw new AnalysisInputError(field, `channels must be 3 (RGB) or 4 (RGBA), got ${channels}`);
  if (data.length !== width * height * channels)
    throw new AnalysisInputError(
      field,
      `data has ${data.length} bytes, expected ${width * height * channels} (width × height × channels)`,
    );
}

/** The ROI clipped to the image, or the whole image; rejects one that misses the image. */
export function resolveRoi(image: RgbImage, roi: Roi | undefined): Roi {
  if (!roi) return { x: 0, y: 0, w: image.width, h: image.height };
  for (const k of ['x', 'y', 'w', 'h'] as const)
    if (!Number.isFinite(roi[k])) throw new AnalysisInputError(`roi.${k}`, 'must be a finite number');
  const x0 = Math.max(0, Math.floor(roi.x));
  const y0 = Math.max(0, Math.floor(roi.y));
  const x1 = Math.min(image.width, Math.ceil(roi.x + roi.w));
  const y1 = Math.min(image.height, Math.ceil(roi.y + roi.h));
  if (x1 - x0 < MIN_IMAGE_SIDE || y1 - y0 < MIN_IMAGE_SIDE)
    throw new AnalysisInputError(
      'roi',
      `must overlap the ${image.width}×${image.height} image by at least ${MIN_IMAGE_SIDE}×${MIN_IMAGE_SIDE} px`,
    );
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
