// Accuracy of the photo analysis against the hand-made annotations (bench/annotations/, format in
// ANNOTATION-FORMAT.md): mask IoU per class and for head and scalp, detections outside the
// annotated scalp, follicle precision and recall in the counted windows, scar suggestion precision.
//
// Development and test halves, by a fixed rule: all annotated photos sorted by file name, then
// alternately assigned (1st, 3rd, 5th… development; 2nd, 4th… test). The analysis is developed
// against the first half only; both are reported.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { analyzePhoto, decodeScalpMap, type AnalysisImage, type PhotoAnalysis } from '@stipple/core';
import {
  classesAtPhotoSize,
  loadAnnotations,
  maskIoU,
  rasterizeClasses,
  rasterizeIgnore,
  rasterizeScars,
  type Annotation,
} from '../annotations/index.js';
import type { Table } from '../timing.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const REAL_HEADS = join(root, '..', 'shared', 'fixtures', 'real-heads');
const PHOTOS = join(root, 'fixtures', 'photos');
/**
 * Scale given to the web-resolution heads, which carry none: a head of 15-20 cm across in a
 * photo of 300-800 px is 2-5 px/mm. The analysis must call all of it unresolved at that scale.
 */
const WEB_PX_PER_MM = 4;
/**
 * A photo of a whole head spans at least this much on its long side (the head and something
 * round it). At 4 px/mm a photo under 520 px would span under 13 cm, which the analysis rightly
 * takes for a close-up of the scalp (no head is that narrow): smaller photos get a scale that
 * keeps them whole-head photos.
 */
const WEB_MIN_FIELD_MM = 200;

function webScale(width: number, height: number): number {
  return Math.min(WEB_PX_PER_MM, Math.max(width, height) / WEB_MIN_FIELD_MM);
}
/** A detection matches an annotated follicle within this distance (mm): an opening's size. */
const MATCH_RADIUS_MM = 0.2;

interface Scored {
  name: string;
  half: 'dev' | 'test';
  view: string;
  iou: Record<'other' | 'face' | 'bare' | 'hair' | 'head' | 'scalp', number>;
  detections: number;
  outside: number;
  windowTp: number;
  windowFp: number;
  windowFn: number;
  suggestions: number;
  suggestionsRight: number;
  densityFromUnresolved: boolean;
  ms: number;
}

export async function accuracySuite(): Promise<Table[]> {
  if (!existsSync(REAL_HEADS)) {
    console.log(
      `\naccuracy: ${REAL_HEADS} is missing; the real photos are not part of the repository (see ../shared/fixtures/real-heads/README.md). Stopping the accuracy suite.`,
    );
    return [];
  }
  const annotated = [
    ...loadAnnotations(join(root, 'bench', 'annotations', 'photos')).map((a) => ({ a, dir: PHOTOS })),
    ...loadAnnotations(join(root, 'bench', 'annotations', 'real-heads')).map((a) => ({ a, dir: REAL_HEADS })),
  ].sort((x, y) => x.a.image.localeCompare(y.a.image, 'en', { numeric: true }));
  const scored: Scored[] = [];
  for (const [k, { a, dir }] of annotated.entries()) {
    const path = join(dir, a.image);
    if (!existsSync(path)) {
      console.log(`accuracy: ${a.image} is annotated but missing from ${dir}; left out`);
      continue;
    }
    scored.push(await scorePhoto(a, path, k % 2 === 0 ? 'dev' : 'test'));
  }
  const pct = (v: number) => (Number.isNaN(v) ? '–' : (100 * v).toFixed(1));
  const rows = scored.map((s) => [
    s.name,
    s.half,
    s.view,
    pct(s.iou.head),
    pct(s.iou.scalp),
    pct(s.iou.other),
    pct(s.iou.face),
    pct(s.iou.bare),
    pct(s.iou.hair),
    `${s.outside}/${s.detections}`,
    s.windowTp + s.windowFn
      ? `${pct(s.windowTp / (s.windowTp + s.windowFp))}/${pct(s.windowTp / (s.windowTp + s.windowFn))}`
      : '–',
    `${s.suggestionsRight}/${s.suggestions}`,
    s.densityFromUnresolved ? 'YES' : 'no',
    Math.round(s.ms),
  ]);
  const overall = (['dev', 'test'] as const).map((half) => {
    const h = scored.filter((s) => s.half === half);
    const mean = (key: keyof Scored['iou']) => {
      const v = h.map((s) => s.iou[key]).filter((x) => !Number.isNaN(x));
      return v.length ? v.reduce((p, q) => p + q, 0) / v.length : Number.NaN;
    };
    const sum = (f: (s: Scored) => number) => h.reduce((p, s) => p + f(s), 0);
    const tp = sum((s) => s.windowTp);
    const det = sum((s) => s.detections);
    return [
      `overall (${h.length} photos)`,
      half,
      '',
      pct(mean('head')),
      pct(mean('scalp')),
      pct(mean('other')),
      pct(mean('face')),
      pct(mean('bare')),
      pct(mean('hair')),
      det ? `${pct(sum((s) => s.outside) / det)} %` : '–',
      tp + sum((s) => s.windowFn)
        ? `${pct(tp / (tp + sum((s) => s.windowFp)))}/${pct(tp / (tp + sum((s) => s.windowFn)))}`
        : '–',
      sum((s) => s.suggestions)
        ? `${pct(sum((s) => s.suggestionsRight) / sum((s) => s.suggestions))} %`
        : '–',
      `${h.filter((s) => s.densityFromUnresolved).length}`,
      Math.round(sum((s) => s.ms) / Math.max(1, h.length)),
    ];
  });
  return [
    {
      title: `Analysis accuracy against the annotations (${scored.length} photos; real heads at ${WEB_PX_PER_MM} px/mm or less (at least ${WEB_MIN_FIELD_MM / 10} cm on the long side), phone photos at their annotated scale)`,
      note:
        'IoU in % (ignore bands left out; head = classes 1-3, scalp = 2-3); outside = detections off the annotated scalp; ' +
        `follicles P/R in % in the counted windows, matched within ${MATCH_RADIUS_MM} mm, uncertain points scored neither way; ` +
        'suggestions right/total (right: centre inside an annotated scar); density from unresolved = a density reported on a photo whose scalp does not resolve follicles. ' +
        'Halves: sorted by file name, alternately dev, test.',
      columns: [
        'photo',
        'half',
        'view',
        'head',
        'scalp',
        'other',
        'face',
        'bare',
        'hair',
        'outside',
        'follicles P/R',
        'suggestions',
        'density from unresolved',
        'ms',
      ],
      rows: [...rows, ...overall],
    },
  ];
}

