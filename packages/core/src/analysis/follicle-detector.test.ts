import { describe, expect, it } from 'vitest';
import type { RgbImage } from './analysis-input.js';
import { detectFollicles } from './follicle-detector.js';
import { diffuseShareAt, GLARE_CELL_SHARE, glareShareAt, measureGlare } from './glare-map.js';
import { emulateJpeg } from './testing/jpeg-emulation.js';
import { SeededRandom } from './testing/seeded-random.js';
import { buildWorkingChannel, photoX, photoY } from './working-channel.js';

const PX_PER_MM = 20;
const SKIN: [number, number, number] = [190, 140, 120];

/**
 * A patch of skin at 20 px/mm with sensor noise, and painters for what the detector must tell
 * apart: a pale hair lying on the skin (fading into it at its exit end, beside a dark opening),
 * a bare opening, and bright desaturated glare.
 */
function skin(widthMm: number, heightMm: number, seed: number, noise = 3, tone: readonly number[] = SKIN) {
  const width = widthMm * PX_PER_MM;
  const height = heightMm * PX_PER_MM;
  const rgb = new Float32Array(width * height * 3);
  const rng = new SeededRandom(seed);
  for (let i = 0; i < width * height; i++)
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = tone[c]! + noise * rng.normal();
  const blend = (x: number, y: number, colour: readonly number[], alpha: number): void => {
    if (x < 0 || y < 0 || x >= width || y >= height || alpha <= 0) return;
    const i = 3 * (y * width + x);
    for (let c = 0; c < 3; c++) rgb[i + c] = rgb[i + c]! * (1 - alpha) + colour[c]! * alpha;
  };
  return {
    width,
    height,
    /** A round dark opening of `rMm` radius, `depth` darker than the skin. */
    opening(xMm: number, yMm: number, rMm: number, depth: number): void {
      const cx = xMm * PX_PER_MM;
      const cy = yMm * PX_PER_MM;
      const r = rMm * PX_PER_MM;
      for (let y = Math.floor(cy - 3 * r); y <= cy + 3 * r; y++)
        for (let x = Math.floor(cx - 3 * r); x <= cx + 3 * r; x++) {
          const a = depth * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * (r / 1.2) ** 2));
          blend(x, y, [0, 0, 0], a);
        }
    },
    /** A pale hair from its exit (x0, y0) along `angle`, faint at the exit, full beyond 0.3 mm. */
    hair(x0Mm: number, y0Mm: number, angle: number, lengthMm: number): void {
      const dx = Math.cos(angle);
      const dy = Math.sin(angle);
      const x0 = x0Mm * PX_PER_MM;
      const y0 = y0Mm * PX_PER_MM;
      const len = lengthMm * PX_PER_MM;
      const half = 0.06 * PX_PER_MM;
      for (let y = Math.floor(Math.min(y0, y0 + dy * len) - 4); y <= Math.max(y0, y0 + dy * len) + 4; y++)
        for (let x = Math.floor(Math.min(x0, x0 + dx * len) - 4); x <= Math.max(x0, x0 + dx * len) + 4; x++) {
          const t = (x - x0) * dx + (y - y0) * dy;
          if (t < 0 || t > len) continue;
          const across = Math.abs(-(x - x0) * dy + (y - y0) * dx);
          const fade = Math.min(1, 0.3 + t / (0.3 * PX_PER_MM));
          blend(x, y, [235, 225, 215], 0.8 * fade * Math.exp(-(across * across) / (2 * half * half)));
        }
    },
    /** Bright, nearly white specular flecks over a disc (a sweaty crown under a lamp). */
    glare(xMm: number, yMm: number, rMm: number, seed2: number): void {
      const rng2 = new SeededRandom(seed2);
      const cx = xMm * PX_PER_MM;
      const cy = yMm * PX_PER_MM;
      const r = rMm * PX_PER_MM;
      for (let y = Math.floor(cy - r); y <= cy + r; y++)
        for (let x = Math.floor(cx - r); x <= cx + r; x++)
          if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && rng2.next() < 0.5) blend(x, y, [252, 250, 248], 0.9);
    },
    /** A broad sheen: the lamp's white added, `amount` of full white, rising over 2 mm from x0. */
    sheen(x0Mm: number, amount: number): void {
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const t = Math.min(1, Math.max(0, (x / PX_PER_MM - x0Mm) / 2));
          blend(x, y, [255, 255, 255], amount * t * t * (3 - 2 * t));
        }
    },
    /** A pinpoint glint, a few times brighter than the skin. */
    glint(xMm: number, yMm: number): void {
      const cx = Math.round(xMm * PX_PER_MM);
      const cy = Math.round(yMm * PX_PER_MM);
      for (let y = cy - 1; y <= cy + 1; y++)
        for (let x = cx - 1; x <= cx + 1; x++) blend(x, y, [255, 255, 250], 0.9);
    },
    /** The photo as 8-bit RGB, through a phone's JPEG at `quality` when given. */
    image(quality?: number): RgbImage {
      const data = new Uint8ClampedArray(width * height * 3);
      for (let i = 0; i < data.length; i++) data[i] = Math.round(rgb[i]!);
      if (quality !== undefined) emulateJpeg(data, width, height, quality);
      return { width, height, channels: 3, data: new Uint8Array(data.buffer) };
    },
  };
}

