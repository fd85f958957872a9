import { describe, expect, it } from 'vitest';
import { labToSrgb8, type Lab } from './color-space.js';
import { FILL_MATCH_RULES, scoreFillZones } from './fill-match.js';

const W = 400;
const H = 300;
const PX = 4; // 10 × 7.5 cm
const zone = { x0: 120, y0: 80, x1: 280, y1: 220 };
const polygon: [number, number][] = [
  [zone.x0, zone.y0],
  [zone.x1, zone.y0],
  [zone.x1, zone.y1],
  [zone.x0, zone.y1],
];

/** Hair-bearing scalp of one tone round the zone, the zone another. */
function image(around: Lab, inside: Lab) {
  const data = new Uint8Array(W * H * 3);
  const a = labToSrgb8(...around);
  const b = labToSrgb8(...inside);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inZone = x >= zone.x0 && x < zone.x1 && y >= zone.y0 && y < zone.y1;
      data.set(inZone ? b : a, (y * W + x) * 3);
    }
  return { width: W, height: H, channels: 3 as const, data };
}

const hair: Lab = [46, 9, 11];
const skin: Lab = [66, 13, 16];
const input = (shade: number, stubbleShade: number | null) => [
  { zoneId: 'crown', polygon, featherMm: 3, shade, densityPerCm2: 70, stubbleShade },
];
/** Follicles on a grid `step` px apart outside the zone (at 4 px/mm, 6 px is 44 per cm², 4 px 100). */
function follicles(step: number): Float32Array {
  const out: number[] = [];
  for (let y = 0; y < H; y += step)
    for (let x = 0; x < W; x += step)
      if (!(x >= zone.x0 && x < zone.x1 && y >= zone.y0 && y < zone.y1)) out.push(x + 0.5, y + 0.5);
  return Float32Array.from(out);
}
const score = (after: Lab, shade = 30, stubbleShade: number | null = 30, step = 6, hairBearing = true) =>
  scoreFillZones(image(hair, after), input(shade, stubbleShade), {
    pxPerMm: PX,
    hairBearing: hairBearing ? () => true : null,
    follicles: follicles(step),
  })[0]!;

describe('scoreFillZones', () => {
  it('says a fill that reads as the hair next to it blends, compared with the hair-bearing ring', () => {
    const m = score([46.5, 9, 11]);
    expect(m.verdict).toBe('blends');
    expect(m.ring).toBe('hair-bearing');
    expect(m.rules.map((r) => r.id)).toEqual([FILL_MATCH_RULES.blends.id]);
    expect(m.deltaE00).toBeLessThan(2.5);
  });

  it('says SMP cannot match hair far darker than the dots, and recommends clipping it short', () => {
    const m = score([60, 11, 12]);
    expect(m.verdict).toBe('cannot-match');
    expect(m.deltaL).toBeGreaterThan(10);
    expect(m.rules.map((r) => r.id)).toEqual([FILL_MATCH_RULES.cannot.id, FILL_MATCH_RULES.clipSides.id]);
    expect(m.rules[1]!.text).toMatch(/0\.5 mm/);
  });

  it('recommends a darker shade or more density where those are what is missing', () => {
    expect(score([52, 10, 12], 42, 30).rules.map((r) => r.id)).toContain(FILL_MATCH_RULES.darkerShade.id);
    // 4 px apart: 100 per cm² next to a fill of 70.
    const denser = score([52, 10, 12], 30, 30, 4);
    expect(denser.hairDensityPerCm2).toBeGreaterThan(90);
    expect(denser.rules.map((r) => r.id)).toContain(FILL_MATCH_RULES.moreDensity.id);
  });

  it('recommends a lighter shade when the dots read darker than the hair', () => {
    const m = score([36, 6, 4]);
    expect(m.rules.map((r) => r.id)).toContain(FILL_MATCH_RULES.lighterShade.id);
  });

  it('gives no verdict when no hair-bearing scalp is known next to the zone, rather than judge against bare skin', () => {
    const m = score([46.5, 9, 11], 30, 30, 6, false);
    expect(m.ring).toBe('surrounding');
    expect(m.verdict).toBe('no-reference');
    expect(m.rules.map((r) => r.id)).toEqual([FILL_MATCH_RULES.ringUnknown.id]);
  });

  it('gives no verdict, with finite figures, for a fill that leaves no skin round it in the photo', () => {
    const whole: [number, number][] = [
      [-10, -10],
      [W + 10, -10],
      [W + 10, H + 10],
      [-10, H + 10],
    ];
    const [m] = scoreFillZones(
      image(hair, [46.5, 9, 11]),
      [{ zoneId: 'all', polygon: whole, featherMm: 3, shade: 30, densityPerCm2: 70, stubbleShade: 30 }],
      { pxPerMm: PX, hairBearing: () => true, follicles: follicles(6) },
    );
    expect(m!.verdict).toBe('no-reference');
    expect(m!.rules.map((r) => r.id)).toEqual([FILL_MATCH_RULES.ringUnknown.id]);
    for (const v of [m!.deltaE00, m!.deltaL, ...m!.treatedLab, ...m!.hairLab])
      expect(Number.isFinite(v)).toBe(true);
  });

  it('rates a good fill better than none: the bald zone before is far from the hair next to it', () => {
    // Before: bare skin inside the zone, hair round it. Healed: the zone reads as the hair.
    const m = scoreFillZones(image(hair, [47, 9, 11]), input(30, 30), {
      pxPerMm: PX,
      hairBearing: () => true,
      follicles: follicles(6),
      before: image(hair, skin),
    })[0]!;
    expect(m.verdict).toBe('blends');
    expect(m.deltaE00Before).toBeGreaterThan(10);
    expect(m.deltaE00).toBeLessThan(m.deltaE00Before! / 5);
  });
});