async function scorePhoto(a: Annotation, path: string, half: 'dev' | 'test'): Promise<Scored> {
  const { data, info } = await sharp(path).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== a.width || info.height !== a.height)
    throw new Error(
      `accuracy: ${a.image} is ${info.width}×${info.height}, its annotation ${a.width}×${a.height}`,
    );
  const image: AnalysisImage = {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
  const pxPerMm = a.pxPerMm ?? webScale(a.width, a.height);
  const t = performance.now();
  const analysis = analyzePhoto(image, { calibration: { pxPerMm } });
  const ms = performance.now() - t;
  const truth = rasterizeClasses(a);
  const ignore = rasterizeIgnore(a);
  const predicted = classesAtPhotoSize(decodeScalpMap(analysis.scalpMap), a.width, a.height);
  const iou = {
    other: maskIoU(predicted, truth, ignore, (c) => c === 0),
    face: maskIoU(predicted, truth, ignore, (c) => c === 1),
    bare: maskIoU(predicted, truth, ignore, (c) => c === 2),
    hair: maskIoU(predicted, truth, ignore, (c) => c === 3),
    head: maskIoU(predicted, truth, ignore, (c) => c >= 1),
    scalp: maskIoU(predicted, truth, ignore, (c) => c >= 2),
  };
  let detections = 0;
  let outside = 0;
  for (const f of analysis.follicles) {
    const i =
      Math.min(a.height - 1, Math.max(0, Math.round(f.y))) * a.width +
      Math.min(a.width - 1, Math.max(0, Math.round(f.x)));
    if (ignore[i]) continue;
    detections++;
    if (truth[i]! < 2) outside++;
  }
  const windows = scoreWindows(a, analysis, MATCH_RADIUS_MM * pxPerMm);
  const scars = rasterizeScars(a);
  let right = 0;
  for (const s of analysis.scarSuggestions) {
    const cx = s.polygon.reduce((p, q) => p + q[0], 0) / s.polygon.length;
    const cy = s.polygon.reduce((p, q) => p + q[1], 0) / s.polygon.length;
    const i = Math.round(cy) * a.width + Math.round(cx);
    if (scars.some((m) => m[i])) right++;
  }
  const resolvedScalp = analysis.resolvability.regions.some((r) => r.status === 'resolved');
  return {
    name: a.image,
    half,
    view: a.view,
    iou,
    detections,
    outside,
    ...windows,
    suggestions: analysis.scarSuggestions.length,
    suggestionsRight: right,
    densityFromUnresolved: analysis.density !== null && !resolvedScalp,
    ms,
  };
}

/** Greedy nearest matching inside each counted window. */
function scoreWindows(
  a: Annotation,
  analysis: PhotoAnalysis,
  radius: number,
): { windowTp: number; windowFp: number; windowFn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const w of a.follicleWindows) {
    const inside = (x: number, y: number) => x >= w.x && y >= w.y && x < w.x + w.w && y < w.y + w.h;
    const dets = analysis.follicles.filter((f) => inside(f.x, f.y));
    const pairs: { d: number; det: number; truth: number }[] = [];
    dets.forEach((f, i) =>
      w.points.forEach(([x, y], j) => {
        const d = Math.hypot(f.x - x, f.y - y);
        if (d <= radius) pairs.push({ d, det: i, truth: j });
      }),
    );
    pairs.sort((p, q) => p.d - q.d);
    const usedDet = new Set<number>();
    const usedTruth = new Set<number>();
    for (const p of pairs) {
      if (usedDet.has(p.det) || usedTruth.has(p.truth)) continue;
      usedDet.add(p.det);
      usedTruth.add(p.truth);
    }
    dets.forEach((f, i) => {
      if (usedDet.has(i)) return;
      // near an uncertain point: scored neither way
      if (w.uncertain.some(([x, y]) => Math.hypot(f.x - x, f.y - y) <= radius)) return;
      fp++;
    });
    tp += usedTruth.size;
    fn += w.points.length - usedTruth.size;
  }
  return { windowTp: tp, windowFp: fp, windowFn: fn };
}
