import { describe, expect, it } from 'vitest';
import { ZonesFile, type ZonesFileInput } from '../domain/zones.schema.js';
import { renderStage, type RgbImage } from './render-stage.js';
import { planSimulation } from './simulate.js';
import { SRGB_TO_LINEAR } from './srgb.js';

const W = 500;
const H = 300;
const PX = 12;

/** Light-brown skin with a little texture, like a shaved scalp without stubble. */
function skin(): RgbImage {
  const data = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    const t = ((i * 2654435761) >>> 24) / 255 - 0.5; // fixed pseudo-random texture
    data[3 * i] = 205 + 8 * t;
    data[3 * i + 1] = 160 + 6 * t;
    data[3 * i + 2] = 140 + 6 * t;
  }
  return { width: W, height: H, channels: 3, data };
}

const zones = (extra: Partial<ZonesFileInput> = {}, list?: ZonesFileInput['zones']) =>
  ZonesFile.parse({
    calibration: { pxPerMm: PX },
    seed: 3,
    zones: list ?? [
      {
        id: 'fill',
        kind: 'fill',
        polygon: [
          [20, 20],
          [230, 20],
          [230, 280],
          [20, 280],
        ],
        densityPerCm2: 80,
        featherMm: 1,
      },
      {
        id: 'scar',
        kind: 'scar',
        polygon: [
          [270, 20],
          [480, 20],
          [480, 280],
          [270, 280],
        ],
        densityPerCm2: 80,
        featherMm: 1,
        texture: 'atrophic',
      },
    ],
    ...extra,
  });

/** Mean linear luminance over a rectangle. */
function luminance(img: RgbImage, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const o = (y * img.width + x) * img.channels;
      sum +=
        0.2126 * SRGB_TO_LINEAR[img.data[o]!]! +
        0.7152 * SRGB_TO_LINEAR[img.data[o + 1]!]! +
        0.0722 * SRGB_TO_LINEAR[img.data[o + 2]!]!;
      n++;
    }
  return sum / n;
}

describe('renderStage', () => {
  const photo = skin();
  const sim = planSimulation(zones(), photo);
  const render = (name: string) =>
    renderStage(photo, sim.impressions, sim.stages.find((s) => s.name === name)!.stage);
  const fillBox = [40, 40, 210, 260] as const;
  const scarBox = [290, 40, 460, 260] as const;

  it('darkens the zone more with every session', () => {
    const l = ['session-1', 'session-2', 'session-3'].map((n) => luminance(render(n), ...fillBox));
    const before = luminance(photo, ...fillBox);
    expect(l[0]).toBeLessThan(before);
    expect(l[1]).toBeLessThan(l[0]!);
    expect(l[2]).toBeLessThan(l[1]!);
  });

  it('heals lighter than the fresh look, and fades lighter still after years', () => {
    const fresh = luminance(render('session-3'), ...fillBox);
    const healed = luminance(render('healed'), ...fillBox);
    const faded = luminance(render('faded-5y'), ...fillBox);
    expect(healed).toBeGreaterThan(fresh);
    expect(faded).toBeGreaterThan(healed);
    expect(faded).toBeLessThan(luminance(photo, ...fillBox));
  });

  it('shows the lower retention of scar tissue: less darkening for the same density', () => {
    const healed = render('healed');
    const darkeningFill = luminance(photo, ...fillBox) - luminance(healed, ...fillBox);
    const darkeningScar = luminance(photo, ...scarBox) - luminance(healed, ...scarBox);
    expect(darkeningScar).toBeLessThan(darkeningFill * 0.8);
    expect(darkeningScar).toBeGreaterThan(0);
  });

  it('takes away red most and blue least, the blue-grey cast of carbon under skin', () => {
    const healed = render('healed');
    const set = sim.impressions;
    let r = 0;
    let b = 0;
    let n = 0;
    for (let i = 0; i < set.count; i++) {
      if (set.zone[i] !== 0) continue;
      const o = (Math.floor(set.y[i]!) * W + Math.floor(set.x[i]!)) * 3;
      r += SRGB_TO_LINEAR[healed.data[o]!]! / SRGB_TO_LINEAR[photo.data[o]!]!;
      b += SRGB_TO_LINEAR[healed.data[o + 2]!]! / SRGB_TO_LINEAR[photo.data[o + 2]!]!;
      n++;
    }
    expect(n).toBeGreaterThan(50);
    expect(r / n).toBeLessThan(b / n); // the share of red kept is the smallest
    expect(r / n).toBeLessThan(0.9);
  });

  it('changes nothing away from the dots, and leaves the photo itself untouched', () => {
    const copy = Uint8Array.from(photo.data);
    const healed = render('healed');
    expect(Array.from(photo.data.subarray(0, 3000))).toEqual(Array.from(copy.subarray(0, 3000)));
    const set = sim.impressions;
    const near = new Uint8Array(W * H);
    const reach = Math.ceil(0.3 * PX * 2.5) + 2;
    for (let i = 0; i < set.count; i++)
      for (let y = Math.max(0, Math.floor(set.y[i]!) - reach); y <= Math.min(H - 1, set.y[i]! + reach); y++)
        for (let x = Math.max(0, Math.floor(set.x[i]!) - reach); x <= Math.min(W - 1, set.x[i]! + reach); x++)
          near[y * W + x] = 1;
    let away = 0;
    for (let p = 0; p < W * H; p++) {
      if (near[p]) continue;
      away++;
      for (let c = 0; c < 3; c++) expect(healed.data[p * 3 + c]).toBe(photo.data[p * 3 + c]);
    }
    expect(away).toBeGreaterThan(1000);
  });

  it('is the same for the same seed', () => {
    const again = planSimulation(zones(), photo);
    expect(Array.from(again.impressions.x)).toEqual(Array.from(sim.impressions.x));
    expect(
      Array.from(
        renderStage(photo, again.impressions, { look: 'healed', afterSession: 3 }).data.subarray(0, 50000),
      ),
    ).toEqual(Array.from(render('healed').data.subarray(0, 50000)));
  });
});

