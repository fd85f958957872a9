import { describe, expect, it } from 'vitest';
import { scalpOf } from './scalp-line.js';

const W = 100;
const H = 120;

/**
 * A receded front seen from ahead: an oval head, hair over the crown, a forelock down the middle
 * to y = 44, a bald front either side of it, and hair along both sides of the outline all the way
 * down to the jaw (sideburns and a beard), so neither side shows where its temple is.
 */
function recededWithSideburns(): { head: Uint8Array; hair: Uint8Array } {
  return oval((x, y, r2) => {
    const crown = y < 25;
    const forelock = Math.abs(x - 50) < 6 && y < 45;
    const side = r2 > 0.6 && Math.abs(x - 50) > 12;
    return crown || forelock || side;
  });
}

/** An oval head (its bottom at y = 114) with hair where `hairAt` says. */
function oval(hairAt: (x: number, y: number, r2: number) => boolean): { head: Uint8Array; hair: Uint8Array } {
  const head = new Uint8Array(W * H);
  const hair = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const r2 = ((x - 50) / 40) ** 2 + ((y - 60) / 55) ** 2;
      if (r2 > 1) continue;
      head[y * W + x] = 1;
      hair[y * W + x] = hairAt(x, y, r2) ? 1 : 0;
    }
  return { head, hair };
}

describe('scalp against face', () => {
  it('takes side hair that runs down to the jaw for face below the scalp line, not for scalp', () => {
    const { head, hair } = recededWithSideburns();
    const scalp = scalpOf(head, hair, W, H);
    const at = (x: number, y: number) => scalp[y * W + x];
    expect(at(50, 10)).toBe(1); // crown
    expect(at(50, 40)).toBe(1); // forelock
    expect(at(35, 35)).toBe(1); // bald front, above the forelock's lowest point
    expect(at(15, 40)).toBe(1); // side hair above that level
    // side hair below it: sideburns and beard, on both sides
    expect(head[80 * W + 15]! && hair[80 * W + 15]!).toBe(1);
    expect(at(15, 80)).toBe(0);
    expect(at(85, 80)).toBe(0);
    expect(at(50, 90)).toBe(0); // the face between them
  });

  it('looks past a thin dark line low in the face (a lip, a collar) for the hairline', () => {
    // a level hairline at y = 40, side hair down to the jaw, and a 2-px dark line across the chin
    // joined to it, with skin below: the face between the hairline and the chin stays face
    const { head, hair } = oval(
      (x, y, r2) => y < 40 || (r2 > 0.6 && Math.abs(x - 50) > 12) || y === 106 || y === 107,
    );
    const scalp = scalpOf(head, hair, W, H);
    const at = (x: number, y: number) => scalp[y * W + x];
    expect(at(50, 30)).toBe(1);
    expect(at(50, 60)).toBe(0);
    expect(at(50, 90)).toBe(0);
  });
});
