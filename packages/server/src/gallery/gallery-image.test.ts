// The after side's crop: the rectangle drawn on the before photo, carried into the after photo by
// the alignment (after → before), boxed and clipped to the after photo.
import { describe, expect, it } from 'vitest';
import { afterCrop } from './gallery-image.js';

const crop = { x: 40, y: 40, w: 440, h: 240 };

describe('afterCrop', () => {
  it('takes the crop as drawn without an alignment', () => {
    expect(afterCrop(crop, null, 520, 320)).toEqual(crop);
  });

  it('carries the crop back through the alignment: after x + 12 is before x', () => {
    expect(afterCrop(crop, [1, 0, 12, 0, 1, -6, 0, 0, 1], 520, 320)).toEqual({
      x: 28,
      y: 46,
      w: 440,
      h: 240,
    });
  });

  it('boxes a rotated crop and clips it to the after photo', () => {
    // A quarter turn: after (x, y) is before (300 − y, x), so the 100 × 50 crop stands 50 × 100.
    const rect = afterCrop({ x: 0, y: 0, w: 100, h: 50 }, [0, -1, 300, 1, 0, 0, 0, 0, 1], 520, 320);
    expect(rect).toEqual({ x: 0, y: 200, w: 50, h: 100 });
    expect(afterCrop({ x: 400, y: 200, w: 200, h: 200 }, [1, 0, 0, 0, 1, 0, 0, 0, 1], 520, 320)).toEqual({
      x: 400,
      y: 200,
      w: 120,
      h: 120,
    });
  });

  it('falls back to the crop as drawn when the alignment cannot be inverted', () => {
    expect(afterCrop(crop, [0, 0, 0, 0, 0, 0, 0, 0, 1], 520, 320)).toEqual(crop);
  });
});
