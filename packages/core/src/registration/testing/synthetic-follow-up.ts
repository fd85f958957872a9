import { apply, invert, multiply, similarity, translation, type Matrix3, type Point } from '../matrix3.js';
import type { PhotoPixels } from '../plane.js';
import { warpToEarlier } from '../warp.js';

/** How the follow-up differs from the photo: where the camera was and how the light fell. */
export interface FollowUpChange {
  angleDeg: number;
  scale: number;
  /** Shift of the centre, as shares of the width and height. */
  shift: [number, number];
  /** Perspective: the horizon tilt of a camera held slightly off-axis, per half-image. */
  perspective?: [number, number];
  /** Relighting: exposure, tone curve (power on 0-1 values) and a light falling off across the photo. */
  gain: number;
  gamma: number;
  gradient: number;
  /** Size of the follow-up against the photo (a different camera). */
  outScale?: number;
  /** Dark pigment dots added over the middle of the scalp (an SMP session), with this seed. */
  dotsSeed?: number;
}

export interface SyntheticFollowUp {
  later: PhotoPixels;
  /** The true transform from the source photo's pixels to the follow-up's. */
  laterFromSource: Matrix3;
}

/** A follow-up photo made from `source` with a known transform, new lighting and, if asked, new dots. */
export function syntheticFollowUp(source: PhotoPixels, change: FollowUpChange): SyntheticFollowUp {
  const { width: w, height: h } = source;
  const s = change.outScale ?? 1;
  const W = Math.round(w * s);
  const H = Math.round(h * s);
  const toCentre = translation(-(w - 1) / 2, -(h - 1) / 2);
  let m = multiply(
    translation((W - 1) / 2 + change.shift[0] * W, (H - 1) / 2 + change.shift[1] * H),
    multiply(similarity(change.scale * s, (change.angleDeg * Math.PI) / 180, 0, 0), toCentre),
  );
  if (change.perspective) {
    const p: Matrix3 = [1, 0, 0, 0, 1, 0, change.perspective[0] / w, change.perspective[1] / h, 1];
    m = multiply(m, multiply(invert(toCentre)!, multiply(p, toCentre)));
  }
  const base = change.dotsSeed === undefined ? source : withDots(source, change.dotsSeed);
  const warped = warpToEarlier(base, invert(m)!, W, H);
  const data = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (!warped.data[i * 4 + 3]) continue;
      const light =
        change.gain * (1 + change.gradient * (x / W - 0.5) + 0.5 * change.gradient * (y / H - 0.5));
      for (let k = 0; k < 3; k++)
        data[i * 3 + k] = Math.max(
          0,
          Math.min(255, Math.round(255 * light * Math.pow(warped.data[i * 4 + k]! / 255, change.gamma))),
        );
    }
  return { later: { width: W, height: H, channels: 3, data }, laterFromSource: m };
}

/** Grey-blue dots about 1/500 of the width across, spread over the middle half of the photo. */
function withDots(photo: PhotoPixels, seed: number): PhotoPixels {
  let s = seed >>> 0 || 1;
  const r = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const { width, height, channels } = photo;
  const data = Uint8Array.from(photo.data);
  const rad = Math.max(1, width / 1000);
  const count = Math.round((width * height) / (rad * rad * 400));
  const ink = [40, 45, 60];
  for (let k = 0; k < count; k++) {
    const cx = width * (0.25 + 0.5 * r());
    const cy = height * (0.25 + 0.5 * r());
    for (let y = Math.floor(cy - rad); y <= cy + rad; y++)
      for (let x = Math.floor(cx - rad); x <= cx + rad; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > rad * rad) continue;
        const i = (y * width + x) * channels;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round(0.45 * data[i + c]! + 0.55 * ink[c]!);
      }
  }
  return { width, height, channels, data };
}

/**
 * Largest and mean distance between where `estimate` and `truth` carry the points of an 11 × 11
 * grid over the source photo, counting only points that land inside the follow-up.
 */
export function gridError(
  estimate: Matrix3,
  truth: Matrix3,
  source: { width: number; height: number },
  later: { width: number; height: number },
): { max: number; mean: number; points: number } {
  let max = 0;
  let sum = 0;
  let points = 0;
  for (let j = 0; j <= 10; j++)
    for (let i = 0; i <= 10; i++) {
      const p: Point = { x: (i / 10) * (source.width - 1), y: (j / 10) * (source.height - 1) };
      const t = apply(truth, p);
      if (t.x < 0 || t.y < 0 || t.x > later.width - 1 || t.y > later.height - 1) continue;
      const e = apply(estimate, p);
      const d = Math.hypot(e.x - t.x, e.y - t.y);
      max = Math.max(max, d);
      sum += d;
      points++;
    }
  return { max, mean: points ? sum / points : NaN, points };
}
