import { describe, expect, it } from 'vitest';
import { ZonesFile, type ZonesFileInput } from '../domain/zones.schema.js';
import { largestEmptyDisc, nearestNeighbourStats } from '../sampling/point-pattern-statistics.js';
import type { PointSet } from '../sampling/point-set-metrics.js';
import { brushOutline } from '../geometry/brush-outline.js';
import { pointInPolygon } from '../geometry/polygon.js';
import { buildDensityField } from './density-field.js';
import type { ImpressionSet } from './impression-set.js';
import { PreviewEngine, type PreviewFrame } from './preview-engine.js';
import { planSimulation } from './simulate.js';

const W = 800;
const H = 600;
const PX = 5;

const scarAt = (dx: number, dy: number): [number, number][] => [
  [250 + dx, 400 + dy],
  [420 + dx, 420 + dy],
  [560 + dx, 430 + dy],
  [562 + dx, 448 + dy],
  [420 + dx, 440 + dy],
  [248 + dx, 418 + dy],
];

function spec(
  options: {
    dx?: number;
    dy?: number;
    scarDensity?: number;
    shade?: number;
    scarShade?: number;
    mole?: boolean;
    moleAt?: number;
    scar?: boolean;
  } = {},
) {
  const zones: ZonesFileInput['zones'] = [
    {
      id: 'crown',
      kind: 'fill',
      polygon: [
        [100, 80],
        [700, 70],
        [740, 520],
        [80, 540],
      ],
      densityPerCm2: 60,
      shade: options.shade ?? 32,
    },
  ];
  if (options.scar !== false)
    zones.push({
      id: 'strip',
      kind: 'scar',
      polygon: scarAt(options.dx ?? 0, options.dy ?? 0),
      densityPerCm2: options.scarDensity ?? 80,
      texture: 'flat',
      featherMm: 2,
      ...(options.scarShade === undefined ? {} : { shade: options.scarShade }),
    });
  if (options.mole || options.moleAt !== undefined) {
    const m = options.moleAt ?? 0;
    zones.push({
      id: 'mole',
      kind: 'exclude',
      polygon: [
        [300 + m, 200],
        [340 + m, 200],
        [340 + m, 240],
        [300 + m, 240],
      ],
      featherMm: 0,
    });
  }
  return ZonesFile.parse({ calibration: { pxPerMm: PX }, seed: 5, sessions: 3, zones });
}

const primaries = (set: ImpressionSet): PointSet & { session: number[] } => {
  const x: number[] = [];
  const y: number[] = [];
  const session: number[] = [];
  for (let i = 0; i < set.count; i++)
    if (set.primary[i]) {
      x.push(set.x[i]!);
      y.push(set.y[i]!);
      session.push(set.session[i]!);
    }
  return { count: x.length, x, y, session };
};

/** Nearest-neighbour CV and the widest empty disc of each session's pattern, in windows of the fill's plateau. */
function naturalness(set: ImpressionSet) {
  const all = primaries(set);
  // 1 cm windows inside the fill, away from its edges and from the mole's track.
  const windows = [
    { x0: 120, y0: 260, x1: 170, y1: 310 },
    { x0: 420, y0: 260, x1: 470, y1: 310 },
    { x0: 560, y0: 300, x1: 610, y1: 350 },
    { x0: 200, y0: 380, x1: 250, y1: 430 },
    { x0: 480, y0: 380, x1: 530, y1: 430 },
    { x0: 620, y0: 120, x1: 670, y1: 170 },
  ];
  return [0.3, 0.7, 1].map((share, k) => {
    const keep = Array.from({ length: all.count }, (_, i) => i).filter((i) => all.session[i]! <= k + 1);
    const points = { count: keep.length, x: keep.map((i) => all.x[i]!), y: keep.map((i) => all.y[i]!) };
    const patterns = windows.map((window) => ({ points, window }));
    const spacing = (10 * PX) / Math.sqrt(60 * share);
    return {
      cv: nearestNeighbourStats(patterns).cv,
      emptyDisc: largestEmptyDisc(patterns, () => spacing).diameter,
    };
  });
}

const inScarCore = (x: number, y: number, dx = 0, dy = 0) =>
  x > 270 + dx && x < 540 + dx && y > 412 + dy && y < 436 + dy;

