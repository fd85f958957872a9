import type { SCALP_REGIONS } from '@stipple/core';

export type ScalpRegion = (typeof SCALP_REGIONS)[number];

/**
 * Where a point of the top-view scalp diagram lies: x from the client's left (0) to right (1),
 * y from the forehead (0) to the nape (1). The bands follow the usual division of the scalp into
 * frontal, mid-scalp, vertex, crown, occipital and nape, with temples and sides at the edges.
 */
export function scalpRegionAt(x: number, y: number): ScalpRegion {
  const side = x < 0.5 ? 'left' : 'right';
  const edge = Math.abs(x - 0.5);
  if (y < 0.22) return edge > 0.3 ? `temporal-${side}` : 'frontal';
  if (y < 0.45) return edge > 0.27 ? `parietal-${side}` : 'mid-scalp';
  if (y < 0.6) return edge > 0.3 ? `parietal-${side}` : 'vertex';
  if (y < 0.72) return 'crown';
  if (y < 0.88) return 'occipital';
  return 'nape';
}

/** Band boundaries (y) drawn on the diagram, and the label position of each region. */
export const REGION_BANDS = [0.22, 0.45, 0.6, 0.72, 0.88] as const;

export const REGION_LABELS: { region: ScalpRegion; x: number; y: number }[] = [
  { region: 'frontal', x: 0.5, y: 0.12 },
  { region: 'temporal-left', x: 0.12, y: 0.2 },
  { region: 'temporal-right', x: 0.88, y: 0.2 },
  { region: 'mid-scalp', x: 0.5, y: 0.34 },
  { region: 'parietal-left', x: 0.1, y: 0.45 },
  { region: 'parietal-right', x: 0.9, y: 0.45 },
  { region: 'vertex', x: 0.5, y: 0.53 },
  { region: 'crown', x: 0.5, y: 0.66 },
  { region: 'occipital', x: 0.5, y: 0.8 },
  { region: 'nape', x: 0.5, y: 0.94 },
];
