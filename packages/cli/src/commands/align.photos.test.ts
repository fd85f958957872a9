import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  assessAlignment,
  differenceImage,
  registerPhotos,
  warpToEarlier,
  type PhotoPixels,
} from '@stipple/core';
import {
  gridError,
  syntheticFollowUp,
  type FollowUpChange,
} from '@stipple/core/registration/testing/synthetic-follow-up';

// Full-size phone photos: registration runs in seconds, longer on a machine shared by many.
const SLOW = 600_000;
const photoPath = (name: string) =>
  fileURLToPath(new URL(`../../../../fixtures/photos/${name}`, import.meta.url));

async function decode(input: string | Buffer, maxSide?: number): Promise<PhotoPixels> {
  let pipeline = sharp(input).rotate().removeAlpha().toColourspace('srgb');
  if (maxSide) pipeline = pipeline.resize({ width: maxSide, height: maxSide, fit: 'inside' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/** Through JPEG at quality 85, as a phone would store the follow-up. */
async function asJpeg(photo: PhotoPixels): Promise<PhotoPixels> {
  const raw = { width: photo.width, height: photo.height, channels: 3 as const };
  return decode(await sharp(Buffer.from(photo.data), { raw }).jpeg({ quality: 85 }).toBuffer());
}

const tilted: FollowUpChange = {
  angleDeg: 12,
  scale: 0.9,
  shift: [0.04, -0.03],
  perspective: [0.05, -0.03],
  gain: 1.25,
  gamma: 0.8,
  gradient: 0.5,
};
const turnedWithNewPigment: FollowUpChange = {
  angleDeg: -20,
  scale: 1.1,
  shift: [-0.03, 0.02],
  outScale: 0.75,
  gain: 0.75,
  gamma: 1.3,
  gradient: -0.6,
  dotsSeed: 7,
};

describe('registering a follow-up photo to the earlier one', () => {
  for (const [name, change] of [
    ['shaved-crown-stubble.jpg', tilted],
    ['shaved-top-diffuse.jpg', turnedWithNewPigment],
  ] as const) {
    it(
      `aligns ${name} with a rotated, scaled, shifted and relit copy of itself within 2 px`,
      async () => {
        const source = await decode(photoPath(name));
        const made = syntheticFollowUp(source, change);
        const later = await asJpeg(made.later);
        const r = registerPhotos(source, later);
        if (!r.ok) throw new Error(`refused: ${r.message}`);
        const err = gridError(r.laterFromEarlier, made.laterFromSource, source, later);
        expect(err.points).toBeGreaterThan(60);
        expect(err.max).toBeLessThan(2);
        expect(r.quality.inliers).toBeGreaterThan(100);
        expect(r.quality.agreement).toBeGreaterThan(0.5);
        expect(r.quality.overlap).toBeGreaterThan(0.6);
        // The inverse carries the later photo back onto the earlier one.
        const p = { x: source.width / 2, y: source.height / 2 };
        const w = r.earlierFromLater;
        const q = r.laterFromEarlier;
        const there = {
          x: (q[0] * p.x + q[1] * p.y + q[2]) / (q[6] * p.x + q[7] * p.y + q[8]),
          y: (q[3] * p.x + q[4] * p.y + q[5]) / (q[6] * p.x + q[7] * p.y + q[8]),
        };
        const back = (w[0] * there.x + w[1] * there.y + w[2]) / (w[6] * there.x + w[7] * there.y + w[8]);
        expect(back).toBeCloseTo(p.x, 3);
      },
      SLOW,
    );
  }

  it(
    'refuses two photos of different scalps, saying why',
    async () => {
      const crown = await decode(photoPath('shaved-crown-stubble.jpg'), 1600);
      const top = await decode(photoPath('shaved-top-diffuse.jpg'), 1600);
      for (const [a, b] of [
        [crown, top],
        [top, crown],
      ] as const) {
        const r = registerPhotos(a, b);
        if (r.ok) throw new Error(`aligned unrelated photos: ${JSON.stringify(r.quality)}`);
        expect([
          'too-few-matches',
          'inconsistent-geometry',
          'matches-too-concentrated',
          'poor-agreement',
        ]).toContain(r.reason);
        expect(r.message).toMatch(/different (views|people)|do not/);
      }
    },
    SLOW,
  );

  it(
    'refuses a copy that shares too little of the scalp, and a plain picture',
    async () => {
      const crown = await decode(photoPath('shaved-crown-stubble.jpg'), 1200);
      const shifted = syntheticFollowUp(crown, {
        angleDeg: 0,
        scale: 1,
        shift: [0.82, 0],
        gain: 1,
        gamma: 1,
        gradient: 0,
      });
      const r = registerPhotos(crown, shifted.later);
      if (r.ok) throw new Error(`aligned with an overlap of ${r.quality.overlap}`);
      expect(r.reason).toBe('too-little-overlap');
      expect(r.details.overlap).toBeLessThan(0.25);

      const plain: PhotoPixels = {
        width: 800,
        height: 600,
        channels: 3,
        data: new Uint8Array(800 * 600 * 3).fill(180),
      };
      const p = registerPhotos(plain, crown);
      if (p.ok) throw new Error('aligned a plain picture');
      expect(p.reason).toBe('too-little-texture');
      expect(p.message).toMatch(/^the earlier photo has too little detail/);
    },
    SLOW,
  );

  it(
    'scores any transform and shows new pigment, not the new light, in the difference',
    async () => {
      const crown = await decode(photoPath('shaved-crown-stubble.jpg'), 1600);
      const same = assessAlignment(crown, crown, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
      expect(same.agreement).toBeGreaterThan(0.99);
      expect(same.overlap).toBe(1);
      const relit = {
        angleDeg: 5,
        scale: 0.95,
        shift: [0.02, 0.01] as [number, number],
        gain: 1.2,
        gamma: 0.8,
        gradient: 0.5,
      };
      const withDots = syntheticFollowUp(crown, { ...relit, dotsSeed: 3 });
      const without = syntheticFollowUp(crown, relit);
      const shifted = assessAlignment(crown, without.later, [1, 0, 40, 0, 1, 0, 0, 0, 1]);
      expect(shifted.agreement).toBeLessThan(0.3);
      const truth = assessAlignment(crown, without.later, without.laterFromSource);
      expect(truth.agreement).toBeGreaterThan(0.6);

      const diffOf = (later: PhotoPixels, m: typeof withDots.laterFromSource) =>
        differenceImage(crown, warpToEarlier(later, m, crown.width, crown.height));
      const dotted = diffOf(withDots.later, withDots.laterFromSource);
      const plain = diffOf(without.later, without.laterFromSource);
      // Relighting alone (gain, gamma, a gradient) leaves almost nothing; the dots cover a few per cent.
      expect(plain.darker + plain.lighter).toBeLessThan(0.01);
      expect(dotted.darker).toBeGreaterThan(plain.darker + 0.01);
      expect(dotted.image.width).toBe(crown.width);
    },
    SLOW,
  );
});
