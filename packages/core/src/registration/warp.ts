import type { Matrix3 } from './matrix3.js';
import type { PhotoPixels } from './plane.js';

/** An 8-bit RGBA image (alpha 0 where the aligned photo has no pixels). */
export interface RgbaPixels {
  width: number;
  height: number;
  channels: 4;
  data: Uint8ClampedArray;
}

/**
 * The later photo resampled into the earlier photo's frame (width × height): each output pixel
 * takes the later photo's colour at `laterFromEarlier` of its position, bilinear; outside the
 * later photo it is transparent.
 */
export function warpToEarlier(
  later: PhotoPixels,
  laterFromEarlier: Matrix3,
  width: number,
  height: number,
): RgbaPixels {
  const out = new Uint8ClampedArray(width * height * 4);
  const { width: lw, height: lh, channels: c, data } = later;
  const h = laterFromEarlier;
  const row = lw * c;
  for (let y = 0; y < height; y++) {
    // Along a row the projective numerators and denominator change by a constant step.
    let nu = h[1] * y + h[2];
    let nv = h[4] * y + h[5];
    let w = h[7] * y + h[8];
    let o = y * width * 4;
    for (let x = 0; x < width; x++, nu += h[0], nv += h[3], w += h[6], o += 4) {
      if (!(w > 0)) continue;
      const u = nu / w;
      const v = nv / w;
      if (!(u >= -0.5 && v >= -0.5 && u <= lw - 0.5 && v <= lh - 0.5)) continue;
      // Within half a pixel of the edge the nearest row or column is repeated.
      const uc = Math.min(Math.max(u, 0), lw - 1);
      const vc = Math.min(Math.max(v, 0), lh - 1);
      const x0 = Math.min(Math.floor(uc), lw - 2 < 0 ? 0 : lw - 2);
      const y0 = Math.min(Math.floor(vc), lh - 2 < 0 ? 0 : lh - 2);
      const fx = uc - x0;
      const fy = vc - y0;
      const i = y0 * row + x0 * c;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      for (let k = 0; k < 3; k++)
        out[o + k] =
          w00 * data[i + k]! +
          w10 * data[i + c + k]! +
          w01 * data[i + row + k]! +
          w11 * data[i + row + c + k]! +
          0.5;
      out[o + 3] = 255;
    }
  }
  return { width, height, channels: 4, data: out };
}
