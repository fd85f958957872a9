/**
 * Scalp against face inside the head: where the scalp's lower line runs, given the head and the
 * hair found in it.
 */
import { labelComponents } from '../../geometry/polygon.js';
import { keepComponents } from './mask-ops.js';

/** Below this share of hair the head is taken as shaved bald: no hairline to place. */
export const MIN_HAIR_SHARE = 0.03;
/** The scalp's hair reaches into this upper share of the head's height. */
const UPPER_PART = 0.4;
/** A frontal hair edge whose height varies by less than this share of the head's is a hairline. */
const LEVEL_HAIRLINE = 0.08;
/** Hair in a column shorter than this share of the head's height, with skin above it, is a speck. */
const SPECK_RUN = 0.05;
/** Side hair at the temples lies within this share of the head's width from its edge. */
const SIDE_BAND = 0.15;

/**
 * The scalp: the hair of the head, and the skin above the scalp's lower line; the skin below it is
 * face (forehead, ears) or, seen from behind, the nape.
 *
 * The line runs between the two temples, where the side hair stops following the head's outline
 * (at the top of the ear): on a receded or bald front nothing on the skin marks where the forehead
 * begins, and the hair at the sides is what still marks the scalp's lower edge. Where the sides
 * carry no hair, the skin that reaches down to the bottom of the head from below the hair is face.
 */
export function scalpOf(
  head: Uint8Array,
  hair: Uint8Array,
  w: number,
  h: number,
  closeUp = false,
): Uint8Array {
  let headArea = 0;
  let hairArea = 0;
  for (let i = 0; i < w * h; i++) {
    headArea += head[i]!;
    hairArea += head[i]! && hair[i]! ? 1 : 0;
  }
  // A close-up of the scalp (the head could not be set apart from the photo's border) shows no
  // face; nor does a head with almost no hair. A head that fills the frame but stands off a
  // background somewhere (a face close to the camera) may show one.
  if (hairArea < MIN_HAIR_SHARE * headArea || closeUp) return head.slice();
  const inHead = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) inHead[i] = head[i] && hair[i] ? 1 : 0;
  // The scalp's hair is what reaches into the upper part of the head; specks (a brow) and dark
  // parts of a face (a beard, the shadow under a bowed head, the eyes) lie lower down.
  let top = h;
  let bottom = -1;
  for (let i = 0; i < w * h; i++)
    if (head[i]) {
      top = Math.min(top, Math.floor(i / w));
      bottom = Math.max(bottom, Math.floor(i / w));
    }
  const upper = top + UPPER_PART * (bottom - top);
  const sizable = keepComponents(inHead, w, h, (sizes, c, labels) => {
    if (sizes[c]! < 0.01 * headArea) return false;
    for (let i = 0; i < upper * w; i++) if (labels[i] === c) return true;
    return false;
  });
  const lowerEdge = hairLowerEdge(head, sizable, w, h, Math.max(2, SPECK_RUN * (bottom - top + 1)));
  // The lowest point of the frontal hair (a forelock, a widow's peak) over skin that reaches the
  // bottom of the head: where the sides give no temples, the line is level with it.
  let lowestFrontal = -1;
  for (const e of lowerEdge) if (e.skinBelow && e.y > lowestFrontal) lowestFrontal = e.y;
  // Where the frontal hair's lower edge runs level across the forehead, that edge is the
  // hairline and the skin below it is forehead; only a receded front (deep corners, a bald top
  // reaching down) takes its line from the temples.
  const hairlineLevel = levelHairline(head, lowerEdge, w, bottom - top + 1);
  const temples = templeLine(head, sizable, w, h, headArea);
  const line = hairlineLevel ? null : (temples ?? (lowestFrontal >= 0 ? () => lowestFrontal : null));
  // Side hair that runs down past the ears to the head's bottom (sideburns, a beard, or a cheek
  // in shadow taken for hair) is below the scalp's lower line: the scalp lies above the ears
  // whether the front has a hairline or not.
  const sideLine = hairlineLevel ? temples : line;
  const scalp = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    const e = lowerEdge[x]!;
    // a column that ends in hair at the head's bottom is cut at the side line, its hair included
    const sideCut = !e.skinBelow && e.y >= 0 && sideLine ? sideLine(x) : null;
    const boundary = sideCut ?? Math.max(e.y, line ? line(x) : e.skinBelow ? e.y : h);
    for (let y = 0; y < h; y++) {
      const i = y * w + x;
      if (head[i]) scalp[i] = (sideCut === null && sizable[i]) || y <= boundary ? 1 : 0;
    }
  }
  // Hair that lies wholly below the line (a beard, brows) is the face's.
  const labels = new Int32Array(w * h);
  const count = labelComponents(scalp, w, h, labels);
  const size = new Float64Array(count + 1);
  for (let i = 0; i < w * h; i++) if (labels[i]) size[labels[i]!] = size[labels[i]!]! + 1;
  let biggest = 0;
  for (let c = 1; c <= count; c++) if (size[c]! > size[biggest]!) biggest = c;
  for (let i = 0; i < w * h; i++)
    if (labels[i] && labels[i] !== biggest && size[labels[i]!]! < 0.05 * headArea) scalp[i] = 0;
  return scalp;
}

/**
 * Whether the frontal hair's lower edge (columns whose hair has skin below it) runs level. Side
 * hair coming down along the outline to the temples is left out: it reaches lower on any head.
 * The edge is level when it spans a third of the head's width or more and its height varies by
 * less than LEVEL_HAIRLINE of the head's.
 */
