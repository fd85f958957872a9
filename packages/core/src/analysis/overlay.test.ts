import { describe, expect, it } from 'vitest';
import { PhotoAnalysisSchema } from './analysis.schema.js';
import { analyzePhoto } from './analyze-photo.js';
import { renderOverlay } from './overlay.js';
import { syntheticScalp } from './testing/synthetic-scalp.js';

describe('overlay and JSON contract', () => {
  const scalp = syntheticScalp({
    seed: 8,
    widthMm: 30,
    heightMm: 24,
    pxPerMm: 15,
    fitzpatrick: 2,
    fuPerCm2: 80,
    noiseLevels: 2,
    strip: { from: [4, 17], to: [26, 18], widthMm: 3 },
  });
  const analysis = analyzePhoto(scalp.image, { calibration: { pxPerMm: 15 } });

  it('circles every follicle in green and outlines the suggested strip in magenta', () => {
    const ov = renderOverlay(scalp.image, analysis);
    expect(ov.data).toHaveLength(scalp.image.width * scalp.image.height * 4);
    const px = (x: number, y: number): number[] => {
      const i = 4 * (Math.round(y) * ov.width + Math.round(x));
      return [ov.data[i]!, ov.data[i + 1]!, ov.data[i + 2]!];
    };
    const f = analysis.follicles.find((g) => g.kind === 'opening' && g.x > 20 && g.y > 20)!;
    expect(px(f.x + f.r + 1.5, f.y)).toEqual([40, 255, 60]);
    const strip = analysis.scarSuggestions.find((s) => s.kind === 'strip')!;
    const [x0, y0] = strip.polygon[0]!;
    expect(px(x0, y0)).toEqual([255, 0, 200]);
  });

  it('hatches what does not resolve: every region of a 5 px/mm photo', () => {
    const low = syntheticScalp({
      seed: 9,
      widthMm: 60,
      heightMm: 40,
      pxPerMm: 5,
      fitzpatrick: 3,
      fuPerCm2: 80,
    });
    const a = analyzePhoto(low.image, { calibration: { pxPerMm: 5 } });
    const ov = renderOverlay(low.image, a);
    // red stripes over a quarter of the pixels: green falls sharply there
    let striped = 0;
    for (let i = 0; i < ov.data.length; i += 4)
      if (ov.data[i + 1]! < low.image.data[(i / 4) * 3 + 1]! - 40) striped++;
    expect(striped / (ov.data.length / 4)).toBeGreaterThan(0.2);
    expect(a.follicles).toHaveLength(0);
  });

  it('writes JSON that the shared schema reads back', () => {
    const parsed = PhotoAnalysisSchema.parse(JSON.parse(JSON.stringify(analysis)));
    expect(parsed.follicles).toHaveLength(analysis.follicles.length);
    expect(parsed.density!.perCm2Median).toBe(analysis.density!.perCm2Median);
  });
});
