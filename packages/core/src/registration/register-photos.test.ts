import { describe, expect, it } from 'vitest';
import type { PhotoPixels } from './plane.js';
import { registerPhotos } from './register-photos.js';
import { gridError, syntheticFollowUp } from './testing/synthetic-follow-up.js';

/** Skin-coloured photo with a light gradient, and dark dots of 1-4 px only inside `patch`. */
function dotted(
  width: number,
  height: number,
  patch: { x: number; y: number; w: number; h: number },
): PhotoPixels {
  let s = 5;
  const r = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = 150 + 30 * (x / width);
      data.set([v, 0.8 * v, 0.7 * v], (y * width + x) * 3);
    }
  for (let k = 0; k < (patch.w * patch.h) / 40; k++) {
    const cx = patch.x + r() * patch.w;
    const cy = patch.y + r() * patch.h;
    const rad = 1 + 3 * r();
    const dark = 40 + 80 * r();
    for (let y = Math.floor(cy - rad); y <= cy + rad; y++)
      for (let x = Math.floor(cx - rad); x <= cx + rad; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > rad * rad) continue;
        const i = (y * width + x) * 3;
        for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, data[i + c]! - dark);
      }
  }
  return { width, height, channels: 3, data };
}

// Registration takes a second or two here, far longer on a machine shared by many.
const SLOW = 300_000;
const turned = {
  angleDeg: 8,
  scale: 0.95,
  shift: [0.02, 0.01] as [number, number],
  gain: 1.1,
  gamma: 0.9,
  gradient: 0.3,
};

describe('choosing the transform model', () => {
  it(
    'fits a homography where the follow-up has a perspective, within 2 px',
    () => {
      const photo = dotted(1000, 750, { x: 0, y: 0, w: 1000, h: 750 });
      const made = syntheticFollowUp(photo, { ...turned, perspective: [0.08, -0.05] });
      const r = registerPhotos(photo, made.later);
      if (!r.ok) throw new Error(r.message);
      expect(r.model).toBe('homography');
      expect(gridError(r.laterFromEarlier, made.laterFromSource, photo, made.later).max).toBeLessThan(2);
    },
    SLOW,
  );

  it(
    'falls back to a similarity when the points show no perspective, so the plain parts are not bent',
    () => {
      // Texture in a quarter of the photo only: a homography fitted there would swing the far corners.
      const photo = dotted(1000, 750, { x: 300, y: 200, w: 400, h: 400 });
      const made = syntheticFollowUp(photo, turned);
      const r = registerPhotos(photo, made.later);
      if (!r.ok) throw new Error(r.message);
      expect(r.model).toBe('similarity');
      expect(r.notes.join(' ')).toMatch(/similarity/);
      expect(gridError(r.laterFromEarlier, made.laterFromSource, photo, made.later).max).toBeLessThan(2);
    },
    SLOW,
  );

  it(
    'refuses when every agreeing point sits in one small patch (a logo, a watermark)',
    () => {
      const photo = dotted(1000, 750, { x: 300, y: 200, w: 80, h: 80 });
      const r = registerPhotos(photo, syntheticFollowUp(photo, turned).later);
      if (r.ok) throw new Error('aligned on a patch of 80 × 80 px');
      expect(r.reason).toBe('matches-too-concentrated');
      expect(r.details.spread).toBeLessThan(0.03);
    },
    SLOW,
  );
});
