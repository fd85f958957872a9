/**
 * Dark spots of a follicle opening's size (a pore, the root of a hair seen through the skin, the
 * stub of a freshly shaved hair): peaks of the Hessian's dark-spot strength at the opening scale,
 * measured against the tile's noise floor and against the skin around them.
 *
 * Skin texture, JPEG blocks and a phone's denoising leave spots too, but at the noise floor of the
 * tile (they are what sets it) and with little contrast; an opening stands clear of both.
 */
import { sampleBilinear } from './gaussian-filter.js';
import { peakOffset, roundnessAt, type HessianFeatures } from './hessian-features.js';
import type { TileGrid } from './tile-grid.js';

export interface Pore {
  x: number;
  y: number;
  /** Dark-spot strength over the tile's noise floor. */
  snr: number;
  /** Weber contrast against the median of a ring around it (0.3 = 30 % darker than the skin). */
  contrast: number;
  /** Smoothed channel value at the centre (skin level 1). */
  centre: number;
  /** Curvature ratio λ1/λ2 at the peak (1 = round). */
  roundness: number;
  inGlare: boolean;
}

export interface PoreParams {
  minSnr: number;
  /**
   * In glare the texture of specular flecks sets the tile's noise floor, not the sensor: a pore
   * there needs only this SNR, and its contrast is measured against the diffuse skin between
   * the flecks (the ring's lower quartile) instead of the ring's median.
   */
  glareMinSnr: number;
  glareMinContrast: number;
  /** Glare share at a working position (0 = none). */
  glareAt: (x: number, y: number) => number;
  glareShare: number;
  /** Diffuse share at a working position: contrast outside glare is taken over it (glare-map.ts). */
  diffuseAt?: (x: number, y: number) => number;
  minContrast: number;
  /** Factor on `minSnr` per tile, for what a sheen costs an opening's SNR (sheen-snr.ts). */
  minSnrScale?: Float32Array;
  /** Ring radius (px) for the skin level around a spot. */
  ringRadius: number;
}

const RING = 16;
const COS = Float64Array.from({ length: RING }, (_, k) => Math.cos((2 * Math.PI * k) / RING));
const SIN = Float64Array.from({ length: RING }, (_, k) => Math.sin((2 * Math.PI * k) / RING));

export function detectPores(
  f: HessianFeatures,
  noise: Float32Array,
  grid: TileGrid,
  params: PoreParams,
  inside: (x: number, y: number) => boolean,
): Pore[] {
  const { width: w, height: h, darkSpot: s, smooth } = f;
  const out: Pore[] = [];
  const ring = new Float64Array(RING);
  for (let y = 2; y < h - 2; y++) {
    const tr = Math.min(grid.rows - 1, Math.floor(y / grid.size));
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const v = s[i]!;
      if (v <= 0) continue;
      const tile = tr * grid.cols + Math.min(grid.cols - 1, Math.floor(x / grid.size));
      const nz = noise[tile]!;
      if (!(v >= params.glareMinSnr * nz)) continue;
      const peak = peakOffset(s, w, i);
      if (!peak) continue;
      const px = x + peak[0];
      const py = y + peak[1];
      if (!inside(px, py)) continue;
      const inGlare = params.glareAt(px, py) >= params.glareShare;
      if (!inGlare && v < params.minSnr * (params.minSnrScale?.[tile] ?? 1) * nz) continue;
      for (let k = 0; k < RING; k++)
        ring[k] = sampleBilinear(
          smooth,
          w,
          h,
          px + params.ringRadius * COS[k]!,
          py + params.ringRadius * SIN[k]!,
        );
      ring.sort();
      const skin = inGlare ? ring[1]! : 0.5 * (ring[RING / 2 - 1]! + ring[RING / 2]!);
      const centre = sampleBilinear(smooth, w, h, px, py);
      const diffuse = inGlare || !params.diffuseAt ? 1 : params.diffuseAt(px, py);
      const contrast = skin > 0 ? (skin - centre) / skin / diffuse : 0;
      if (contrast < (inGlare ? params.glareMinContrast : params.minContrast)) continue;
      out.push({
        x: px,
        y: py,
        snr: v / nz,
        contrast,
        centre,
        roundness: roundnessAt(f.smooth, f.width, i),
        inGlare,
      });
    }
  }
  return out;
}
