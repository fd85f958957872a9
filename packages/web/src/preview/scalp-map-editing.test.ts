import { describe, expect, it } from 'vitest';
import {
  BARE,
  brushRegion,
  decodeRuns,
  encodeRuns,
  FACE,
  HAIR,
  OTHER,
  scalpShare,
  toggleRegion,
  type Labels,
} from './scalp-map-editing.js';

/** A 10×6 map: face on the left two columns, a hair-bearing head in the middle, an "other" island. */
function sample(): Labels {
  const w = 10;
  const h = 6;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data[y * w + x] = x < 2 ? FACE : x < 7 ? HAIR : OTHER;
  // A bare patch inside the hair.
  data[2 * w + 4] = BARE;
  data[3 * w + 4] = BARE;
  return { width: w, height: h, data };
}

describe('the scalp map runs', () => {
  it('decodes what it encodes', () => {
    const map = sample();
    const runs = encodeRuns(map.data);
    expect(runs.length % 2).toBe(0);
    expect(decodeRuns(map.width, map.height, runs).data).toEqual(map.data);
  });
});

describe('toggleRegion', () => {
  it('takes the tapped connected region out of the scalp, keeping face as face', () => {
    const map = sample();
    const out = toggleRegion(map, map, 5, 0)!;
    // The hair region (4-connected) is gone; the bare patch is its own region and stays.
    expect(out[5]).toBe(OTHER);
    expect(out[2 * 10 + 4]).toBe(BARE);
    expect(scalpShare(out)).toBeCloseTo(2 / 60, 5);
    // The face region tapped joins the scalp as bare scalp (it was never scalp automatically).
    const face = toggleRegion({ ...map, data: out }, map, 0, 0)!;
    expect(face[0]).toBe(BARE);
    expect(face[3 * 10 + 1]).toBe(BARE);
  });

  it('gives a region that rejoins the scalp its automatic classes back', () => {
    const auto = sample();
    const removed = toggleRegion(auto, auto, 5, 0)!;
    const back = toggleRegion({ ...auto, data: removed }, auto, 5, 0)!;
    // The removed hair merged with the "other" on its right; tapping it brings all of it in:
    // hair where it was hair, bare where it was background.
    expect(back[5]).toBe(HAIR);
    expect(back[9]).toBe(BARE);
  });

  it('does nothing off the map', () => {
    const map = sample();
    expect(toggleRegion(map, map, -1, 2)).toBeNull();
    expect(toggleRegion(map, map, 10, 2)).toBeNull();
  });
});

describe('brushRegion', () => {
  it('adds the pixels a stroke covers to the scalp, and erases them again', () => {
    const map = sample();
    const added = brushRegion(
      map,
      map,
      [
        [7.5, 0.5],
        [7.5, 5.5],
      ],
      0.6,
      'add',
    );
    for (let y = 0; y < 6; y++) {
      expect(added[y * 10 + 7]).toBe(BARE);
      expect(added[y * 10 + 9]).toBe(OTHER);
    }
    const erased = brushRegion(
      { ...map, data: added },
      map,
      [
        [7.5, 0.5],
        [7.5, 5.5],
      ],
      0.6,
      'erase',
    );
    expect(erased).toEqual(map.data);
  });

  it('erases scalp over the face back to face', () => {
    const map = sample();
    const covered = brushRegion(map, map, [[0.5, 0.5]], 0.6, 'add');
    expect(covered[0]).toBe(BARE);
    expect(brushRegion({ ...map, data: covered }, map, [[0.5, 0.5]], 0.6, 'erase')[0]).toBe(FACE);
  });
});
