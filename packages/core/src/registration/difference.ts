import { gaussianBlur } from '../analysis/gaussian-filter.js';
import { fitSize, luma, resizeArea, sample, type PhotoPixels, type Plane } from './plane.js';
import type { RgbaPixels } from './warp.js';

export interface Difference {
  /** The earlier photo, faded, with what got darker in blue and what got lighter in orange. */
  image: RgbaPixels;
  /** Share of the overlap that got visibly darker / lighter (beyond the noise floor). */
  darker: number;
  lighter: number;
}

/** Grey levels of change below which a pixel counts as unchanged (JPEG noise, slight blur). */
const NOISE_FLOOR = 8;
/** Change at which the colour is at full strength. */
const FULL = 40;
const DARKER = [30, 90, 230] as const;
const LIGHTER = [240, 130, 20] as const;

/**
 * Where the scalp changed between the sessions, once the light is taken out: the later photo's
 * brightness is scaled to the earlier's by their ratio over a wide neighbourhood (a whole-photo
 * exposure change or a light from one side is not a change of the scalp), then compared pixel
 * by pixel. New pigment shows as darker.
 */
export function differenceImage(earlier: PhotoPixels, aligned: RgbaPixels): Difference {
  const { width, height } = aligned;
  const ge = luma(earlier);
  const gl = luma(aligned);
  const mask = new Float32Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = aligned.data[i * 4 + 3]! > 0 ? 1 : 0;
  // The light's ratio varies slowly: estimated on a small copy, read back bilinearly.
  const small = fitSize(width, height, 256);
  const me = resizeArea(
    { width, height, data: ge.data.map((v, i) => v * mask[i]!) },
    small.width,
    small.height,
  );
  const ml = resizeArea(
    { width, height, data: gl.data.map((v, i) => v * mask[i]!) },
    small.width,
    small.height,
  );
  const mm = resizeArea({ width, height, data: mask }, small.width, small.height);
  const sigma = Math.max(small.width, small.height) / 24;
  const be = gaussianBlur(me.data, small.width, small.height, sigma);
  const bl = gaussianBlur(ml.data, small.width, small.height, sigma);
  const bm = gaussianBlur(mm.data, small.width, small.height, sigma);
  const ratio: Plane = { ...small, data: new Float32Array(small.width * small.height) };
  for (let i = 0; i < ratio.data.length; i++) ratio.data[i] = bm[i]! > 1e-3 ? (be[i]! + 1) / (bl[i]! + 1) : 1;
  const sx = small.width / width;
  const sy = small.height / height;

  const out = new Uint8ClampedArray(width * height * 4);
  let darker = 0;
  let lighter = 0;
  let inside = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const o = i * 4;
      const base = 255 - 0.45 * (255 - ge.data[i]!);
      if (!mask[i]) {
        out[o] = out[o + 1] = out[o + 2] = base;
        out[o + 3] = 255;
        continue;
      }
      inside++;
      const r = sample(
        ratio,
        clamp((x + 0.5) * sx - 0.5, small.width - 1),
        clamp((y + 0.5) * sy - 0.5, small.height - 1),
      );
      const d = gl.data[i]! * (Number.isNaN(r) ? 1 : r) - ge.data[i]!;
      const m = Math.abs(d);
      let t = 0;
      if (m > NOISE_FLOOR) {
        t = Math.min(1, (m - NOISE_FLOOR) / (FULL - NOISE_FLOOR));
        if (d < 0) darker++;
        else lighter++;
      }
      const col = d < 0 ? DARKER : LIGHTER;
      out[o] = base + (col[0] - base) * t;
      out[o + 1] = base + (col[1] - base) * t;
      out[o + 2] = base + (col[2] - base) * t;
      out[o + 3] = 255;
    }
  }
  return {
    image: { width, height, channels: 4, data: out },
    darker: inside ? darker / inside : 0,
    lighter: inside ? lighter / inside : 0,
  };
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(v, 0), max);
}