describe('planSimulation', () => {
  it('brings each session to its share of the impressions, 30 / 70 / 100 % by default', () => {
    const sim = planSimulation(zones(), skin());
    const perSession = sim.summary[0]!.impressionsPerSession;
    const total = perSession.reduce((a, b) => a + b, 0);
    expect(perSession[0]! / total).toBeCloseTo(0.3, 1);
    expect((perSession[0]! + perSession[1]!) / total).toBeCloseTo(0.7, 1);
    // With a scar, the healed look also at the poor end of what its texture keeps.
    expect(sim.stages.map((s) => s.name)).toEqual([
      'session-1',
      'session-2',
      'session-3',
      'healed',
      'healed-scar-poor',
      'faded-5y',
    ]);
    expect(sim.summary[0]!.achievedDensityPerCm2 / 80).toBeGreaterThan(0.9);
    expect(sim.summary[0]!.achievedDensityPerCm2 / 80).toBeLessThan(1.1);
    expect(sim.summary[0]!.shadePerSession).toEqual([40, 35, 30]);
  });

  it('spreads the first session evenly: no window of it is empty where the zone is full', () => {
    const sim = planSimulation(
      zones({}, [
        {
          id: 'f',
          kind: 'fill',
          polygon: [
            [0, 0],
            [500, 0],
            [500, 300],
            [0, 300],
          ],
          densityPerCm2: 90,
        },
      ]),
      skin(),
    );
    const set = sim.impressions;
    // 3 mm windows would hold 8 first-session impressions on average.
    const cell = 3 * PX;
    for (let y = cell; y + cell < H - cell; y += cell)
      for (let x = cell; x + cell < W - cell; x += cell) {
        let n = 0;
        for (let i = 0; i < set.count; i++)
          if (
            set.primary[i] &&
            set.session[i] === 1 &&
            set.x[i]! >= x &&
            set.x[i]! < x + cell &&
            set.y[i]! >= y &&
            set.y[i]! < y + cell
          )
            n++;
        expect(n).toBeGreaterThan(0);
      }
  });

  it('uses the shares and shades the file gives', () => {
    const sim = planSimulation(
      zones({ sessions: 2, sessionShares: [0.5, 1] }, [
        {
          id: 'f',
          kind: 'fill',
          polygon: [
            [0, 0],
            [500, 0],
            [500, 300],
            [0, 300],
          ],
          densityPerCm2: 70,
          shadePerSession: [45, 25],
        },
      ]),
      skin(),
    );
    const [a, b] = sim.summary[0]!.impressionsPerSession;
    expect(a! / (a! + b!)).toBeCloseTo(0.5, 1);
    expect(sim.summary[0]!.shadePerSession).toEqual([45, 25]);
  });
});
