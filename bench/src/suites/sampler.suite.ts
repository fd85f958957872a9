import { createRequire } from 'node:module';
import {
  PointGrid,
  largestEmptyDisc,
  nearestNeighbourStats,
  relativeRadius,
  sampleImpressions,
  sampleSessions,
  spacingPx,
  type DensityField,
  type PointSet,
} from '@stipple/core';
import { seededRandom, time, type Table } from '../timing.js';

const require = createRequire(import.meta.url);
interface PdsOptions {
  shape: number[];
  minDistance: number;
  maxDistance?: number;
  tries?: number;
  distanceFunction?: (p: number[]) => number;
  bias?: number;
}
const PoissonDiskSampling = require('poisson-disk-sampling') as new (
  o: PdsOptions,
  rng?: () => number,
) => { fill(): number[][] };
const FastPoissonDiskSampling = require('fast-2d-poisson-disk-sampling') as new (
  o: { shape: number[]; radius: number; tries?: number },
  rng?: () => number,
) => { fill(): number[][] };

const W = 4032;
const H = 3024;
const PX_PER_MM = 20;
const AREA_CM2 = (W / PX_PER_MM / 10) * (H / PX_PER_MM / 10);
/**
 * Packing (points × r² / area) of fast-2d-poisson-disk-sampling at its own radius, measured, so its
 * count comes out as ours. poisson-disk-sampling's depends on the field (about 0.85 on the uniform
 * one, 0.53 on the variable one with its distance function): it is measured on each field at the
 * smallest size before anything is timed, so that the peer places as many points as we do.
 */
const FAST2D_PACKING = 0.87;
const PDS_FIRST_GUESS = 0.66;

/** Uniform, or a radial ramp (35-100 %) with a scar-shaped hole, scaled to `target` impressions. */
function field(kind: 'uniform' | 'variable', target: number): { field: DensityField; shape: Float32Array } {
  const shape = new Float32Array(W * H);
  let sum = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let v = 1;
      if (kind === 'variable') {
        const r = Math.hypot((x - W / 2) / (W / 2), (y - H / 2) / (H / 2)) / Math.SQRT2;
        v = 1 - 0.65 * r;
        const e = ((x - W * 0.62) / (W * 0.16)) ** 2 + ((y - H * 0.55) / (H * 0.04)) ** 2;
        if (e < 1) v = 0;
        else if (e < 1.6) v *= (e - 1) / 0.6;
      }
      shape[y * W + x] = v;
      sum += v;
    }
  const scale = target / ((sum / (W * H)) * AREA_CM2);
  const perCm2 = new Float32Array(W * H);
  for (let i = 0; i < perCm2.length; i++) perCm2[i] = shape[i]! * scale;
  return { field: { width: W, height: H, pxPerMm: PX_PER_MM, perCm2 }, shape };
}

/** Target spacing s(x) = 1 / sqrt(density per px²): the same yardstick for every sampler. */
function spacingAt(f: DensityField) {
  return (x: number, y: number) => {
    const d = f.perCm2[Math.min(H - 1, y | 0) * W + Math.min(W - 1, x | 0)]!;
    return d > 0 ? 1 / Math.sqrt(d / (100 * PX_PER_MM * PX_PER_MM)) : 0;
  };
}

/** Smallest d_ij / mean(s_i, s_j) over all pairs, and the share of probes farther than s from every point. */
function quality(points: PointSet, f: DensityField) {
  const s = spacingAt(f);
  let sMax = 0;
  for (let y = 8; y < H; y += 64) for (let x = 8; x < W; x += 64) sMax = Math.max(sMax, s(x, y));
  const grid = new PointGrid(points, W, H, sMax);
  let minRatio = Infinity;
  for (let i = 0; i < points.count; i++) {
    const si = s(points.x[i]!, points.y[i]!);
    grid.near(points.x[i]!, points.y[i]!, sMax, (j, d2) => {
      if (j === i) return;
      const r = Math.sqrt(d2) / ((si + s(points.x[j]!, points.y[j]!)) / 2);
      if (r < minRatio) minRatio = r;
    });
  }
  let probes = 0;
  let holes = 0;
  const step = Math.max(2, Math.round(sMax / 6));
  for (let y = step / 2; y < H; y += step)
    for (let x = step / 2; x < W; x += step) {
      const sp = s(x, y);
      if (sp === 0) continue;
      probes++;
      let found = false;
      grid.near(x, y, sp, () => {
        found = true;
        return false;
      });
      if (!found) holes++;
    }
  return { minRatio, holes: probes ? holes / probes : 0 };
}

