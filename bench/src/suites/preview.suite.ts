import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  brushOutline,
  PreviewEngine,
  PreviewRenderer,
  ZonesFile,
  type RgbImage,
  type Vec2,
  type ZonesFileInput,
} from '@stipple/core';
import { median, type Table } from '../timing.js';

/**
 * The zone editor's live preview: one update of `PreviewEngine` plus rendering the healed stage,
 * at 1600 px on the long side (what the web worker draws), for the edits an artist makes while
 * drawing. The zones are `packages/cli/examples/crown-stubble.zones.json` at 1600/4032 scale:
 * a crown fill, a strip scar, a hairline and an excluded mole (~11,000 dots).
 */
export function previewSuite(): Table[] {
  const W = 1600;
  const H = 1200;
  const s = W / 4032;
  const data = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    data[4 * i] = 205;
    data[4 * i + 1] = 160;
    data[4 * i + 2] = 140;
    data[4 * i + 3] = 255;
  }
  const photo: RgbImage = { width: W, height: H, channels: 4, data };
  const p = (points: [number, number][]) => points.map(([x, y]) => [x * s, y * s] as [number, number]);
  /** `painted`: outlines a brush left, in place of the drawn ones. */
  const zones = (
    scarShift: number,
    crownShift: number,
    shade: number,
    painted: { crown?: [number, number][]; scar?: [number, number][] } = {},
  ): ZonesFileInput => ({
    calibration: { pxPerMm: 20 * s },
    seed: 7,
    sessions: 3,
    zones: [
      {
        id: 'crown',
        kind: 'fill',
        polygon:
          painted.crown ??
          p([
            [600, 620],
            [1800, 380],
            [3000, 560],
            [3470 + crownShift, 1200],
            [3500, 1950],
            [3060, 2500],
            [2000, 2740],
            [1000, 2620],
            [480, 2000],
            [400, 1200],
          ]),
        densityPerCm2: 75,
        featherMm: 4,
        shade,
      },
      {
        id: 'scar-1',
        kind: 'scar',
        polygon:
          painted.scar ??
          p([
            [1330 + scarShift, 2110],
            [1900, 2180],
            [2480, 2230],
            [2500, 2290],
            [1890, 2250],
            [1320 + scarShift, 2170],
          ]),
        densityPerCm2: 80,
        featherMm: 3,
      },
      {
        id: 'front',
        kind: 'hairline',
        polyline: p([
          [700, 560],
          [1300, 420],
          [1900, 360],
          [2500, 400],
          [3050, 540],
        ]),
        inward: [1900 * s, 1200 * s],
        densityPerCm2: 75,
      },
      {
        id: 'mole',
        kind: 'exclude',
        polygon: p([
          [2330, 2150],
          [2420, 2150],
          [2420, 2240],
          [2330, 2240],
        ]),
        featherMm: 1,
      },
    ],
  });
  const healed = { look: 'healed' as const, afterSession: 3 };
  // A fixed single-thread yardstick run between the edits, as the worker runs them: a 5-tap box
  // blur, both ways, over the photo's luminance (about 19 M multiply-adds). On a shared machine an
  // edit's time in yardsticks is what compares across runs.
  const lum = new Float32Array(W * H);
  for (let i = 0; i < W * H; i++) lum[i] = data[4 * i + 1]!;
  const tmp = new Float32Array(W * H);
  const yardTimes: number[] = [];
  const yardstick = () => {
    const t0 = performance.now();
    for (let y = 0; y < H; y++)
      for (let x = 2; x < W - 2; x++) {
        const i = y * W + x;
        tmp[i] = (lum[i - 2]! + lum[i - 1]! + lum[i]! + lum[i + 1]! + lum[i + 2]!) * 0.2;
      }
    for (let y = 2; y < H - 2; y++)
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        lum[i] = (tmp[i - 2 * W]! + tmp[i - W]! + tmp[i]! + tmp[i + W]! + tmp[i + 2 * W]!) * 0.2;
      }
    yardTimes.push(performance.now() - t0);
  };
  yardstick();

  const engine = new PreviewEngine(photo);
  const renderer = new PreviewRenderer(photo);
  let t = performance.now();
  let frame = engine.update(ZonesFile.parse(zones(0, 0, 32)));
  renderer.render(frame.impressions, healed, frame.dirty);
  const first = performance.now() - t;
  const dots = frame.impressions.count;

  // CPU time of the process beside the wall clock: on a loaded machine the wall clock mostly
  // measures the others, while one edit runs on one thread.
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const cpuOf: Record<string, number> = {};
  const measure = (edit: (k: number) => ZonesFileInput, runs: number, name: string) => {
    const times: number[] = [];
    const updates: number[] = [];
    const cpus: number[] = [];
    for (let k = 1; k <= runs; k++) {
      const spec = ZonesFile.parse(edit(k));
      const c = cpu();
      t = performance.now();
      frame = engine.update(spec);
      const u = performance.now();
      renderer.render(frame.impressions, healed, frame.dirty);
      times.push(performance.now() - t);
      cpus.push(cpu() - c);
      updates.push(u - t);
      if (k % 3 === 0) yardstick();
    }
    cpuOf[name] = median(cpus);
    return [median(updates), median(times) - median(updates), median(times)];
  };
  // Each edit moves on from the last, as a drag does.
  const scar = measure((k) => zones(3 * (k % 15), 0, 32), 30, 'scar');
  const shade = measure((k) => zones(0, 0, 30 + (k % 5)), 10, 'shade');
  const crown = measure((k) => zones(0, 6 * (k % 10), 32), 10, 'crown');
  // Brush strokes (3 mm), each growing the outline the last one left: along the scar's lower edge,
  // then out of the crown's right edge. A stroke is applied on the page (brushOutline) and the
  // worker gets the new outline: what is timed is the update and render, as in the worker.
  const painted: { crown?: [number, number][]; scar?: [number, number][] } = {};
  const brush = (zone: 'scar' | 'crown', from: Vec2, to: Vec2) => (k: number) => {
    const i = zone === 'crown' ? 0 : 1;
    const drawn = ZonesFile.parse(zones(0, 0, 32, painted)).zones[i]!;
    if (drawn.kind === 'hairline') throw new Error('a brush grows area zones');
    const points: Vec2[] = [0, 0.5, 1].map((f) => [
      (from[0] + f * (to[0] - from[0]) + 25 * k) * s,
      (from[1] + f * (to[1] - from[1]) + 4 * k) * s,
    ]);
    painted[zone] = brushOutline(drawn.polygon, { points, radius: 3 * 20 * s, mode: 'paint' })[0]!;
    return zones(0, 0, 32, painted);
  };
  const scarBrush = measure(brush('scar', [1500, 2200], [1700, 2225]), 6, 'scarBrush');
  const crownBrush = measure(brush('crown', [3400, 1500], [3500, 1700]), 6, 'crownBrush');
  const stage = (() => {
    const times: number[] = [];
    const cpus: number[] = [];
    for (let k = 1; k <= 10; k++) {
      const c = cpu();
      t = performance.now();
      renderer.render(frame.impressions, { look: 'fresh', afterSession: 1 + (k % 3) }, null);
      times.push(performance.now() - t);
      cpus.push(cpu() - c);
      yardstick();
    }
    cpuOf.stage = median(cpus);
    return median(times);
  })();
  const yard = median(yardTimes);
  const withYard = (row: (string | number)[], k: number) => [
    ...row,
    (row[3] as number) / yard,
    [undefined, cpuOf.scar, cpuOf.shade, cpuOf.crown, cpuOf.scarBrush, cpuOf.crownBrush, cpuOf.stage][k] ??
      '',
  ];
  return [
    {
      title: `Live preview in Node, ${W}×${H} px, ${dots.toLocaleString('en')} dots: one edit = PreviewEngine.update + PreviewRenderer.render`,
      note:
        'target: under 100 ms per update (median of a drag); the first build happens once when the editor opens. ' +
        `yardsticks = total / a fixed 5-tap box blur both ways over the ${W}×${H} luminance, run between the edits ` +
        `(median ${yard.toFixed(1)} ms in this run)`,
      columns: ['edit', 'update ms', 'render ms', 'total ms', 'yardsticks', 'cpu ms'],
      rows: [
        ['first build (opening the editor)', first, 0, first],
        ['drag a scar vertex', ...scar],
        ['change the shade of the crown', ...shade],
        ['drag a vertex of the crown fill', ...crown],
        ['a brush stroke growing the scar', ...scarBrush],
        ['a brush stroke growing the crown fill', ...crownBrush],
        ['move the session slider (render only)', 0, stage, stage],
        ['yardstick', 0, 0, yard],
      ].map(withYard),
    },
    ...browserTable(),
  ];
}

