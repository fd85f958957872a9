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
    // Vertex drags within a stage render a window, not the whole photo.
    expect(partial).toBeGreaterThan(0);
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
