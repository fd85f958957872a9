/**
 * The body below a head: shoulders and clothing come into a photo of a head from below, and a
 * colour model cannot always tell them from the head (a navy shirt like dark hair, a beige one
 * like skin). Their shape can: seeds of background where the figure grows wider than a head is.
 */
import { largestComponent } from './mask-ops.js';

/**
 * Finds the shoulders in the figure's width profile (rows narrowing below the head to a neck, then
 * widening past the head's own width) and seeds as background what lies below the neck beyond its
 * width: a head continues below its neck (a bowed face, a chin) no wider than the neck. Returns
 * whether seeds were added (once: a second call finds them set).
 */
export function addShoulderSeeds(fg: Uint8Array, seed: Uint8Array, w: number, h: number): boolean {
  const main = largestComponent(fg, w, h);
  const width = new Float64Array(h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) width[y] = width[y]! + main[y * w + x]!;
  let top = 0;
  while (top < h && width[top]! === 0) top++;
  let widest = 0;
  let narrowed = -1;
  let neck = -1;
  for (let y = top; y < h; y++) {
    const v = width[y]!;
    if (narrowed < 0) {
      if (v >= widest) widest = v;
      else if (v < 0.92 * widest) narrowed = y;
      continue;
    }
    if (neck < 0 || v < width[neck]!) neck = y;
    // shoulders: wider than the head, and well wider than the neck
    if (v > widest && v > 1.25 * width[neck]!) break;
    if (y === h - 1) neck = -1;
  }
  if (neck < 0 || narrowed < 0) return addSeedsBeyondEllipse(main, seed, w, h, top);
  let x0 = w;
  let x1 = -1;
  for (let x = 0; x < w; x++)
    if (main[neck * w + x]) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
    }
  const margin = Math.max(1, Math.round(0.02 * w));
  let added = 0;
  for (let y = neck + 1; y < h; y++)
    for (let x = 0; x < w; x++)
      if ((x < x0 - margin || x > x1 + margin) && !seed[y * w + x]) {
        seed[y * w + x] = 1;
        added++;
      }
  return added > 0;
}

/**
 * Seen from above there is no neck: the shoulders come in beside the head. The head's outline
 * from its top down is half an ellipse (half-width² is quadratic in y); where the figure's
 * width jumps past what that ellipse allows, shoulders have come in, and below that row whatever
 * lies beyond the ellipse continued is seeded as background.
 */
function addSeedsBeyondEllipse(
  main: Uint8Array,
  seed: Uint8Array,
  w: number,
  h: number,
  top: number,
): boolean {
  const left = new Float64Array(h).fill(-1);
  const right = new Float64Array(h).fill(-1);
  let bottom = top;
  for (let y = top; y < h; y++)
    for (let x = 0; x < w; x++)
      if (main[y * w + x]) {
        if (left[y]! < 0) left[y] = x;
        right[y] = x;
        bottom = y;
      }
  const minRows = Math.max(6, Math.round(0.15 * (bottom - top + 1)));
  // Least squares of half-width² = c0 + c1 t + c2 t² (t = y - top) over the rows so far.
  const st = new Float64Array(5); // Σ t^k, k = 0..4
  const sv = new Float64Array(3); // Σ v t^k, v = half-width²
  let cxSum = 0;
  const ellipse = (): [number, number, number] | null =>
    solve3(
      [
        [st[0]!, st[1]!, st[2]!],
        [st[1]!, st[2]!, st[3]!],
        [st[2]!, st[3]!, st[4]!],
      ],
      [sv[0]!, sv[1]!, sv[2]!],
    );
  let jump = -1;
  let over = 0;
  let c: [number, number, number] | null = null;
  for (let y = top; y <= bottom && jump < 0; y++) {
    if (left[y]! < 0) continue;
    const half = (right[y]! - left[y]! + 1) / 2;
    const t = y - top;
    if (t >= minRows) {
      c = ellipse();
      if (c && c[2] < 0) {
        const predicted = Math.sqrt(Math.max(0, c[0] + c[1] * t + c[2] * t * t));
        if (half > 1.2 * predicted + 2) {
          if (++over >= 3) jump = y - 2;
          continue;
        }
      }
      over = 0;
    }
    let tk = 1;
    for (let k = 0; k < 5; k++, tk *= t) {
      st[k] = st[k]! + tk;
      if (k < 3) sv[k] = sv[k]! + half * half * tk;
    }
    cxSum += (left[y]! + right[y]!) / 2;
  }
  if (jump < 0 || !c || c[2] >= 0) return false;
  const cx = cxSum / st[0]!;
  const margin = Math.max(1, Math.round(0.02 * w));
  // A face below a mass of hair narrows less than the ellipse of the hair would: the head is at
  // least as wide as it was where the shoulders came in.
  const atJump = (right[jump - 1]! - left[jump - 1]! + 1) / 2;
  let added = 0;
  for (let y = jump; y < h; y++) {
    const t = y - top;
    const half = Math.max(atJump, Math.sqrt(Math.max(0, c[0] + c[1] * t + c[2] * t * t)));
    for (let x = 0; x < w; x++)
      if (Math.abs(x - cx) > half + margin && !seed[y * w + x]) {
        seed[y * w + x] = 1;
        added++;
      }
  }
  return added > 0;
}

/** Solves a 3×3 linear system by Cramer's rule; null when singular. */
function solve3(m: number[][], r: number[]): [number, number, number] | null {
  const det = (a: number[][]): number =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return null;
  const col = (k: number): number[][] => m.map((row, i) => row.map((v, j) => (j === k ? r[i]! : v)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}