function find(
  image: RgbImage,
  glareAt?: (x: number, y: number) => number,
  diffuseAt?: (x: number, y: number) => number,
) {
  const roi = { x: 0, y: 0, w: image.width, h: image.height };
  const wc = buildWorkingChannel(image, roi, PX_PER_MM);
  const finding = detectFollicles(
    wc,
    () => true,
    glareAt ? (x, y) => glareAt(photoX(wc, x), photoY(wc, y)) : undefined,
    diffuseAt ? (x, y) => diffuseAt(photoX(wc, x), photoY(wc, y)) : undefined,
  );
  return finding.follicles.map((f) => ({ ...f, x: photoX(wc, f.x), y: photoY(wc, f.y) }));
}

describe('follicle detector', () => {
  it('counts a pale hair lying on the skin once, at its exit beside the opening', () => {
    const s = skin(12, 12, 1);
    const exits: [number, number][] = [];
    for (let k = 0; k < 9; k++) {
      const x = 2 + (k % 3) * 3.5;
      const y = 2.5 + Math.floor(k / 3) * 3.5;
      s.opening(x, y, 0.08, 0.35);
      s.hair(x, y, -0.3, 1.5);
      exits.push([x * PX_PER_MM, y * PX_PER_MM]);
    }
    const found = find(s.image());
    expect(found).toHaveLength(exits.length);
    for (const [x, y] of exits) {
      const near = found.filter((f) => Math.hypot(f.x - x, f.y - y) <= 0.2 * PX_PER_MM);
      expect(near).toHaveLength(1);
    }
  });

  it('finds bare openings and nothing in plain noisy skin', () => {
    const s = skin(10, 10, 2, 4);
    const truth: [number, number][] = [];
    for (let k = 0; k < 16; k++) {
      const x = 1.5 + (k % 4) * 2.3;
      const y = 1.5 + Math.floor(k / 4) * 2.3;
      s.opening(x, y, 0.1, 0.35);
      truth.push([x * PX_PER_MM, y * PX_PER_MM]);
    }
    const found = find(s.image());
    const hits = truth.filter(([x, y]) => found.some((f) => Math.hypot(f.x - x, f.y - y) <= 0.2 * PX_PER_MM));
    expect(hits.length).toBeGreaterThanOrEqual(15);
    expect(found.length).toBeLessThanOrEqual(truth.length + 1);
    expect(find(skin(10, 10, 3, 4).image())).toHaveLength(0);
  });

  it('reads no hair and no opening in specular glare on bare skin', () => {
    const s = skin(12, 12, 4);
    s.glare(6, 6, 3, 9);
    const image = s.image();
    const roi = { x: 0, y: 0, w: image.width, h: image.height };
    const glare = measureGlare(image, roi, 0.5 * PX_PER_MM, () => true);
    expect(glareShareAt(glare, 6 * PX_PER_MM, 6 * PX_PER_MM)).toBeGreaterThanOrEqual(GLARE_CELL_SHARE);
    expect(glareShareAt(glare, 1 * PX_PER_MM, 1 * PX_PER_MM)).toBeLessThan(0.05);
    // without the glare map the flecks and the gaps between them read as dozens of hairs
    expect(find(image).length).toBeGreaterThan(20);
    const found = find(image, (x, y) => glareShareAt(glare, x, y));
    // at most a stray at the glare's ragged rim
    expect(found.filter((f) => f.kind === 'shaft').length).toBeLessThanOrEqual(1);
    expect(found.length).toBeLessThanOrEqual(3);
  });

  it('finds openings on dark skin under a broad sheen, among glints, and nothing else', () => {
    const s = skin(12, 12, 5, 2, [95, 62, 50]);
    const truth: [number, number][] = [];
    for (let k = 0; k < 25; k++) {
      const x = 1.6 + (k % 5) * 2.2;
      const y = 1.6 + Math.floor(k / 5) * 2.2;
      s.opening(x, y, 0.09, 0.3);
      truth.push([x * PX_PER_MM, y * PX_PER_MM]);
    }
    // the right half under the lamp's sheen, glints scattered between the openings
    s.sheen(5, 0.3);
    for (let k = 0; k < 16; k++) s.glint(2.7 + (k % 4) * 2.2, 2.7 + Math.floor(k / 4) * 2.2);
    const image = s.image(85);
    const roi = { x: 0, y: 0, w: image.width, h: image.height };
    const glare = measureGlare(image, roi, 0.5 * PX_PER_MM, () => true);
    // the sheen dilutes the skin's own light to well under its whole; the bare half keeps it
    expect(diffuseShareAt(glare, 10 * PX_PER_MM, 6 * PX_PER_MM)).toBeLessThan(0.7);
    expect(diffuseShareAt(glare, 3 * PX_PER_MM, 6 * PX_PER_MM)).toBeGreaterThan(0.9);
    const hitsOf = (found: { x: number; y: number }[]) =>
      truth.filter(([x, y]) => found.some((f) => Math.hypot(f.x - x, f.y - y) <= 0.2 * PX_PER_MM));
    const found = find(
      image,
      (x, y) => glareShareAt(glare, x, y),
      (x, y) => diffuseShareAt(glare, x, y),
    );
    expect(hitsOf(found).length).toBeGreaterThanOrEqual(24);
    expect(found.length).toBeLessThanOrEqual(truth.length + 1);
    // taken as plain contrast, the openings under the sheen look too faint
    const plain = find(image, (x, y) => glareShareAt(glare, x, y));
    expect(hitsOf(plain).length).toBeLessThan(hitsOf(found).length);
  });
});
