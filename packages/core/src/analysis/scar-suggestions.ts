/**
 * Where the scars might be, for the artist to accept or edit; never a diagnosis. Two kinds of
 * evidence, both only where follicles are resolved: follicle-free gaps that are paler or smoother
 * than the scalp around them (strips and patches, scar-gaps.ts) and clusters of pale round punch
 * scars (fue-scars.ts).
 *
 * A suggestion must then stand on hair-bearing scalp, clear of the scalp's edge (the head's
 * outline, the hairline, an ear: suggestion-places.ts) and out of glare: a pale or empty patch
 * anywhere else is skin or light, not a scar. Fewer and right beats many and wrong.
 */
import type { RgbImage } from './analysis-input.js';
import type { ScarSuggestion } from './analysis-result.js';
import type { DensityGrid } from './density-map.js';
import { clusterFueDots, detectFueDots } from './fue-scars.js';
import { GLARE_CELL_SHARE, glareShareAt, type GlareMap } from './glare-map.js';
import type { HairFollicle } from './hair-exits.js';
import type { LineSegment } from './line-segments.js';
import { suggestGaps, type ScarSuggestionDraft } from './scar-gaps.js';
import type { ScalpMap } from './scalp-map/scalp-map.js';
import { suggestionPlaces } from './scalp-map/suggestion-places.js';
import { photoX, photoY, type WorkingChannel } from './working-channel.js';

export type { ScarKind } from './scar-gaps.js';

/** Share of a suggestion's outline and centre that may lie in glare. */
const MAX_GLARE_SHARE = 0.2;

export interface ScarInput {
  image: RgbImage;
  map: ScalpMap;
  working: WorkingChannel;
  glare: GlareMap;
  /** Every follicle found, resolved or not (working px). */
  follicles: readonly HairFollicle[];
  segments: readonly LineSegment[];
  /** Follicles counted on resolved scalp and their density (working px). */
  counted: readonly { x: number; y: number }[];
  density: DensityGrid;
  resolvedAt: (x: number, y: number) => boolean;
  /** Fine texture of the skin round a working position (mean |Laplacian| at the pore scale). */
  texture: (x: number, y: number) => number;
  /** Photo px per mm. */
  pxPerMm: number;
  calibrated: boolean;
}

export function suggestScars(input: ScarInput): ScarSuggestion[] {
  const wc = input.working;
  const f = wc.factor;
  const toPhoto = ([x, y]: readonly [number, number]): [number, number] => [photoX(wc, x), photoY(wc, y)];
  const glareAt = (x: number, y: number): number => glareShareAt(input.glare, ...toPhoto([x, y]));
  const usable = (x: number, y: number): boolean =>
    x >= 0 &&
    y >= 0 &&
    x < wc.width &&
    y < wc.height &&
    input.resolvedAt(x, y) &&
    glareAt(x, y) < GLARE_CELL_SHARE;
  const dots = detectFueDots({
    channel: wc.channel,
    width: wc.width,
    height: wc.height,
    pxPerMm: wc.pxPerMm,
    follicles: input.follicles,
    segments: input.segments,
    usable,
  });
  const drafts: ScarSuggestionDraft[] = [
    ...clusterFueDots(dots, wc.pxPerMm),
    ...suggestGaps({
      width: wc.width,
      height: wc.height,
      pxPerMm: wc.pxPerMm,
      follicles: input.counted,
      resolved: input.resolvedAt,
      density: input.density,
      image: input.image,
      roi: { x: wc.originX, y: wc.originY, w: Math.round(wc.width * f), h: Math.round(wc.height * f) },
      factor: f,
      texture: input.texture,
    }),
  ];
  const place = suggestionPlaces(input.map);
  return drafts
    .filter((d) => {
      const outline = d.polygon.map(toPhoto);
      if (!place.accepts(outline, input.pxPerMm)) return false;
      const probes = [...d.polygon, centroid(d.polygon)];
      const inGlare = probes.filter(([x, y]) => glareAt(x, y) >= GLARE_CELL_SHARE).length;
      return inGlare <= MAX_GLARE_SHARE * probes.length;
    })
    .sort((a, b) => b.confidence - a.confidence)
    .map((d) => ({
      kind: d.kind,
      polygon: d.polygon.map((p) => round2Pair(toPhoto(p))),
      areaCm2: input.calibrated ? Math.round((d.areaMm2 / 100) * 1000) / 1000 : null,
      confidence: Math.round(d.confidence * 100) / 100,
      reasons: d.reasons,
      ...(d.dots
        ? {
            dots: d.dots.map((p) => {
              const [x, y] = toPhoto([p.x, p.y]);
              return { x: round2(x), y: round2(y), r: round2(p.r * f) };
            }),
          }
        : {}),
    }));
}

function centroid(polygon: readonly [number, number][]): [number, number] {
  let x = 0;
  let y = 0;
  for (const p of polygon) {
    x += p[0];
    y += p[1];
  }
  return [x / polygon.length, y / polygon.length];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function round2Pair([x, y]: [number, number]): [number, number] {
  return [round2(x), round2(y)];
}
