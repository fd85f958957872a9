import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationError, loadAnnotationFile, loadAnnotations } from './load-annotations.js';

const valid = () => ({
  image: 'head_1.png',
  width: 200,
  height: 100,
  view: 'front',
  method: 'by eye',
  layers: [
    {
      label: 'head',
      polygon: [
        [10, 10],
        [190, 10],
        [100, 90],
      ],
    },
  ],
  pxPerMm: null,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stipple-annotations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof AnnotationError) return error.problems;
    throw error;
  }
  throw new Error('expected an AnnotationError');
}

describe('loadAnnotations', () => {
  it('loads every file of the folder, sorted by image, with defaults filled in', () => {
    write('head_10.json', { ...valid(), image: 'head_10.png' });
    write('head_2.json', { ...valid(), image: 'head_2.png' });
    write('README.md', '# not an annotation');
    const loaded = loadAnnotations(dir);
    expect(loaded.map((a) => a.image)).toEqual(['head_2.png', 'head_10.png']);
    expect(loaded[0]!.follicleWindows).toEqual([]);
    expect(loaded[0]!.notes).toBe('');
  });

  it('names the file and the field of a vertex outside the photo', () => {
    const bad = valid();
    bad.layers[0]!.polygon[2] = [100, 140];
    const file = write('head_1.json', bad);
    const problems = problemsOf(() => loadAnnotations(dir));
    expect(problems[0]).toContain('1 of 1 annotation files are invalid');
    expect(problems[1]).toBe(`${file}: layers.0.polygon.2: vertex (100, 140) lies outside the 200×100 photo`);
  });

  it('names an unknown field, a wrong label and a missing one', () => {
    const file = write('head_1.json', {
      ...valid(),
      polygons: [],
      view: 'above',
      layers: [{ label: 'hairline', polygon: valid().layers[0]!.polygon }],
      method: undefined,
    });
    const problems = problemsOf(() => loadAnnotationFile(file)).join('\n');
    expect(problems).toContain(`${file}: (the whole file): Unrecognized key: "polygons"`);
    expect(problems).toMatch(new RegExp(`${file}: view: .*"front"`));
    expect(problems).toContain(`${file}: layers.0.label:`);
    expect(problems).toContain(`${file}: method:`);
  });

  it('rejects follicle points outside their window and a window outside the photo', () => {
    const file = write('head_1.json', {
      ...valid(),
      follicleWindows: [
        {
          x: 0,
          y: 0,
          w: 50,
          h: 50,
          points: [
            [10, 10],
            [60, 10],
          ],
          uncertain: [[5, 51]],
        },
        { x: 180, y: 0, w: 50, h: 50, points: [] },
      ],
    });
    const problems = problemsOf(() => loadAnnotationFile(file));
    expect(problems).toEqual([
      `${file}: follicleWindows.0.points.1: point (60, 10) lies outside its window`,
      `${file}: follicleWindows.0.uncertain.0: point (5, 51) lies outside its window`,
      `${file}: follicleWindows.1: the window (180, 0, 50×50) reaches outside the 200×100 photo`,
    ]);
  });

  it('rejects a polygon without area, a file named for another photo, and a file that is not JSON', () => {
    const flat = valid();
    flat.layers[0]!.polygon = [
      [10, 10],
      [20, 20],
      [30, 30],
    ];
    expect(problemsOf(() => loadAnnotationFile(write('head_1.json', flat)))[0]).toMatch(
      /layers\.0\.polygon: the polygon encloses no area$/,
    );
    expect(problemsOf(() => loadAnnotationFile(write('head_3.json', valid())))[0]).toMatch(
      /image: "head_1.png" does not match the file name \(expected head_3.<ext>\)$/,
    );
    expect(problemsOf(() => loadAnnotationFile(write('head_1.json', '{ "image": ')))[0]).toMatch(
      /head_1.json: not readable as JSON/,
    );
  });

  it('says so when the folder is missing', () => {
    expect(problemsOf(() => loadAnnotations(join(dir, 'nope')))[0]).toMatch(/no such folder of annotations$/);
  });
});
