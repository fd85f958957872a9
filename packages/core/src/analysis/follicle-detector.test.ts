import { describe, expect, it } from 'vitest';
import { detectFollicleBlobs } from './follicle-detector.js';
import { BASE_SIGMA, binomialBlur, buildScaleSpace } from './scale-space.js';
import { makeTileGrid } from './tile-grid.js';
import { dogNoisePerTile } from './tile-noise.js';

const PPM = 20;
const W = 200;

function skin(): Float32Array {
  // skin level 1 with a little deterministic texture, as the detection channel sees it
  return Float32Array.from({ length: W * W }, (_, i) => 1 + 0.01 * Math.sin(i * 0.37) * Math.cos(i * 0.011));
}

function disc(img: Float32Array, cx: number, cy: number, r: number, value: number): void {
  for (let y = Math.floor(cy - r - 1); y <= cy + r + 1; y++)
    for (let x = Math.floor(cx - r - 1); x <= cx + r + 1; x++) {
      const cover = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - cx, y - cy)));
      img[y * W + x] = img[y * W + x]! * (1 - cover) + value * cover;
    }
}

function capsule(
  img: Float32Array,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  r: number,
  value: number,
): void {
  const steps = Math.ceil(Math.hypot(bx - ax, by - ay) * 2);
  for (let k = 0; k <= steps; k++)
    disc(img, ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps, r, value);
}

function follicles(img: Float32Array) {
  const space = buildScaleSpace(binomialBlur(img, W, W), W, W, 0.25 * PPM * 4, undefined, BASE_SIGMA);
  const grid = makeTileGrid(W, W, 3 * PPM);
  const noise = space.dogs.map((d) => dogNoisePerTile(d, grid));
  return detectFollicleBlobs(space, noise, grid, PPM);
}

describe('follicle openings', () => {
  it('counts an opening with its stubble stub once, at the opening', () => {
    const img = skin();
    disc(img, 60, 60, 2, 0.3);
    capsule(img, 60, 60, 66, 64, 0.8, 0.35); // a 0.35 mm stub
    disc(img, 140, 120, 2.2, 0.3);
    const found = follicles(img).follicles;
    expect(found).toHaveLength(2);
    expect(found.some((f) => Math.hypot(f.x - 60, f.y - 60) < 2)).toBe(true);
  });

  it('keeps two openings with skin between them apart', () => {
    const img = skin();
    disc(img, 90, 100, 2, 0.3);
    disc(img, 100, 100, 2, 0.3); // 0.5 mm apart
    expect(follicles(img).follicles).toHaveLength(2);
  });

  it('does not take a freckle or the specks of a shiny scalp for openings', () => {
    const img = skin();
    disc(img, 70, 70, 22, 0.82); // a 2.2 mm freckle
    for (const [x, y] of [
      [150, 40],
      [160, 150],
      [40, 160],
    ])
      disc(img, x!, y!, 1, 1.15); // specular specks (clipped at 1.15 by the channel)
    disc(img, 150, 150, 2, 0.3); // one real opening beside a speck
    const found = follicles(img).follicles;
    expect(found).toHaveLength(1);
    expect(Math.hypot(found[0]!.x - 150, found[0]!.y - 150)).toBeLessThan(2);
  });
});
