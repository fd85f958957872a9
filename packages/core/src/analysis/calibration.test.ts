import { describe, expect, it } from 'vitest';
import { AnalysisInputError, resolveRoi, validateImage } from './analysis-input.js';
import { resolveCalibration } from './calibration.js';

describe('calibration', () => {
  it('takes px per mm as given', () => {
    expect(resolveCalibration({ pxPerMm: 21.5 })).toEqual({
      calibrated: true,
      pxPerMm: 21.5,
      source: 'px-per-mm',
    });
  });

  it('measures px per mm from two ruler points and their distance', () => {
    const c = resolveCalibration({ ruler: { x1: 100, y1: 100, x2: 400, y2: 500, mm: 25 } });
    expect(c.calibrated).toBe(true);
    expect(c.pxPerMm).toBeCloseTo(20, 10); // 500 px over 25 mm
    expect(c.source).toBe('ruler');
  });

  it('says so when there is no calibration', () => {
    expect(resolveCalibration(undefined)).toEqual({ calibrated: false, pxPerMm: null, source: 'none' });
  });

  it.each([
    [{ pxPerMm: 0 }, 'pxPerMm'],
    [{ pxPerMm: Number.NaN }, 'pxPerMm'],
    [{ ruler: { x1: 0, y1: 0, x2: 300, y2: 0, mm: 0 } }, 'ruler.mm'],
    [{ ruler: { x1: 0, y1: 0, x2: 3, y2: 0, mm: 1 } }, 'ruler'],
    [{ ruler: { x1: 0, y1: Number.NaN, x2: 300, y2: 0, mm: 10 } }, 'ruler.y1'],
  ])('rejects %j naming the field', (input, field) => {
    expect(() => resolveCalibration(input)).toThrow(AnalysisInputError);
    try {
      resolveCalibration(input);
    } catch (e) {
      expect((e as AnalysisInputError).field).toBe(field);
    }
  });
});

describe('input image and region of interest', () => {
  const image = { width: 40, height: 30, channels: 3, data: new Uint8Array(40 * 30 * 3) };

  it('accepts RGB and RGBA and rejects a short buffer', () => {
    expect(() => validateImage(image)).not.toThrow();
    expect(() =>
      validateImage({ ...image, channels: 4, data: new Uint8ClampedArray(40 * 30 * 4) }),
    ).not.toThrow();
    expect(() => validateImage({ ...image, data: new Uint8Array(10) })).toThrow(/data has 10 bytes/);
    expect(() => validateImage({ ...image, channels: 2 })).toThrow(/channels/);
  });

  it('clips the ROI to the image and rejects one that misses it', () => {
    expect(resolveRoi(image, { x: 10, y: -5, w: 100, h: 25 })).toEqual({ x: 10, y: 0, w: 30, h: 20 });
    expect(() => resolveRoi(image, { x: 35, y: 0, w: 10, h: 10 })).toThrow(AnalysisInputError);
  });
});