describe('PreviewEngine', () => {
  it('names its stages as planSimulation does, fractional fade years included', () => {
    const s = ZonesFile.parse({ ...spec(), fadeYears: 2.5 });
    const frame = new PreviewEngine({ width: W, height: H }).update(s);
    expect(frame.stages.map((st) => st.name)).toEqual([
      'session-1',
      'session-2',
      'session-3',
      'healed',
      'healed-scar-poor',
      'faded-2.5y',
    ]);
    expect(frame.stages).toEqual(planSimulation(s, { width: W, height: H }).stages);
  });

  it('composes exactly the density field of buildDensityField, edit after edit', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    for (const s of [
      spec(),
      spec({ dx: 12, dy: -5 }),
      spec({ dx: 12, dy: -5, scarDensity: 50 }),
      spec({ dx: 12, dy: -5, scarDensity: 50, mole: true }),
      spec({ dx: -20, dy: 8, mole: true }),
    ]) {
      engine.update(s);
      const expected = buildDensityField(s, { width: W, height: H }).field.perCm2;
      const actual = engine.densityField!;
      let differing = 0;
      for (let i = 0; i < expected.length; i++) if (actual[i] !== expected[i]) differing++;
      expect(actual.length).toBe(expected.length);
      expect(differing).toBe(0);
    }
  });

  it('keeps every impression outside the window an edit changed, and resamples only that window', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    const first = engine.update(spec());
    expect(first.change.kind).toBe('full');
    expect(first.dirty).toBeNull();
    const before = primaries(first.impressions);
    const moved = engine.update(spec({ dx: 15, dy: 6 }));
    expect(moved.change.kind).toBe('window');
    const rect = moved.change.rect!;
    expect((rect.x1 - rect.x0) * (rect.y1 - rect.y0)).toBeLessThan(0.15 * W * H);
    // What changed lies in the window plus the scatter round it: the rest is as it was.
    const dirty = moved.dirty!;
    expect((dirty.x1 - dirty.x0) * (dirty.y1 - dirty.y0)).toBeLessThan(0.25 * W * H);
    const after = new Set(
      Array.from({ length: moved.impressions.count }, (_, i) =>
        moved.impressions.primary[i] ? `${moved.impressions.x[i]},${moved.impressions.y[i]}` : '',
      ),
    );
    let outside = 0;
    for (let i = 0; i < before.count; i++) {
      const x = before.x[i]!;
      const y = before.y[i]!;
      if (x >= dirty.x0 && x < dirty.x1 && y >= dirty.y0 && y < dirty.y1) continue;
      outside++;
      expect(after.has(`${x},${y}`)).toBe(true);
    }
    expect(outside).toBeLessThanOrEqual(moved.kept);
    expect(outside).toBeGreaterThan(0.8 * moved.kept);
    expect(moved.placed).toBeGreaterThan(20);
  });

  it('keeps the natural pattern, without gaps, across the seams after many edits', () => {
    // An exclusion dragged across a uniform zone: every seam lies in skin of one density.
    const engine = new PreviewEngine({ width: W, height: H });
    let frame = engine.update(spec({ scar: false, moleAt: 0 }));
    const full = naturalness(frame.impressions);
    for (let k = 1; k <= 12; k++) frame = engine.update(spec({ scar: false, moleAt: 9 * k }));
    expect(frame.change.kind).toBe('window');
    const edited = naturalness(frame.impressions);
    // Irregular like follicles (blue noise alone is under 0.1), and no empty disc wider than twice
    // the spacing, in every session's pattern, as in a full build.
    for (const q of [full, edited])
      for (const level of q) {
        expect(level.cv).toBeGreaterThan(0.14);
        expect(level.emptyDisc).toBeLessThan(2.05);
      }
    expect(Math.abs(edited[2]!.cv - full[2]!.cv)).toBeLessThan(0.05);
  });

  it('places as many impressions in the scar, session by session, as a fresh build would', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    engine.update(spec());
    engine.update(spec({ dx: 10 }));
    const frame = engine.update(spec({ dx: 24, dy: 3 }));
    const fresh = new PreviewEngine({ width: W, height: H }).update(spec({ dx: 24, dy: 3 }));
    const countIn = (set: ImpressionSet) => {
      const p = primaries(set);
      const bySession = [0, 0, 0];
      for (let i = 0; i < p.count; i++)
        if (inScarCore(p.x[i]!, p.y[i]!, 24, 3)) bySession[p.session[i]! - 1]! += 1;
      return bySession;
    };
    const edited = countIn(frame.impressions);
    const built = countIn(fresh.impressions);
    const total = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(total(built)).toBeGreaterThan(40);
    expect(Math.abs(total(edited) - total(built))).toBeLessThanOrEqual(0.1 * total(built));
    // Sessions 30 % → 70 % → 100 % of the pattern (domain.md §8), here as well as in a fresh build.
    const cumulative = [edited[0]!, edited[0]! + edited[1]!, total(edited)].map((n) => n / total(edited));
    expect(cumulative[0]).toBeGreaterThan(0.2);
    expect(cumulative[0]).toBeLessThan(0.4);
    expect(cumulative[1]).toBeGreaterThan(0.6);
    expect(cumulative[1]).toBeLessThan(0.8);
  });

  it('answers a brush stroke by redoing only where the brush went, as a full build would compose it', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    const base = spec();
    engine.update(base);
    const strip = base.zones[1]!;
    if (strip.kind !== 'scar') throw new Error('the second zone is the scar');
    const withStrip = (polygon: [number, number][], extra: ZonesFile['zones'] = []) =>
      ZonesFile.parse({ ...base, zones: [base.zones[0], { ...strip, polygon }, ...extra] });
    const paint = (outline: readonly [number, number][] | null, points: [number, number][]) =>
      brushOutline(outline, { points, radius: 8, mode: 'paint' });
    const answer = (s: ZonesFile, near: { x: number; y: number }) => {
      const frame = engine.update(s);
      expect(frame.change.kind).toBe('window');
      const rect = frame.change.rect!;
      // Within a few millimetres of the stroke: not the scar's whole length (310 px).
      expect(rect.x1 - rect.x0).toBeLessThan(110);
      expect(near.x > rect.x0 && near.x < rect.x1 && near.y > rect.y0 && near.y < rect.y1).toBe(true);
      const expected = buildDensityField(s, { width: W, height: H }).field.perCm2;
      let differing = 0;
      for (let i = 0; i < expected.length; i++) if (engine.densityField![i] !== expected[i]) differing++;
      expect(differing).toBe(0);
    };
    // Each stroke reaches only the stretch of the outline it paints over.
    const [once] = paint(strip.polygon, [
      [300, 425],
      [330, 430],
    ]);
    answer(withStrip(once!), { x: 315, y: 430 });
    const [twice] = paint(once!, [
      [530, 445],
      [545, 452],
    ]);
    answer(withStrip(twice!), { x: 538, y: 448 });
    // A piece painted away from the scar is a zone of its own, at the end of the list.
    const [same, island] = paint(twice!, [
      [200, 200],
      [215, 205],
    ]);
    expect(same).toEqual(twice);
    answer(withStrip(same!, [{ ...strip, id: 'strip-2', polygon: island! }]), { x: 207, y: 202 });
  });

  it('recolours without moving a dot when only the shade changes', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    const a = engine.update(spec());
    const b = engine.update(spec({ shade: 45 }));
    expect(b.change.kind).toBe('appearance');
    expect(b.placed).toBe(0);
    expect(Array.from(b.impressions.x)).toEqual(Array.from(a.impressions.x));
    const crown = (set: ImpressionSet) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < set.count; i++)
        if (set.zone[i] === 0) {
          sum += set.darkness[i]!;
          n++;
        }
      return sum / n;
    };
    expect(crown(b.impressions)).toBeLessThan(crown(a.impressions));
  });

  it('asks to render again only where the dots of a recoloured zone lie', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    const a = engine.update(spec({ scarShade: 40 }));
    expect(a.dirty).toBeNull();
    const b = engine.update(spec({ scarShade: 30 }));
    expect(b.change.kind).toBe('appearance');
    const box = b.dirty!;
    // Every dot of the scar (zone 1) lies in the box, and the box is the scar's, not the photo.
    for (let i = 0; i < b.impressions.count; i++)
      if (b.impressions.zone[i] === 1) {
        expect(b.impressions.x[i]!).toBeGreaterThanOrEqual(box.x0);
        expect(b.impressions.x[i]!).toBeLessThan(box.x1);
        expect(b.impressions.y[i]!).toBeGreaterThanOrEqual(box.y0);
        expect(b.impressions.y[i]!).toBeLessThan(box.y1);
      }
    expect(box.x0).toBeGreaterThan(200);
    expect(box.x1).toBeLessThan(620);
    expect(box.y0).toBeGreaterThan(370);
    expect(box.y1).toBeLessThan(480);
    // Nothing changed: nothing to render again.
    const c = engine.update(spec({ scarShade: 30 }));
    expect(c.dirty!.x1 - c.dirty!.x0).toBeLessThanOrEqual(0);
  });

  it('leaves an excluded mole untouched and starts over when the calibration changes', () => {
    const engine = new PreviewEngine({ width: W, height: H });
    engine.update(spec());
    const frame = engine.update(spec({ mole: true }));
    expect(frame.change.kind).toBe('window');
    for (let i = 0; i < frame.impressions.count; i++) {
      const x = frame.impressions.x[i]!;
      const y = frame.impressions.y[i]!;
      if (frame.impressions.primary[i]) expect(x >= 300 && x < 340 && y >= 200 && y < 240).toBe(false);
    }
    const recalibrated = engine.update(ZonesFile.parse({ ...spec(), calibration: { pxPerMm: 6 } }));
    expect(recalibrated.change.kind).toBe('full');
  });
});

