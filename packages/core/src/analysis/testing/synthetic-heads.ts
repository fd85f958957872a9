/**
 * Synthetic photos of heads whose truth is known by construction: each pixel is drawn from one
 * material (hair, skin, background, shirt) chosen by the geometry, with the noise a camera adds.
 */
import type { RgbImage } from '../analysis-input.js';
import { SeededRandom } from './seeded-random.js';

export type Rgb = readonly [number, number, number];
/** `neck` is scored neither way: the annotations leave it out of the head, a bowed face goes on below the chin. */
export type Material = 'background' | 'hair' | 'skin' | 'neck' | 'shirt';

export const PALE_SKIN: Rgb = [232, 196, 176];
export const DARK_SKIN: Rgb = [96, 62, 46];
export const DARK_HAIR: Rgb = [42, 32, 28];

export interface Scene {
  width: number;
  height: number;
  /** The material at a pixel. */
  at(x: number, y: number): Material;
  /** Colour of a material at a pixel (before noise). */
  colour(material: Material, x: number, y: number): Rgb;
}

export function render(scene: Scene, seed: number): { image: RgbImage; truth: Material[] } {
  const rng = new SeededRandom(seed);
  const data = new Uint8Array(scene.width * scene.height * 3);
  const truth: Material[] = [];
  for (let y = 0; y < scene.height; y++)
    for (let x = 0; x < scene.width; x++) {
      const m = scene.at(x, y);
      truth.push(m);
      const [r, g, b] = scene.colour(m, x, y);
      // hair is fine texture: strands lighter and darker than their mean; skin is smooth
      const grain = m === 'hair' ? 28 * rng.normal() : 3 * rng.normal();
      const k = 3 * (y * scene.width + x);
      data[k] = clamp(r + grain + 2 * rng.normal());
      data[k + 1] = clamp(g + grain + 2 * rng.normal());
      data[k + 2] = clamp(b + grain + 2 * rng.normal());
    }
  return { image: { width: scene.width, height: scene.height, channels: 3, data }, truth };
}

function clamp(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** A head seen from the front and a little above: hair over the top and sides, a face below. */
export function headScene(options: {
  skin: Rgb;
  background: (x: number, y: number) => Rgb;
  shirt?: Rgb;
}): Scene {
  const width = 400;
  const height = 360;
  const cx = 200;
  const cy = 150;
  const ax = 100;
  const ay = 122;
  const hairline = 135;
  return {
    width,
    height,
    at(x, y) {
      const r2 = ((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2;
      // the hair covers the top and comes down the sides as a band to the temples
      if (r2 <= 1) return y < hairline || (r2 > 0.55 && y < hairline + 30) ? 'hair' : 'skin';
      // shoulders: a shirt wider than the head comes in from the bottom below the neck
      if (options.shirt && y > 300 && Math.abs(x - cx) < 50 + 3 * (y - 300)) return 'shirt';
      if (y > cy && Math.abs(x - cx) < 42) return 'neck';
      return 'background';
    },
    colour(m, x, y) {
      if (m === 'hair') return DARK_HAIR;
      if (m === 'skin' || m === 'neck') return options.skin;
      if (m === 'shirt') return options.shirt!;
      return options.background(x, y);
    },
  };
}

/** A shaved scalp filling the frame: stubble scattered over skin, no background anywhere. */
export function closeUpScene(): Scene {
  const hash = (x: number, y: number): number => {
    let v = Math.imul(x, 374761393) + Math.imul(y, 668265263);
    v = Math.imul(v ^ (v >>> 13), 1274126177);
    return ((v ^ (v >>> 16)) >>> 0) / 4294967296;
  };
  return {
    width: 360,
    height: 280,
    // a stubble hair every few pixels, two pixels long
    at: (x, y) => (hash(x, y >> 1) < 0.12 ? 'hair' : 'skin'),
    colour: (m) => (m === 'hair' ? [70, 56, 50] : [206, 164, 140]),
  };
}

export const plainWall = (): Rgb => [214, 218, 224];
export const checkedFabric = (x: number, y: number): Rgb =>
  (Math.floor(x / 10) + Math.floor(y / 10)) % 2 ? [190, 168, 120] : [92, 118, 150];
