import { describe, expect, it } from 'vitest';
import { clientHairFromAnalysis, shadeForStubble } from './client-hair.js';
import { renderStage } from './render-stage.js';
import { srgb8ToLab } from '../analysis/color-space.js';
import type { ImpressionSet } from './impression-set.js';

const skin: [number, number, number] = [62, 14, 16];

describe('shadeForStubble', () => {
  it('gives a darker shade (lower number) for darker stubble on the same skin', () => {
    const dark = shadeForStubble([30, 5, 8], skin);
    const mid = shadeForStubble([42, 8, 10], skin);
    const light = shadeForStubble([55, 10, 13], skin);
    expect(dark.shade).not.toBeNull();
    expect(dark.shade!).toBeLessThan(mid.shade!);
    expect(mid.shade!).toBeLessThan(light.shade!);
    for (const s of [dark, mid, light]) expect(s.shade! >= 10 && s.shade! <= 60).toBe(true);
  });

  it('matches the healed dot the renderer draws to the stubble lightness', () => {
    const stubble: [number, number, number] = [40, 8, 10];
    const { shade } = shadeForStubble(stubble, skin);
    // One large healed dot of that shade on skin of that colour: its centre has the stubble's L*.
    const [r, g, b] = [167, 128, 114];
    const lab = srgb8ToLab(r, g, b);
    const { shade: onThisSkin } = shadeForStubble(stubble, lab);
    const w = 41;
    const data = new Uint8Array(w * w * 3);
    for (let i = 0; i < w * w; i++) data.set([r, g, b], 3 * i);
    const set: ImpressionSet = {
      count: 1,
      pxPerMm: 10,
      x: Float32Array.of(20.5),
      y: Float32Array.of(20.5),
      session: Uint8Array.of(1),
      zone: Uint8Array.of(0),
      diameterMm: Float32Array.of(3),
      darkness: Float32Array.of((68 - onThisSkin!) / 58),
      retention: Float32Array.of(1),
      poorRetention: Float32Array.of(1),
      elongation: Float32Array.of(1),
      cos: Float32Array.of(1),
      sin: Float32Array.of(0),
      softness: Uint8Array.of(0),
      primary: Uint8Array.of(1),
      isScar: [false],
    };
    const out = renderStage({ width: w, height: w, channels: 3, data }, set, {
      look: 'healed',
      afterSession: 1,
    });
    const o = (20 * w + 20) * 3;
    const centre = srgb8ToLab(out.data[o]!, out.data[o + 1]!, out.data[o + 2]!);
    // Whole shades are ~1.7 % of darkness apart: within about 2 L*.
    expect(Math.abs(centre[0] - stubble[0])).toBeLessThan(2.5);
    expect(shade).not.toBeNull();
  });

  it('has no shade for stubble lighter than the skin (pale or grey hair), nor without a measurement', () => {
    expect(shadeForStubble([70, 3, 8], skin)).toMatchObject({ shade: null, reason: 'stubble-not-darker' });
    expect(shadeForStubble(null, skin)).toMatchObject({ shade: null, reason: 'not-measured' });
  });
});

describe('clientHairFromAnalysis', () => {
  it('takes the follicles and tones of an analysis, scaled to the preview', () => {
    const hair = clientHairFromAnalysis(
      {
        follicles: [
          { x: 100, y: 50 },
          { x: 10, y: 20 },
        ],
        stubbleLab: [40, 5, 5],
        skinLab: skin,
      },
      0.5,
    );
    expect(Array.from(hair.follicles)).toEqual([50, 25, 5, 10]);
    expect(hair.stubbleLab).toEqual([40, 5, 5]);
  });
});