/** NN CV and widest empty disc in 12.5 mm windows where the field is at its densest. */
function naturalStatistics(points: PointSet, f: DensityField) {
  let max = 0;
  for (let i = 0; i < f.perCm2.length; i += 101) max = Math.max(max, f.perCm2[i]!);
  const windows = [];
  for (let y = 0; y + 250 <= H; y += 250)
    for (let x = 0; x + 250 <= W; x += 250) {
      let full = true;
      for (let yy = y; full && yy <= y + 250; yy += 25)
        for (let xx = x; full && xx <= x + 250; xx += 25)
          full = f.perCm2[Math.min(H - 1, yy) * W + Math.min(W - 1, xx)]! >= 0.9 * max;
      if (full) windows.push({ points, window: { x0: x, y0: y, x1: x + 250, y1: y + 250 } });
    }
  if (windows.length === 0) return { cv: '', emptyDisc: '' };
  const spacing = (x: number, y: number) =>
    spacingPx(f.perCm2[Math.min(H - 1, y | 0) * W + Math.min(W - 1, x | 0)]!, PX_PER_MM);
  return { cv: nearestNeighbourStats(windows).cv, emptyDisc: largestEmptyDisc(windows, spacing).diameter };
}

/** poisson-disk-sampling on the field: variable density through its distance function (0 → min, 1 → max distance). */
function poissonDiskSampling(shape: Float32Array, uniform: boolean, target: number, packing: number) {
  let minShape = 1;
  for (let i = 0; i < shape.length; i += 97) if (shape[i]! > 0.02) minShape = Math.min(minShape, shape[i]!);
  const spacing = 1 / Math.sqrt(target / AREA_CM2 / (100 * PX_PER_MM * PX_PER_MM)); // at full density
  const dMin = spacing * Math.sqrt(packing);
  const dMax = uniform ? dMin : dMin / Math.sqrt(minShape);
  return () =>
    new PoissonDiskSampling(
      {
        shape: [W, H],
        minDistance: dMin,
        maxDistance: dMax,
        tries: 30,
        distanceFunction: (p) => {
          const v = shape[Math.min(H - 1, p[1]! | 0) * W + Math.min(W - 1, p[0]! | 0)]!;
          // Inside the scar the peer cannot skip points; the farthest spacing is its nearest.
          if (v <= 0.02) return 1;
          return dMax === dMin ? 0 : (dMin / Math.sqrt(v) - dMin) / (dMax - dMin);
        },
        bias: 0,
      },
      seededRandom(1),
    ).fill();
}

function toPointSet(points: number[][]): PointSet {
  const x = new Float32Array(points.length);
  const y = new Float32Array(points.length);
  points.forEach((p, i) => {
    x[i] = p[0]!;
    y[i] = p[1]!;
  });
  return { count: points.length, x, y };
}