describe('PreviewEngine with the client’s hair', () => {
  it('places dots only where the client has no hair, counts the follicles, and starts from the stubble’s shade', () => {
    // Follicles every 10 px (2 mm at 5 px/mm: 25 per cm²) over the left half of the crown.
    const follicles: number[] = [];
    for (let y = 90; y < 520; y += 10) for (let x = 110; x < 400; x += 10) follicles.push(x, y);
    const hair = {
      follicles: Float32Array.from(follicles),
      stubbleLab: [52, 9, 11] as [number, number, number],
      skinLab: [66, 13, 16] as [number, number, number],
    };
    const engine = new PreviewEngine({ width: W, height: H });
    const bare = engine.update(spec({ scar: false }));
    const blended = engine.update(spec({ scar: false }), undefined, hair);
    expect(blended.change.kind).toBe('full');
    const crown = blended.summary.find((z) => z.id === 'crown')!;
    expect(crown.existingDensityPerCm2).toBeGreaterThan(8);
    expect(crown.achievedDensityPerCm2).toBeGreaterThan(0.85 * 60);
    // Fewer dots than without hair, and none on a follicle.
    expect(blended.impressions.count).toBeLessThan(bare.impressions.count - 50);
    let closest = Infinity;
    for (let i = 0; i < blended.impressions.count; i++) {
      if (!blended.impressions.primary[i]) continue;
      const x = blended.impressions.x[i]!;
      const y = blended.impressions.y[i]!;
      for (let k = 0; k < follicles.length; k += 2)
        closest = Math.min(closest, Math.hypot(x - follicles[k]!, y - follicles[k + 1]!));
    }
    expect(closest).toBeGreaterThan(1.5);
    // The stubble is measured: its shade is reported, and the crown (shade 32 of its own) differs from it.
    expect(blended.stubble?.shade).toBeGreaterThan(10);
    expect(blended.stubble?.shade).toBeLessThan(60);
    expect(crown.shadeSource).toBe('file');
    expect(crown.shadeDifference).toBe(32 - blended.stubble!.shade!);
  });
});

