/**
 * Which of the client's follicles count as hair where the zones lie: the one rule the live preview
 * (preview-engine.ts), the server's render and the CLI (planSimulation) share, so that the dots and
 * the zone summary's "density reached" / "no dots needed" agree on every path.
 */
import { exclusionRadiusPx } from '../sampling/sample-impressions.js';

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Which zone governs each working cell, as density-field.ts composes them (`zoneIndex`). */
export interface ZoneLabels {
  /** 1 + the index of the zone that dominates each cell, 0 for none. */
  zoneIndex: Uint8Array;
  ww: number;
  wh: number;
  /** Working cells per image pixel. */
  scale: number;
  /** The kind of each zone, by index. */
  kinds: readonly string[];
}

/**
 * Whether each of the client's follicles counts as hair for the zones: 1 where it counts (dots go
 * round it and it counts towards its zone's target), 0 where it does not.
 *
 * The rule (issue 10's blend; issue 11's accepted scar): existing follicles count towards a fill's
 * or a hairline's target, because those zones are drawn next to or over hair-bearing scalp and add
 * dots only where hair is missing. Scar tissue carries no follicles (domain.md §2.1): what the
 * analysis detects inside a scar zone is not hair to count but detection errors on the scar's
 * texture, the overhang of a suggested outline, or hair at its rim. So wherever a scar zone governs
 * the skin (the composition's label: its polygon, and its feather where no fill or hairline
 * applies more strongly), the follicles do not count: the scar gets exactly the dots it would get
 * on bare skin, its full target density, whatever the analysis found there and whether it was
 * drawn by hand or accepted from a suggestion (the rule reads the kind and the composed field,
 * nothing else). Its shade still starts from the stubble's, like any zone's. Where a fill lies under
 * the scar's feather, the fill governs there and its blend keeps counting the hair.
 */
export function follicleCounted(follicles: Float32Array, labels: ZoneLabels): Uint8Array {
  const { zoneIndex, ww, wh, scale, kinds } = labels;
  const counted = new Uint8Array(follicles.length >> 1);
  const scar = Uint8Array.from(kinds, (kind) => (kind === 'scar' ? 1 : 0));
  for (let i = 0; i < counted.length; i++) {
    // The cell as the zone summary finds it (clamped to the grid).
    const cx = Math.min(ww - 1, Math.max(0, Math.floor(follicles[2 * i]! * scale)));
    const cy = Math.min(wh - 1, Math.max(0, Math.floor(follicles[2 * i + 1]! * scale)));
    const z = zoneIndex[cy * ww + cx]!;
    counted[i] = z > 0 && scar[z - 1] === 1 ? 0 : 1;
  }
  return counted;
}

/** The follicles that count (see follicleCounted), interleaved x, y; the same array when all do. */
export function countedFollicles(follicles: Float32Array, counted: Uint8Array): Float32Array {
  let n = 0;
  for (let i = 0; i < counted.length; i++) n += counted[i]!;
  if (n === counted.length) return follicles;
  const out = new Float32Array(2 * n);
  for (let i = 0, k = 0; i < counted.length; i++)
    if (counted[i]) {
      out[k++] = follicles[2 * i]!;
      out[k++] = follicles[2 * i + 1]!;
    }
  return out;
}

/**
 * The pixels round the follicles whose counting changed between two updates, each as far as it
 * kept dots off (a dot's spacing at the density there), or null.
 */
export function changedFollicles(
  follicles: Float32Array,
  before: Uint8Array,
  now: Uint8Array,
  grid: { ww: number; wh: number; scale: number; pxPerMm: number },
  density: Float32Array,
  image: { width: number; height: number },
): Rect | null {
  let rect: Rect | null = null;
  for (let i = 0; i < now.length; i++) {
    if (before[i] === now[i]) continue;
    const x = follicles[2 * i]!;
    const y = follicles[2 * i + 1]!;
    const cx = Math.min(grid.ww - 1, Math.max(0, Math.floor(x * grid.scale)));
    const cy = Math.min(grid.wh - 1, Math.max(0, Math.floor(y * grid.scale)));
    const d = density[cy * grid.ww + cx]!;
    const reach = Math.ceil(d > 0 ? exclusionRadiusPx(d, grid.pxPerMm) : 0) + 1;
    rect = grow(rect, {
      x0: Math.max(0, Math.floor(x) - reach),
      y0: Math.max(0, Math.floor(y) - reach),
      x1: Math.min(image.width, Math.floor(x) + reach + 1),
      y1: Math.min(image.height, Math.floor(y) + reach + 1),
    });
  }
  return rect;
}

const grow = (a: Rect | null, b: Rect): Rect =>
  a
    ? {
        x0: Math.min(a.x0, b.x0),
        y0: Math.min(a.y0, b.y0),
        x1: Math.max(a.x1, b.x1),
        y1: Math.max(a.y1, b.y1),
      }
    : b;
