import { describe, expect, it } from 'vitest';
import {
  checkedFabric,
  closeUpScene,
  DARK_HAIR,
  DARK_SKIN,
  headScene,
  PALE_SKIN,
  plainWall,
  render,
  type Scene,
} from '../testing/synthetic-heads.js';
import { segmentScalp } from './segment-scalp.js';
import { MAP_CLASS, type ScalpMap } from './scalp-map.js';

/** Photo-resolution classes of the map. */
function classesOf(map: ScalpMap, width: number, height: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const mx = Math.min(map.width - 1, Math.floor(x / map.factor));
      const my = Math.min(map.height - 1, Math.floor(y / map.factor));
      out.push(map.classes[my * map.width + mx]!);
    }
  return out;
}

function iou(a: boolean[], b: boolean[]): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union ? inter / union : 1;
}

function score(scene: Scene, seed: number) {
  const { image, truth } = render(scene, seed);
  const classes = classesOf(segmentScalp(image), scene.width, scene.height);
  // the neck is scored neither way (the annotations leave it out; a bowed face goes on below)
  const scored = (pick: (c: number) => boolean, want: (m: string) => boolean) =>
    iou(
      classes.map((c, i) => truth[i] !== 'neck' && pick(c)),
      truth.map((m) => m !== 'neck' && want(m)),
    );
  return {
    classes,
    truth,
    head: scored(
      (c) => c !== MAP_CLASS.other,
      (m) => m === 'hair' || m === 'skin',
    ),
    scalp: scored(
      (c) => c === MAP_CLASS.hair || c === MAP_CLASS.bare,
      (m) => m === 'hair',
    ),
    face: scored(
      (c) => c === MAP_CLASS.face,
      (m) => m === 'skin',
    ),
  };
}

describe('segmentScalp on synthetic heads', () => {
  it('finds a head on a checked background, hair as scalp and the skin below it as face', () => {
    const s = score(headScene({ skin: PALE_SKIN, background: checkedFabric }), 1);
    expect(s.head).toBeGreaterThan(0.9);
    expect(s.scalp).toBeGreaterThan(0.8);
    expect(s.face).toBeGreaterThan(0.7);
  });

  it.each([
    ['pale', PALE_SKIN],
    ['dark', DARK_SKIN],
  ] as const)('keeps a %s face in the head and out of the scalp', (_name, skin) => {
    const s = score(headScene({ skin, background: plainWall }), 2);
    expect(s.head).toBeGreaterThan(0.9);
    expect(s.scalp).toBeGreaterThan(0.8);
    expect(s.face).toBeGreaterThan(0.7);
  });

  it('leaves shoulders in a shirt the colour of the hair out of the head', () => {
    const scene = headScene({ skin: PALE_SKIN, background: plainWall, shirt: DARK_HAIR });
    const s = score(scene, 3);
    // the shoulders: shirt beyond the neck's width (right under the neck a colour model cannot tell)
    let shoulders = 0;
    let shouldersAsHead = 0;
    s.truth.forEach((m, i) => {
      if (m !== 'shirt' || Math.abs((i % scene.width) - 200) < 60) return;
      shoulders++;
      if (s.classes[i] !== MAP_CLASS.other) shouldersAsHead++;
    });
    expect(shoulders).toBeGreaterThan(5000);
    expect(shouldersAsHead / shoulders).toBeLessThan(0.05);
    expect(s.head).toBeGreaterThan(0.85);
  });

  it('finds the face of a head that fills the frame but for the corners behind it', () => {
    // a face close to the camera: hair over the top and down the sides, the forehead and face
    // below it running off the bottom of the frame, the wall only in the two top corners
    const scene: Scene = {
      width: 300,
      height: 300,
      at(x, y) {
        const r2 = ((x - 150) / 185) ** 2 + ((y - 190) / 215) ** 2;
        if (r2 > 1) return 'background';
        return y < 110 || (r2 > 0.5 && y < 200) ? 'hair' : 'skin';
      },
      colour: (m) => (m === 'hair' ? DARK_HAIR : m === 'skin' ? PALE_SKIN : plainWall()),
    };
    const s = score(scene, 5);
    const headShare = s.classes.filter((c) => c !== MAP_CLASS.other).length / s.classes.length;
    expect(headShare).toBeGreaterThan(0.9);
    expect(s.scalp).toBeGreaterThan(0.8);
    expect(s.face).toBeGreaterThan(0.7);
  });

  it('calls a close-up scalp to every border all scalp', () => {
    const { image } = render(closeUpScene(), 4);
    const map = segmentScalp(image);
    const scalp = map.classes.filter((c) => c === MAP_CLASS.hair || c === MAP_CLASS.bare).length;
    expect(scalp / map.classes.length).toBeGreaterThan(0.97);
  });
});