describe('PreviewEngine with a scar over the client’s hair', () => {
  // Follicles every 10 px (25 per cm² at 5 px/mm) over the whole crown, under the scar too.
  const follicles: number[] = [];
  for (let y = 85; y < 520; y += 10) for (let x = 105; x < 700; x += 10) follicles.push(x, y);
  const hair = { follicles: Float32Array.from(follicles), stubbleLab: null, skinLab: null };
  const inside = (frame: PreviewFrame, polygon: [number, number][]) => {
    let n = 0;
    for (let i = 0; i < frame.impressions.count; i++)
      if (
        frame.impressions.primary[i] &&
        pointInPolygon(polygon, frame.impressions.x[i]!, frame.impressions.y[i]!)
      )
        n++;
    return n;
  };

  it('gives the scar its full density as on bare skin, also where a moved scar now lies', () => {
    // The scar at the crown's density: moving it changes no density, only which follicles count.
    const before = spec({ scarDensity: 60 });
    const after = spec({ scarDensity: 60, dy: -120 });
    const engine = new PreviewEngine({ width: W, height: H });
    const first = engine.update(before, undefined, hair);
    const moved = engine.update(after, undefined, hair);
    expect(moved.change.kind).toBe('window');
    const bare = new PreviewEngine({ width: W, height: H }).update(after);
    const fresh = new PreviewEngine({ width: W, height: H }).update(after, undefined, hair);
    for (const frame of [first, moved, fresh]) {
      const strip = frame.summary.find((z) => z.id === 'strip')!;
      expect(strip.existingDensityPerCm2).toBe(0);
      expect(strip.warnings).toEqual([]);
      // The crown around it still counts the hair.
      expect(frame.summary.find((z) => z.id === 'crown')!.existingDensityPerCm2).toBeGreaterThan(15);
    }
    const onBare = inside(bare, scarAt(0, -120));
    expect(onBare).toBeGreaterThan(100);
    // Over the hair, where the crown alone would place about 60 - 25 per cm², the scar places its 60.
    expect(Math.abs(inside(fresh, scarAt(0, -120)) - onBare)).toBeLessThan(0.1 * onBare);
    expect(Math.abs(inside(moved, scarAt(0, -120)) - onBare)).toBeLessThan(0.1 * onBare);
  });
});
