/** Polygons and polylines as [x, y] pairs in image pixels. */
export type Vec2 = readonly [number, number];

/** Area by the shoelace formula (absolute, pixels²). */
export function polygonArea(points: readonly Vec2[]): number {
  let a = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    a += (points[j]![0] + points[i]![0]) * (points[j]![1] - points[i]![1]);
  }
  return Math.abs(a) / 2;
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
