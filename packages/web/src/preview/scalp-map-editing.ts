/**
 * Correcting the head and scalp map in the zone editor: the map's classes (0 other, 1 face and
 * ears, 2 bare scalp, 3 hair-bearing scalp) at the map's own resolution, changed by tapping a
 * region (all of it joins or leaves the scalp) or brushing along its edge. Pure functions over
 * label arrays; the hook keeps the undo history.
 */
export const OTHER = 0;
export const FACE = 1;
export const BARE = 2;
export const HAIR = 3;

export interface Labels {
  width: number;
  height: number;
  data: Uint8Array;
}

export const isScalp = (c: number) => c === BARE || c === HAIR;

export function decodeRuns(width: number, height: number, runs: readonly number[]): Labels {
  const data = new Uint8Array(width * height);
  let i = 0;
  for (let k = 0; k + 1 < runs.length; k += 2) {
    data.fill(runs[k]!, i, i + runs[k + 1]!);
    i += runs[k + 1]!;
  }
  return { width, height, data };
}

export function encodeRuns(data: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    let j = i + 1;
    while (j < data.length && data[j] === data[i]) j++;
    out.push(data[i]!, j - i);
    i = j;
  }
  return out;
}

/**
 * What a pixel becomes when it joins the scalp: its automatic class when that was scalp (bare or
 * hair-bearing), otherwise bare scalp; when it leaves: face stays face, the rest is "other".
 */
const joined = (auto: number) => (isScalp(auto) ? auto : BARE);
const left = (auto: number) => (auto === FACE ? FACE : OTHER);

/**
 * Tapping a map pixel: the connected region of its class (4-neighbours) joins the scalp when it is
 * not scalp, or leaves it when it is. Returns a new array, or null when the point is off the map.
 */
export function toggleRegion(current: Labels, automatic: Labels, mx: number, my: number): Uint8Array | null {
  const { width: w, height: h, data } = current;
  if (mx < 0 || my < 0 || mx >= w || my >= h) return null;
  const start = my * w + mx;
  const cls = data[start]!;
  const out = data.slice();
  const seen = new Uint8Array(w * h);
  const stack = [start];
  seen[start] = 1;
  const removing = isScalp(cls);
  while (stack.length) {
    const i = stack.pop()!;
    out[i] = removing ? left(automatic.data[i]!) : joined(automatic.data[i]!);
    const x = i % w;
    const y = (i - x) / w;
    const next = [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1];
    for (const n of next)
      if (n >= 0 && !seen[n] && data[n] === cls) {
        seen[n] = 1;
        stack.push(n);
      }
  }
  return out;
}

/**
 * A brush stroke (map pixel coordinates, radius in map pixels): adds every pixel it covers to the
 * scalp, or takes them out of it.
 */
export function brushRegion(
  current: Labels,
  automatic: Labels,
  stroke: readonly (readonly [number, number])[],
  radius: number,
  mode: 'add' | 'erase',
): Uint8Array {
  const { width: w, height: h } = current;
  const out = current.data.slice();
  const r = Math.max(0.5, radius);
  const paint = (cx: number, cy: number) => {
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(w - 1, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(h - 1, Math.ceil(cy + r));
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) continue;
        const i = y * w + x;
        if (mode === 'add') {
          if (!isScalp(out[i]!)) out[i] = joined(automatic.data[i]!);
        } else if (isScalp(out[i]!)) out[i] = left(automatic.data[i]!);
      }
  };
  // Dabs along each segment, close enough that the stroke has no gaps.
  for (let k = 0; k < stroke.length; k++) {
    const [x, y] = stroke[k]!;
    if (k === 0) paint(x, y);
    else {
      const [px, py] = stroke[k - 1]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(x - px, y - py) / (r / 2)));
      for (let s = 1; s <= steps; s++) paint(px + ((x - px) * s) / steps, py + ((y - py) * s) / steps);
    }
  }
  return out;
}

/** Share of the map that is scalp (bare or hair-bearing). */
export function scalpShare(data: Uint8Array): number {
  let n = 0;
  for (const c of data) if (isScalp(c)) n++;
  return data.length ? n / data.length : 0;
}

/** Overlay colours (RGBA) per class: nothing over "other". */
export const CLASS_COLOURS: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 0, 0],
  [250, 176, 5, 110],
  [18, 184, 134, 120],
  [132, 94, 247, 120],
];

/** The labels as RGBA pixels for a canvas at the map's resolution. */
export function overlayPixels(labels: Labels): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(labels.data.length * 4);
  labels.data.forEach((c, i) => {
    const colour = CLASS_COLOURS[c] ?? CLASS_COLOURS[0]!;
    out.set(colour, i * 4);
  });
  return out;
}
