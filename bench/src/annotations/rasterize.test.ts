import { describe, expect, it } from 'vitest';
import { annotationSchema, type Annotation, type Point } from './annotation.schema.js';
import { CLASS, rasterizeClasses, rasterizeIgnore, rasterizeLabel, rasterizeScars } from './rasterize.js';

const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

function annotation(layers: Annotation['layers'], width = 100, height = 80): Annotation {
  return annotationSchema.parse({
    image: 'test.png',
    width,
    height,
    view: 'front',
    method: 'test',
    layers,
    pxPerMm: null,
  });
}

const count = (mask: Uint8Array, value = 1) => mask.reduce((n, v) => n + (v === value ? 1 : 0), 0);
const at = (map: Uint8Array, a: Annotation, x: number, y: number) => map[y * a.width + x];

describe('rasterizeClasses', () => {
  it('covers exactly the pixels whose centres lie inside a rectangle', () => {
    const a = annotation([{ label: 'head', polygon: rect(10, 10, 30, 20) }]);
    const classes = rasterizeClasses(a);
    expect(count(classes, CLASS.face)).toBe(200);
    expect(at(classes, a, 10, 10)).toBe(CLASS.face);
    expect(at(classes, a, 29, 19)).toBe(CLASS.face);
    expect(at(classes, a, 30, 19)).toBe(CLASS.other);
    expect(at(classes, a, 29, 20)).toBe(CLASS.other);
    expect(at(classes, a, 9, 15)).toBe(CLASS.other);
  });

  it("gives a round polygon its area in pixels to within a fraction of its outline's length", () => {
    const n = 64;
    const r = 30.3;
    const polygon: Point[] = Array.from({ length: n }, (_, i) => [
      50.2 + r * Math.cos((2 * Math.PI * i) / n),
      40.7 + r * Math.sin((2 * Math.PI * i) / n),
    ]);
    const area = 0.5 * n * r * r * Math.sin((2 * Math.PI) / n);
    const pixels = count(rasterizeClasses(annotation([{ label: 'scalp', polygon }])), CLASS.hair);
    expect(Math.abs(pixels - area)).toBeLessThan(0.02 * area);
  });

  it('leaves the notch of a concave polygon empty', () => {
    // A U: two 10 px wide arms joined by a 10 px bar at the bottom.
    const u: Point[] = [
      [10, 10],
      [20, 10],
      [20, 40],
      [40, 40],
      [40, 10],
      [50, 10],
      [50, 50],
      [10, 50],
    ];
    const a = annotation([{ label: 'head', polygon: u }]);
    const classes = rasterizeClasses(a);
    expect(count(classes, CLASS.face)).toBe(40 * 40 - 20 * 30);
    expect(at(classes, a, 30, 20)).toBe(CLASS.other);
    expect(at(classes, a, 15, 20)).toBe(CLASS.face);
  });

  it('never gives a pixel to both of two polygons sharing an edge', () => {
    const a = annotation([
      { label: 'ignore', polygon: rect(10, 10, 20.5, 30.25) },
      { label: 'ignore', polygon: rect(20.5, 10, 40, 30.25) },
    ]);
    const left = rasterizeLabel(annotation([a.layers[0]!]), 'ignore');
    const right = rasterizeLabel(annotation([a.layers[1]!]), 'ignore');
    const overlap = left.reduce((n, v, i) => n + (v && right[i] ? 1 : 0), 0);
    expect(overlap).toBe(0);
    expect(count(left) + count(right)).toBe(30 * 20);
  });

  it('paints head, then scalp, then bare, each over the last, whatever the order in the file', () => {
    const a = annotation([
      { label: 'bare', polygon: rect(40, 10, 60, 30) },
      { label: 'scalp', polygon: rect(20, 5, 80, 40) },
      { label: 'head', polygon: rect(10, 0, 90, 80) },
    ]);
    const classes = rasterizeClasses(a);
    expect(at(classes, a, 50, 20)).toBe(CLASS.bare);
    expect(at(classes, a, 25, 20)).toBe(CLASS.hair);
    expect(at(classes, a, 50, 60)).toBe(CLASS.face);
    expect(at(classes, a, 5, 60)).toBe(CLASS.other);
    expect(count(classes, CLASS.bare)).toBe(400);
    expect(count(classes, CLASS.hair)).toBe(60 * 35 - 400);
    expect(count(classes, CLASS.face)).toBe(80 * 80 - 60 * 35);
  });

  it('stops at the photo edge when a polygon runs along it', () => {
    const a = annotation([{ label: 'head', polygon: rect(0, 0, 100, 80) }]);
    expect(count(rasterizeClasses(a), CLASS.face)).toBe(100 * 80);
  });
});

describe('ignore and scar masks', () => {
  const a = annotation([
    { label: 'head', polygon: rect(0, 0, 100, 80) },
    { label: 'scalp', polygon: rect(0, 0, 100, 40) },
    { label: 'ignore', polygon: rect(0, 35, 100, 45) },
    { label: 'scar', polygon: rect(10, 10, 20, 12) },
    { label: 'scar', polygon: rect(50, 10, 52, 30) },
  ]);

  it('leaves the class map as it is and marks the ignored pixels apart', () => {
    const classes = rasterizeClasses(a);
    expect(count(classes, CLASS.hair)).toBe(100 * 40);
    expect(count(classes, CLASS.face)).toBe(100 * 40);
    const ignore = rasterizeIgnore(a);
    expect(count(ignore)).toBe(100 * 10);
    expect(at(ignore, a, 50, 34)).toBe(0);
    expect(at(ignore, a, 50, 35)).toBe(1);
    expect(at(ignore, a, 50, 44)).toBe(1);
  });

  it('gives each scar a mask of its own', () => {
    const scars = rasterizeScars(a);
    expect(scars).toHaveLength(2);
    expect(count(scars[0]!)).toBe(20);
    expect(count(scars[1]!)).toBe(40);
    expect(at(scars[0]!, a, 50, 20)).toBe(0);
  });
});
