// One rule for a photo's scale: the photo's calibration and a zones file accept and refuse the same
// scales, and a ruler is held to the scale it makes, not only to its own numbers.
import { describe, expect, it } from 'vitest';
import { messageOfIssue } from '../i18n/issue-message.js';
import { renderMessage } from '../i18n/catalogue.js';
import { MAX_PX_PER_MM } from './photo-scale.js';
import { PhotoCalibration } from './photo.schema.js';
import { Calibration, pxPerMmOf } from './zones.schema.js';

function issues(result: { success: boolean; error?: { issues: unknown[] } }) {
  return (result.error?.issues ?? []) as Parameters<typeof messageOfIssue>[0][];
}

describe('a scale given directly', () => {
  it('is accepted up to the same maximum by a photo and by a zones file', () => {
    expect(PhotoCalibration.safeParse({ pxPerMm: MAX_PX_PER_MM }).success).toBe(true);
    expect(Calibration.safeParse({ pxPerMm: MAX_PX_PER_MM }).success).toBe(true);
    // A photo took up to 10 000 px/mm, which its own zones file then refused.
    const photo = issues(PhotoCalibration.safeParse({ pxPerMm: 5000 }));
    expect(photo.map((i) => [i.path, messageOfIssue(i)])).toEqual([
      [['pxPerMm'], { code: 'atMost', params: { max: MAX_PX_PER_MM } }],
    ]);
    expect(Calibration.safeParse({ pxPerMm: 5000 }).success).toBe(false);
  });
});

describe("a photo's ruler", () => {
  const ruler = (distance: number, mm: number) => ({
    points: [
      { x: 100, y: 100 },
      { x: 100 + distance, y: 100 },
    ],
    mm,
  });

  it('is accepted when its points make a scale within the rule', () => {
    expect(PhotoCalibration.safeParse(ruler(1200, 10)).success).toBe(true);
    expect(PhotoCalibration.safeParse(ruler(1000, 1)).success).toBe(true);
  });

  it('is refused, on its millimetres, when it makes more pixels a millimetre than the rule allows', () => {
    const found = issues(PhotoCalibration.safeParse(ruler(20_000, 1)));
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toEqual(['mm']);
    const { code, params } = messageOfIssue(found[0]!);
    expect({ code, params }).toEqual({ code: 'rulerScale', params: { scale: 20_000, max: 1000 } });
    expect(renderMessage('en', `field.${code}`, params)).toBe(
      'Makes 20000 pixels a millimetre, more than the 1000 a photo of a scalp can have: check the two points and the millimetres between them',
    );
    expect(renderMessage('zh-CN', `field.${code}`, params)).toBe(
      '算出每毫米 20000 像素，超过头皮照片可能的 1000：请检查两个点及其间的毫米数',
    );
  });

  it('still needs its two points apart', () => {
    const found = issues(PhotoCalibration.safeParse(ruler(0, 10)));
    expect(found.map((i) => [i.path, messageOfIssue(i).code])).toEqual([[['points'], 'rulerPointsApart']]);
  });
});

describe("a zones file's ruler", () => {
  it('whose two ends are one point is refused (it made 0 px/mm, and divisions by it infinite)', () => {
    const result = Calibration.safeParse({ ruler: { a: [40, 40], b: [40, 40], mm: 10 } });
    expect(issues(result).map((i) => [i.path, messageOfIssue(i).code])).toEqual([
      [['ruler', 'b'], 'rulerPointsApart'],
    ]);
  });

  it('is refused on its millimetres when it makes more than the rule allows, and kept when within it', () => {
    const over = issues(Calibration.safeParse({ ruler: { a: [0, 0], b: [3000, 0], mm: 2 } }));
    expect(over.map((i) => [i.path, messageOfIssue(i)])).toEqual([
      [['ruler', 'mm'], { code: 'rulerScale', params: { scale: 1500, max: 1000 } }],
    ]);
    const within = Calibration.parse({ ruler: { a: [0, 0], b: [300, 400], mm: 10 } });
    expect(pxPerMmOf(within)).toBe(50);
  });
});