function levelHairline(
  head: Uint8Array,
  lowerEdge: readonly { y: number; skinBelow: boolean }[],
  w: number,
  headHeight: number,
): boolean {
  const frontal: number[] = [];
  let left = w;
  let right = -1;
  lowerEdge.forEach((e, x) => {
    if (e.y < 0) return;
    left = Math.min(left, x);
    right = Math.max(right, x);
    if (!e.skinBelow) return;
    const row = e.y * w;
    let l = x;
    while (l > 0 && head[row + l - 1]) l--;
    let r = x;
    while (r < w - 1 && head[row + r + 1]) r++;
    if (Math.min(x - l, r - x) > SIDE_BAND * (r - l + 1)) frontal.push(e.y);
  });
  if (frontal.length < 20 || frontal.length < 0.3 * (right - left + 1)) return false;
  frontal.sort((p, q) => p - q);
  const spread =
    frontal[Math.floor(0.9 * (frontal.length - 1))]! - frontal[Math.floor(0.1 * (frontal.length - 1))]!;
  return spread <= LEVEL_HAIRLINE * headHeight;
}

/**
 * Per column of the head: the lowest hair pixel reached from the head's bottom through skin
 * (`skinBelow`), the head's bottom itself where the column ends in hair, or -1 without hair.
 */
function hairLowerEdge(
  head: Uint8Array,
  hair: Uint8Array,
  w: number,
  h: number,
  minRun: number,
): { y: number; skinBelow: boolean }[] {
  const out: { y: number; skinBelow: boolean }[] = [];
  for (let x = 0; x < w; x++) {
    let y = h - 1;
    while (y >= 0 && !head[y * w + x]) y--;
    if (y < 0) {
      out.push({ y: -1, skinBelow: false });
      continue;
    }
    if (hair[y * w + x]) {
      out.push({ y, skinBelow: false });
      continue;
    }
    for (;;) {
      while (y >= 0 && head[y * w + x] && !hair[y * w + x]) y--;
      if (y < 0 || !hair[y * w + x]) {
        out.push({ y: -1, skinBelow: false });
        break;
      }
      // a short stretch of hair with skin above it is a speck in the face (a nostril, a lip's
      // shadow, a collar's edge), not the hair's lower edge: look on above it
      let above = y;
      while (above >= 0 && hair[above * w + x]) above--;
      if (y - above >= minRun || above < 0 || !head[above * w + x]) {
        out.push({ y, skinBelow: true });
        break;
      }
      y = above;
    }
  }
  return out;
}

/**
 * The line between the temples as y(x), or null where neither side of the head carries hair
 * along its outline. On each side the outline is followed down from the top of the head; the
 * temple is the lower end of the longest stretch where the head's edge is hair.
 */
function templeLine(
  head: Uint8Array,
  hair: Uint8Array,
  w: number,
  h: number,
  headArea: number,
): ((x: number) => number) | null {
  let top = h;
  let bottom = -1;
  for (let i = 0; i < w * h; i++)
    if (head[i]) {
      const y = Math.floor(i / w);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  if (bottom < 0) return null;
  // side hair is a band a few centimetres wide, not a shadow along the edge
  const depth = Math.max(3, Math.round(0.08 * Math.sqrt(headArea)));
  // an ear interrupts the hair along the outline for a tenth of the head's height or so
  const gap = Math.max(2, Math.round(0.12 * (bottom - top + 1)));
  const sides: ({ x: number; y: number } | null)[] = [-1, 1].map((dir) => {
    let bestLen = 0;
    let best: { x: number; y: number } | null = null;
    let runStart = -1;
    let runLen = 0;
    let last: { x: number; y: number } | null = null;
    let missed = 0;
    for (let y = top; y <= bottom; y++) {
      // the head's edge on this side of the row, and the hair just inside it
      let edge = -1;
      if (dir < 0) {
        for (let x = 0; x < w; x++)
          if (head[y * w + x]) {
            edge = x;
            break;
          }
      } else {
        for (let x = w - 1; x >= 0; x--)
          if (head[y * w + x]) {
            edge = x;
            break;
          }
      }
      // the photo's own border is no outline: a head cut off by the frame
      const onFrame = edge === 0 || edge === w - 1;
      let hairy = 0;
      let seen = 0;
      if (edge >= 0 && !onFrame)
        // the outermost pixel mixes the head with what is behind it
        for (let k = 1; k <= depth; k++) {
          const x = edge - dir * k;
          if (x < 0 || x >= w || !head[y * w + x]) break;
          seen++;
          hairy += hair[y * w + x]!;
        }
      const isHair = seen > 0 && hairy >= 0.6 * seen;
      if (isHair) {
        if (runStart < 0) runStart = y;
        runLen += 1 + missed;
        missed = 0;
        last = { x: edge, y };
      } else if (runStart >= 0 && !onFrame) {
        missed++;
        if (missed > gap) {
          if (runLen > bestLen) {
            bestLen = runLen;
            best = last;
          }
          runStart = -1;
          runLen = 0;
          missed = 0;
        }
      }
    }
    if (runStart >= 0 && runLen > bestLen) {
      bestLen = runLen;
      best = last;
    }
    // Hair along the outline down to the head's bottom passes the ear without a break (sideburns
    // and a beard, or a shadowed cheek): its lower end marks the jaw, not a temple.
    if (best && best.y >= bottom - gap) return null;
    return bestLen >= gap ? best : null;
  });
  const [left, right] = sides;
  if (!left && !right) return null;
  const a = left ?? right!;
  const b = right ?? left!;
  if (a.x === b.x) return () => Math.max(a.y, b.y);
  const slope = (b.y - a.y) / (b.x - a.x);
  return (x) => a.y + slope * (x - a.x);
}
