/** Polygons and polylines as [x, y] pairs in image pixels. */
export type Vec2 = readonly [number, number];

/** Area by the shoelace formula (absolute, pixels²). */
export function polygonArea(points: readonly Vec2[]): number {
  return Math.abs(signedArea(points));
}

export function boundingBox(points: readonly Vec2[]): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

/**
 * Fills `mask` (width × height, row-major) with 1 where the centre of a cell lies inside the
 * polygon (even-odd rule), by scanlines; `scale` maps polygon pixels to mask cells.
 */
export function rasterizePolygon(
  mask: Uint8Array,
  width: number,
  height: number,
  polygon: readonly Vec2[],
  scale = 1,
): void {
  const n = polygon.length;
  const xs: number[] = [];
  const { y0, y1 } = boundingBox(polygon);
  const rowStart = Math.max(0, Math.floor(y0 * scale - 0.5));
  const rowEnd = Math.min(height - 1, Math.ceil(y1 * scale + 0.5));
  for (let row = rowStart; row <= rowEnd; row++) {
    const y = (row + 0.5) / scale;
    xs.length = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const [xi, yi] = polygon[i]!;
      const [xj, yj] = polygon[j]!;
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) / (yj - yi)) * (xj - xi));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! * scale - 0.5));
      const to = Math.min(width - 1, Math.floor(xs[k + 1]! * scale - 0.5));
      if (to >= from) mask.fill(1, row * width + from, row * width + to + 1);
    }
  }
}

/** Distance from (x, y) to the segment a-b, and the parameter t of the nearest point. */
export function distanceToSegment(x: number, y: number, a: Vec2, b: Vec2): { d: number; t: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return { d: Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy)), t };
}

/** Signed area by the shoelace formula (positive when counter-clockwise in y-up axes). */
export function signedArea(poly: readonly Vec2[]): number {
  let s = 0;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++)
    s += (poly[j]![0] - poly[i]![0]) * (poly[j]![1] + poly[i]![1]);
  return s / 2;
}

export function convexHull(points: readonly Vec2[]): [number, number][] {
  const p = points.map(([x, y]): [number, number] => [x, y]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: Vec2, a: Vec2, b: Vec2): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: [number, number][] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0)
      upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

export function pointInPolygon(poly: readonly Vec2[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Outer boundary of the cells with `mask[i] === value` that contain cell `seed`, as a closed loop of
 * cell corners (grid units). Walks the boundary edges of the component and keeps the longest loop.
 */
export function traceComponent(
  labels: Int32Array,
  cols: number,
  rows: number,
  value: number,
): [number, number][] {
  const inside = (c: number, r: number): boolean =>
    c >= 0 && r >= 0 && c < cols && r < rows && labels[r * cols + c] === value;
  // Directed boundary edges with the component on the left, keyed by start corner.
  const next = new Map<number, number[]>();
  const key = (x: number, y: number): number => y * (cols + 1) + x;
  const add = (x0: number, y0: number, x1: number, y1: number): void => {
    const k = key(x0, y0);
    const list = next.get(k);
    if (list) list.push(key(x1, y1));
    else next.set(k, [key(x1, y1)]);
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (!inside(c, r)) continue;
      if (!inside(c, r - 1)) add(c + 1, r, c, r);
      if (!inside(c - 1, r)) add(c, r, c, r + 1);
      if (!inside(c, r + 1)) add(c, r + 1, c + 1, r + 1);
      if (!inside(c + 1, r)) add(c + 1, r + 1, c + 1, r);
    }
  let best: [number, number][] = [];
  while (next.size > 0) {
    const [startKey] = next.keys() as IterableIterator<number>;
    const loop: [number, number][] = [];
    let k = startKey!;
    for (let guard = 0; guard < 4 * cols * rows + 8; guard++) {
      const list = next.get(k);
      if (!list || list.length === 0) break;
      const to = list.pop()!;
      if (list.length === 0) next.delete(k);
      loop.push([k % (cols + 1), Math.floor(k / (cols + 1))]);
      k = to;
      if (k === startKey) break;
    }
    if (loop.length > best.length) best = loop;
  }
  return best;
}

/** Douglas-Peucker simplification of a closed polygon. */
export function simplifyPolygon(input: readonly Vec2[], tolerance: number): [number, number][] {
  const poly = input.map(([x, y]): [number, number] => [x, y]);
  if (poly.length <= 4) return poly;
  // split the ring at its two farthest-apart vertices so that both halves are open polylines
  let far = 0;
  let farD = -1;
  for (let i = 1; i < poly.length; i++) {
    const d = (poly[i]![0] - poly[0]![0]) ** 2 + (poly[i]![1] - poly[0]![1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const a = simplifyOpen([...poly.slice(0, far + 1)], tolerance);
  const b = simplifyOpen([...poly.slice(far), poly[0]!], tolerance);
  const ring = [...a.slice(0, -1), ...b.slice(0, -1)];
  // the two split points need not be corners: drop any vertex its neighbours make redundant
  for (let i = 0; i < ring.length && ring.length > 3;) {
    const p0 = ring[(i + ring.length - 1) % ring.length]!;
    const p1 = ring[i]!;
    const p2 = ring[(i + 1) % ring.length]!;
    const len = Math.hypot(p2[0] - p0[0], p2[1] - p0[1]) || 1;
    const d =
      Math.abs((p2[1] - p0[1]) * p1[0] - (p2[0] - p0[0]) * p1[1] + p2[0] * p0[1] - p2[1] * p0[0]) / len;
    if (d <= tolerance) ring.splice(i, 1);
    else i++;
  }
  return ring;
}

function simplifyOpen(pts: [number, number][], tol: number): [number, number][] {
  if (pts.length <= 2) return pts;
  const [x1, y1] = pts[0]!;
  const [x2, y2] = pts[pts.length - 1]!;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  let idx = 0;
  let maxD = 0;
  for (let i = 1; i < pts.length - 1; i++) {
    const d = Math.abs((y2 - y1) * pts[i]![0] - (x2 - x1) * pts[i]![1] + x2 * y1 - y2 * x1) / len;
    if (d > maxD) {
      maxD = d;
      idx = i;
    }
  }
  if (maxD <= tol) return [pts[0]!, pts[pts.length - 1]!];
  const left = simplifyOpen(pts.slice(0, idx + 1), tol);
  const right = simplifyOpen(pts.slice(idx), tol);
  return [...left.slice(0, -1), ...right];
}

/** Labels 4-connected components of `mask` (1-based; 0 = background); returns the count. */
export function labelComponents(mask: Uint8Array, cols: number, rows: number, labels: Int32Array): number {
  labels.fill(0);
  let count = 0;
  const stack: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || labels[i]) continue;
    count++;
    labels[i] = count;
    stack.push(i);
    while (stack.length) {
      const j = stack.pop()!;
      const c = j % cols;
      const r = (j - c) / cols;
      const nb = [
        c > 0 ? j - 1 : -1,
        c < cols - 1 ? j + 1 : -1,
        r > 0 ? j - cols : -1,
        r < rows - 1 ? j + cols : -1,
      ];
      for (const k of nb)
        if (k >= 0 && mask[k] && !labels[k]) {
          labels[k] = count;
          stack.push(k);
        }
    }
  }
  return count;
}