/**
 * The same edits in Chromium, in the zone editor's Web Worker, as the browser test
 * (e2e/preview-latency.spec.ts) recorded them on the demo studio's crown photo.
 */
function browserTable(): Table[] {
  const file = fileURLToPath(new URL('../../../e2e/out/preview-latency.json', import.meta.url));
  if (!existsSync(file))
    return [
      {
        title: 'Live preview in the browser',
        note: 'no recording: run `npm test -- --tier e2e` (e2e/preview-latency.spec.ts writes e2e/out/preview-latency.json)',
        columns: ['edit'],
        rows: [],
      },
    ];
  const rec = JSON.parse(readFileSync(file, 'utf8')) as {
    at: string;
    browser: string;
    cpus: number;
    loadAverage: number[];
    phases: Record<
      string,
      {
        frames: number;
        changes: string[];
        dots: number | null;
        /** Absent in recordings made before frames reused the page's buffers. */
        reusedBuffers?: number;
        medianWorkerMs: number | null;
        medianUpdateMs: number | null;
        medianRenderMs: number | null;
        medianRoundTripMs: number | null;
        /** Absent in recordings made before the worker sent its stages. */
        medianStagesMs?: Record<string, number | null>;
        maxWorkerMs: number | null;
      }
    >;
  };
  const names: Record<string, string> = {
    open: 'open the editor (first build)',
    scarVertex: 'drag a scar vertex',
    fillVertex: 'drag a vertex of the crown fill',
    brush: 'a brush stroke on the scar',
    shade: 'change the shade of the crown',
    slider: 'move the session slider',
  };
  return [
    {
      title: `Live preview in Chromium ${rec.browser}, 1600 px, Web Worker (recorded ${rec.at})`,
      note: `target: under 100 ms per edit in the worker. Machine: ${rec.cpus} cores, load average ${rec.loadAverage.join(' / ')} (1/5/15 min) while it ran. round trip = request posted to frame back on the page.`,
      columns: [
        'edit',
        'frames',
        'reused buffers',
        'path',
        'dots',
        'update ms',
        'render ms',
        'worker ms',
        'round trip ms',
        'worst ms',
        'update by stage (median ms)',
      ],
      rows: Object.entries(rec.phases).map(([name, p]) => [
        names[name] ?? name,
        p.frames,
        p.reusedBuffers ?? '',
        p.changes.join('/'),
        p.dots ?? '',
        p.medianUpdateMs ?? '',
        p.medianRenderMs ?? '',
        p.medianWorkerMs ?? '',
        p.medianRoundTripMs ?? '',
        p.maxWorkerMs ?? '',
        Object.entries(p.medianStagesMs ?? {})
          .map(([stage, ms]) => `${stage} ${ms ?? ''}`)
          .join(', '),
      ]),
    },
  ];
}