export function samplerSuite(): Table[] {
  const tables: Table[] = [];
  for (const kind of ['uniform', 'variable'] as const) {
    const rows: Table['rows'] = [];
    // `--quick` leaves out the 1.5 million points (minutes for the peer on a busy machine).
    const targets = process.argv.includes('--quick') ? [10_000, 150_000] : [10_000, 150_000, 1_500_000];
    // The peer's packing on this field, from one untimed run at the smallest size against our count.
    const pdsPacking = (() => {
      const { field: f, shape } = field(kind, targets[0]!);
      const ours = sampleSessions(f, [1], 1).count;
      const peer = poissonDiskSampling(shape, kind === 'uniform', targets[0]!, PDS_FIRST_GUESS)().length;
      return (PDS_FIRST_GUESS * peer) / ours;
    })();
    for (const target of targets) {
      const { field: f, shape } = field(kind, target);
      const ours = time(() => sampleImpressions(f, { seed: 1 }));
      const oursQ = quality(ours.result, f);
      // The whole spacing step as the simulation runs it: blue noise, sessions 30/70/100 %, then
      // scattered and gap-closed into the follicles' statistics.
      const natural = time(() => sampleSessions(f, [0.3, 0.7, 1], 1));
      // One pattern, as the peers make one: blue noise scattered and gap-closed, without sessions.
      const single = time(() => sampleSessions(f, [1], 1));
      const row = (
        name: string,
        t: { ms: number; cpuMs: number; runs: number },
        pts: PointSet,
        q: { minRatio: number; holes: number },
      ) => {
        const s = naturalStatistics(pts, f);
        return [
          kind,
          target,
          name,
          t.ms,
          t.cpuMs,
          t.cpuMs / ours.cpuMs,
          t.cpuMs / single.cpuMs,
          pts.count,
          (t.ms * 1e6) / pts.count,
          q.minRatio,
          kind === 'uniform' ? relativeRadius(pts, W, H) : '',
          `${(q.holes * 100).toFixed(3)}%`,
          s.cv,
          s.emptyDisc,
          t.runs,
        ];
      };
      rows.push(row('stipple blue noise', ours, ours.result, oursQ));
      rows.push(row('stipple natural, 1 pattern', single, single.result, quality(single.result, f)));
      rows.push(row('stipple natural, 3 sessions', natural, natural.result, quality(natural.result, f)));

      const spacing = 1 / Math.sqrt(target / AREA_CM2 / (100 * PX_PER_MM * PX_PER_MM)); // at full density
      if (kind === 'uniform') {
        const fastRun = time(() =>
          new FastPoissonDiskSampling(
            { shape: [W, H], radius: spacing * Math.sqrt(FAST2D_PACKING), tries: 30 },
            seededRandom(1),
          ).fill(),
        );
        const fast = { ...fastRun, result: toPointSet(fastRun.result) };
        rows.push(row('fast-2d-poisson-disk-sampling', fast, fast.result, quality(fast.result, f)));
      }
      // Only the peer's own work is timed: its points become typed arrays afterwards.
      const pdsRun = time(poissonDiskSampling(shape, kind === 'uniform', target, pdsPacking), 5, 4000);
      const pds = { ...pdsRun, result: toPointSet(pdsRun.result) };
      rows.push(row('poisson-disk-sampling (variable)', pds, pds.result, quality(pds.result, f)));
    }
    tables.push({
      title: `Sampler, ${kind} density on ${W}×${H} px (${PX_PER_MM} px/mm), median of runs after a warm-up`,
      note:
        "Same field for every sampler; each peer's distance is set so that it places about as many points as we do (poisson-disk-sampling's packing measured on this field at the smallest size: " +
        pdsPacking.toFixed(3) +
        "); each time (wall and CPU: the ratios are of CPU time, which on a shared machine counts the work and not the waits for a core) is the median of 5 runs after a warm-up (one run where the first takes over 4 s for a peer, 8 s for us); only the peer's own call is timed. " +
        'ratio = peer CPU time / stipple blue-noise CPU time; ratio to natural = peer CPU time / stipple natural (one pattern: blue noise, scattered and gap-closed, as the peers make one pattern; target: at least 5 against poisson-disk-sampling); the 3-session row adds the sessions the peers do not make. ' +
        'NN CV (follicles by eye: 0.23) and the widest empty disc (in target spacings, target under 2) in 12.5 mm windows of the full-density part. ' +
        'minRatio = smallest pair distance / target spacing ' +
        '(higher is better; no pair closer). rho = Lagae & Dutré relative radius. holes = share of the area farther ' +
        'than one target spacing from every impression (room for another). ' +
        (kind === 'variable'
          ? 'poisson-disk-sampling cannot leave the scar empty, so its count and holes include the scar.'
          : ''),
      columns: [
        'field',
        'target',
        'sampler',
        'ms',
        'cpu ms',
        'ratio',
        'ratio to natural',
        'impressions',
        'ns/imp',
        'minRatio',
        'rho',
        'holes',
        'NN CV',
        'empty disc',
        'runs',
      ],
      rows,
    });
  }
  return tables;
}
