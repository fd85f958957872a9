import { invert, multiply, normalise, resampleFrame, type Matrix3 } from './matrix3.js';
import {
  fitSize,
  lumaResized,
  normaliseLighting,
  resizeArea,
  type PhotoPixels,
  type Plane,
} from './plane.js';
import { RegistrationInputError } from './registration-result.js';

/**
 * One photo at the resolutions the registration works on, grey, with its lighting-normalised
 * copies made on demand: `top` (the finest the refinement uses), `feature` (where corners are
 * found) and `coarse` (half of that, where the refinement starts and agreement is measured).
 */
export class PhotoFrames {
  readonly full: { width: number; height: number };
  readonly top: Plane;
  readonly feature: Plane;
  readonly coarse: Plane;
  private readonly lit = new Map<Plane, Plane>();

  constructor(photo: PhotoPixels, featureSide: number, refineSide: number) {
    this.full = { width: photo.width, height: photo.height };
    const t = fitSize(photo.width, photo.height, refineSide);
    this.top = lumaResized(photo, t.width, t.height);
    const f = fitSize(photo.width, photo.height, featureSide);
    this.feature = resizeArea(this.top, f.width, f.height);
    const c = fitSize(photo.width, photo.height, featureSide / 2);
    this.coarse = resizeArea(this.feature, c.width, c.height);
  }

  /** The lighting-normalised copy of one of the levels (made once). */
  light(level: Plane): Plane {
    let n = this.lit.get(level);
    if (!n) {
      n = normaliseLighting(level, Math.max(4, LIGHT_SIGMA * Math.max(level.width, level.height)));
      this.lit.set(level, n);
    }
    return n;
  }

  /** Full-resolution pixel coordinates to those of `level`. */
  toLevel(level: Plane): Matrix3 {
    return resampleFrame(level.width / this.full.width, level.height / this.full.height);
  }

  fromLevel(level: Plane): Matrix3 {
    return invert(this.toLevel(level))!;
  }
}

/** Neighbourhood of the lighting normalisation, as a share of the long side. */
const LIGHT_SIGMA = 1 / 48;

/** A full-resolution transform (earlier → later) expressed on the copies of one level each. */
export function onLevels(h: Matrix3, e: PhotoFrames, pe: Plane, l: PhotoFrames, pl: Plane): Matrix3 {
  return normalise(multiply(l.toLevel(pl), multiply(h, e.fromLevel(pe))));
}

/** A transform between level copies back to full resolution. */
export function fromLevels(h: Matrix3, e: PhotoFrames, pe: Plane, l: PhotoFrames, pl: Plane): Matrix3 {
  return normalise(multiply(l.fromLevel(pl), multiply(h, e.toLevel(pe))));
}

export function validatePhoto(photo: PhotoPixels, field: string): void {
  const { width, height, channels, data } = photo;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 64 || height < 64)
    throw new RegistrationInputError(field, `must be at least 64 × 64 pixels, got ${width} × ${height}`);
  if (channels !== 3 && channels !== 4)
    throw new RegistrationInputError(field, `must have 3 or 4 channels, got ${channels}`);
  if (data.length !== width * height * channels)
    throw new RegistrationInputError(
      field,
      `has ${data.length} bytes, expected ${width * height * channels}`,
    );
}
