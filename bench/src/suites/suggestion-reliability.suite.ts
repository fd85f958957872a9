// How often a scar suggestion of a given stated confidence is right: the reliability table a
// calibrated confidence must match (issue 9). Truth comes from the synthetic scalps with planted
// scars (three seeds of every resolvable condition); the annotated real photos carry no scar that
// shows at their resolution, so on them every suggestion would count as wrong (the accuracy suite
// reports those). A suggestion is right when it overlaps a planted scar of its kind with IoU ≥ 0.5
// (a patch may find a strip), or, for an FUE cluster, when at least half its dots lie on planted
// punch scars.
import {
  CONDITIONS,
  STRESS_CONDITIONS,
  evaluateCondition,
} from '@stipple/core/analysis/testing/accuracy-conditions';
import { circleIoU, polygonIoU } from '@stipple/core/analysis/testing/scoring';
import type { Table } from '../timing.js';

const SEED_OFFSETS = [0, 50, 100];
const BINS: [number, number][] = [
  [0, 0.5],
  [0.5, 0.7],
  [0.7, 0.85],
  [0.85, 0.9],
  [0.9, 1],
];

export function suggestionReliabilitySuite(): Table[] {
  const outcomes: { confidence: number; right: boolean }[] = [];
  for (const offset of SEED_OFFSETS)
    for (const condition of [...CONDITIONS, ...STRESS_CONDITIONS]) {
      if (!condition.resolvable) continue;
      const r = evaluateCondition({
        ...condition,
        options: { ...condition.options, seed: condition.options.seed + offset },
      });
      const punches = r.scalp.scars.find((t) => t.kind === 'fue')?.dots ?? [];
      for (const s of r.analysis.scarSuggestions) {
        const right =
          s.kind === 'fue' && s.dots
            ? s.dots.filter((d) => punches.some((t) => circleIoU(t, d) >= 0.3)).length >= 0.5 * s.dots.length
            : r.scalp.scars.some(
                (t) =>
                  (t.kind === s.kind || (s.kind === 'patch' && t.kind === 'strip')) &&
                  polygonIoU(t.polygon, s.polygon, 2) >= 0.5,
              );
        outcomes.push({ confidence: s.confidence, right });
      }
    }
  const rows = BINS.map(([lo, hi]) => {
    const inBin = outcomes.filter((o) => o.confidence >= lo && (o.confidence < hi || hi === 1));
    const right = inBin.filter((o) => o.right).length;
    const stated = inBin.reduce((p, o) => p + o.confidence, 0) / Math.max(1, inBin.length);
    return [
      `${lo.toFixed(2)}-${hi.toFixed(2)}`,
      inBin.length,
      inBin.length ? stated.toFixed(2) : '–',
      inBin.length ? `${right}/${inBin.length} (${((100 * right) / inBin.length).toFixed(0)} %)` : '–',
    ];
  });
  return [
    {
      title: `Scar suggestion reliability on synthetic scalps (${SEED_OFFSETS.length} seeds × ${CONDITIONS.filter((c) => c.resolvable).length + STRESS_CONDITIONS.length} conditions, planted strip and FUE scars)`,
      note: 'A calibrated confidence says how often suggestions of that confidence are right: compare the two last columns. Synthetic scalps only; real photos with visible, annotated scars are still needed.',
      columns: ['confidence', 'suggestions', 'mean stated', 'right'],
      rows,
    },
  ];
}
