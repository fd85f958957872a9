// Spatial statistics of the follicles counted by eye in a window: what the preview's placement
// (issue 10) must reproduce and what the analysis's density must match.
import type { FollicleWindow, Point } from './annotation.schema.js';

export interface WindowStatistics {
  count: number;
  /** Follicles per cm² at the given scale (the window's whole area). */
  densityPerCm2: number | null;
  /** Nearest-neighbour distances of the points that are farther from the window's edge than from their nearest neighbour (edge-corrected), in px. */
  nnCount: number;
  nnMeanPx: number | null;
  nnMeanMm: number | null;
  /** Coefficient of variation (standard deviation / mean) of those distances. */
  nnCv: number | null;
}

function nearestDistance(points: readonly Point[], i: number): number {
  const [x, y] = points[i]!;
  let best = Infinity;
  for (let j = 0; j < points.length; j++) {
    if (j === i) continue;
    const [u, v] = points[j]!;
    best = Math.min(best, Math.hypot(u - x, v - y));
  }
  return best;
}

/** Count, density and edge-corrected nearest-neighbour mean and CV of a window's `points` (not `uncertain`). */
export function windowStatistics(window: FollicleWindow, pxPerMm: number | null): WindowStatistics {
  const { points } = window;
  const areaCm2 = pxPerMm ? (window.w * window.h) / (pxPerMm * pxPerMm) / 100 : null;
  const distances: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const d = nearestDistance(points, i);
    const [x, y] = points[i]!;
    const edge = Math.min(x - window.x, window.x + window.w - x, y - window.y, window.y + window.h - y);
    if (Number.isFinite(d) && edge > d) distances.push(d);
  }
  const n = distances.length;
  const mean = n ? distances.reduce((a, b) => a + b, 0) / n : null;
  const sd =
    mean !== null && n > 1 ? Math.sqrt(distances.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1)) : null;
  return {
    count: points.length,
    densityPerCm2: areaCm2 ? points.length / areaCm2 : null,
    nnCount: n,
    nnMeanPx: mean,
    nnMeanMm: mean !== null && pxPerMm ? mean / pxPerMm : null,
    nnCv: mean && sd !== null ? sd / mean : null,
  };
}
