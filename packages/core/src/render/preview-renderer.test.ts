import { describe, expect, it } from 'vitest';
import { ZonesFile } from '../domain/zones.schema.js';
import { PreviewEngine } from './preview-engine.js';
import { PreviewRenderer } from './preview-renderer.js';
import { renderStage, type RgbImage, type Stage } from './render-stage.js';

const W = 600;
const H = 400;

function photo(): RgbImage {
  const data = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) data.set([200 + ((i * 31) % 17), 150, 130, 255], 4 * i);
  return { width: W, height: H, channels: 4, data };
}

const spec = (dx: number, shade = 32) =>
  ZonesFile.parse({
    calibration: { pxPerMm: 6 },
    seed: 3,
    zones: [
      {
        id: 'crown',
        kind: 'fill',
        polygon: [
          [60, 40],
          [540, 50],
          [560, 360],
          [50, 350],
        ],
        densityPerCm2: 70,
        shade,
      },
      {
        id: 'scar',
        kind: 'scar',
        polygon: [
          [200 + dx, 200],
          [380 + dx, 210],
          [380 + dx, 226],
          [200 + dx, 216],
        ],
        densityPerCm2: 80,
        texture: 'raised',
      },
    ],
  });

describe('PreviewRenderer', () => {
  it('renders after each edit exactly what a whole render of the same impressions gives', () => {
    const image = photo();
    const engine = new PreviewEngine(image);
    const renderer = new PreviewRenderer(image);
    const stages: Stage[] = [
      { look: 'healed', afterSession: 3 },
      { look: 'fresh', afterSession: 2 },
      { look: 'healed', afterSession: 3, scarRetention: 'poor' },
      { look: 'faded', afterSession: 3, years: 5 },
    ];
    let partial = 0;
    [0, 8, 16, 16, 30, 44].forEach((dx, k) => {
      const frame = engine.update(spec(dx, k === 3 ? 40 : 32));
      const stage = stages[Math.floor(k / 2) % stages.length]!;
      const { image: out, rect } = renderer.render(frame.impressions, stage, frame.dirty);
      if (rect) partial++;
      const whole = renderStage(image, frame.impressions, stage);
      let differing = 0;
      for (let i = 0; i < whole.data.length; i++) if (whole.data[i] !== out.data[i]) differing++;
      expect(differing).toBe(0);
    });
    // Only the first frame is the whole photo; after it, vertex drags and the new shade (k = 3)
    // carry the window they change, and a change of stage the box where dots were or are.
    expect(partial).toBe(5);
  });

  it('sends, on a change of stage, only the box where dots were or are', () => {
    const image = photo();
    const scarOnly = ZonesFile.parse({ ...spec(0), zones: spec(0).zones.filter((z) => z.kind === 'scar') });
    const frame = new PreviewEngine(image).update(scarOnly);
    const renderer = new PreviewRenderer(image);
    expect(
      renderer.render(frame.impressions, { look: 'healed', afterSession: 3 }, frame.dirty).rect,
    ).toBeNull();
    const stage: Stage = { look: 'fresh', afterSession: 1 };
    const { image: out, rect } = renderer.render(frame.impressions, stage, frame.dirty);
    // The scar spans x 200-380, y 200-226, its feather 3 mm (18 px) round it: its dots'
    // footprints, not the 600 × 400 photo.
    expect(rect!.x0).toBeGreaterThan(160);
    expect(rect!.x1).toBeLessThan(420);
    expect(rect!.y0).toBeGreaterThan(160);
    expect(rect!.y1).toBeLessThan(266);
    const whole = renderStage(image, frame.impressions, stage);
    let differing = 0;
    for (let i = 0; i < whole.data.length; i++) if (whole.data[i] !== out.data[i]) differing++;
    expect(differing).toBe(0);
  });

  it('shows the scar lighter at the poor end of its retention than as expected', () => {
    const image = photo();
    const frame = new PreviewEngine(image).update(spec(0));
    const mean = (stage: Stage) => {
      const out = renderStage(image, frame.impressions, stage);
      let sum = 0;
      for (let y = 205; y < 214; y++) for (let x = 220; x < 360; x++) sum += out.data[(y * W + x) * 4]!;
      return sum;
    };
    expect(mean({ look: 'healed', afterSession: 3, scarRetention: 'poor' })).toBeGreaterThan(
      mean({ look: 'healed', afterSession: 3 }),
    );
  });
});
