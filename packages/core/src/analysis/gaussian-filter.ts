/**
 * Gaussian smoothing of single-channel Float32 images (row-major, width × height), mirrored at
 * the borders. Small σ (the follicle scales, 0.5-4 px) use an exact separable FIR kernel truncated
 * at 3σ; large σ (density maps, viewing-distance filters) use three box passes whose widths are
 * chosen to match σ (Kovesi 2010), which costs the same at any σ.
 */

export function gaussianKernelHalf(sigma: number, truncate = 3): Float32Array {
  const radius = Math.max(1, Math.ceil(truncate * sigma));
  const k = new Float32Array(radius + 1);
  let sum = 0;
  for (let i = 0; i <= radius; i++) {
    const v = Math.exp((-i * i) / (2 * sigma * sigma));
    k[i] = v;
    sum += i === 0 ? v : 2 * v;
  }
  for (let i = 0; i <= radius; i++) k[i] = k[i]! / sum;
  return k;
}

function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let j = i % period;
  if (j < 0) j += period;
  return j < n ? j : period - j;
}

/**
 * Separable FIR blur; `out` may not alias `src`. Radii 2-5 (σ ≈ 0.7-2 px) run unrolled. `scratch`
 * (at least width × height) saves allocating the intermediate image.
 */
export function firBlur(
  src: Float32Array,
  width: number,
  height: number,
  sigma: number,
  out: Float32Array = new Float32Array(width * height),
  truncate = 3,
  scratch?: Float32Array,
): Float32Array {
  if (sigma <= 0) {
    out.set(src);
    return out;
  }
  const k = gaussianKernelHalf(sigma, truncate);
  const r = k.length - 1;
  const tmp = scratch && scratch.length >= width * height ? scratch : new Float32Array(width * height);
  if (r > width - 1 || r > height - 1) {
    firRowsGeneric(src, tmp, width, height, k);
    firColumnsGeneric(tmp, out, width, height, k);
    return out;
  }
  firRows(src, tmp, width, height, k);
  firColumns(tmp, out, width, height, k);
  return out;
}

function firRows(src: Float32Array, dst: Float32Array, width: number, height: number, k: Float32Array): void {
  const r = k.length - 1;
  const pad = new Float32Array(width + 2 * r);
  const k0 = k[0]!;
  const k1 = k[1]!;
  const k2 = k[2] ?? 0;
  const k3 = k[3] ?? 0;
  const k4 = k[4] ?? 0;
  const k5 = k[5] ?? 0;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    pad.set(src.subarray(o, o + width), r);
    for (let j = 1; j <= r; j++) {
      pad[r - j] = src[o + mirror(-j, width)]!;
      pad[r + width - 1 + j] = src[o + mirror(width - 1 + j, width)]!;
    }
    if (r === 2) {
      for (let x = 0, c = 2; x < width; x++, c++)
        dst[o + x] = k0 * pad[c]! + k1 * (pad[c - 1]! + pad[c + 1]!) + k2 * (pad[c - 2]! + pad[c + 2]!);
    } else if (r === 3) {
      for (let x = 0, c = 3; x < width; x++, c++)
        dst[o + x] =
          k0 * pad[c]! +
          k1 * (pad[c - 1]! + pad[c + 1]!) +
          k2 * (pad[c - 2]! + pad[c + 2]!) +
          k3 * (pad[c - 3]! + pad[c + 3]!);
    } else if (r === 4) {
      for (let x = 0, c = 4; x < width; x++, c++)
        dst[o + x] =
          k0 * pad[c]! +
          k1 * (pad[c - 1]! + pad[c + 1]!) +
          k2 * (pad[c - 2]! + pad[c + 2]!) +
          k3 * (pad[c - 3]! + pad[c + 3]!) +
          k4 * (pad[c - 4]! + pad[c + 4]!);
    } else if (r === 5) {
      for (let x = 0, c = 5; x < width; x++, c++)
        dst[o + x] =
          k0 * pad[c]! +
          k1 * (pad[c - 1]! + pad[c + 1]!) +
          k2 * (pad[c - 2]! + pad[c + 2]!) +
          k3 * (pad[c - 3]! + pad[c + 3]!) +
          k4 * (pad[c - 4]! + pad[c + 4]!) +
          k5 * (pad[c - 5]! + pad[c + 5]!);
    } else {
      for (let x = 0; x < width; x++) {
        const c = x + r;
        let acc = k0 * pad[c]!;
        for (let j = 1; j <= r; j++) acc += k[j]! * (pad[c - j]! + pad[c + j]!);
        dst[o + x] = acc;
      }
    }
  }
}

function firColumns(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  k: Float32Array,
): void {
  const r = k.length - 1;
  if (r > 5) {
    firColumnsGeneric(src, dst, width, height, k);
    return;
  }
  const k0 = k[0]!;
  const k1 = k[1]!;
  const k2 = k[2] ?? 0;
  const k3 = k[3] ?? 0;
  const k4 = k[4] ?? 0;
  const k5 = k[5] ?? 0;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    // rows beyond the radius point at the centre row with a zero weight
    const a1 = mirror(y - 1, height) * width;
    const b1 = mirror(y + 1, height) * width;
    const a2 = r >= 2 ? mirror(y - 2, height) * width : o;
    const b2 = r >= 2 ? mirror(y + 2, height) * width : o;
    const a3 = r >= 3 ? mirror(y - 3, height) * width : o;
    const b3 = r >= 3 ? mirror(y + 3, height) * width : o;
    const a4 = r >= 4 ? mirror(y - 4, height) * width : o;
    const b4 = r >= 4 ? mirror(y + 4, height) * width : o;
    const a5 = r >= 5 ? mirror(y - 5, height) * width : o;
    const b5 = r >= 5 ? mirror(y + 5, height) * width : o;
    if (r <= 3) {
      for (let x = 0; x < width; x++)
        dst[o + x] =
          k0 * src[o + x]! +
          k1 * (src[a1 + x]! + src[b1 + x]!) +
          k2 * (src[a2 + x]! + src[b2 + x]!) +
          k3 * (src[a3 + x]! + src[b3 + x]!);
    } else {
      for (let x = 0; x < width; x++)
        dst[o + x] =
          k0 * src[o + x]! +
          k1 * (src[a1 + x]! + src[b1 + x]!) +
          k2 * (src[a2 + x]! + src[b2 + x]!) +
          k3 * (src[a3 + x]! + src[b3 + x]!) +
          k4 * (src[a4 + x]! + src[b4 + x]!) +
          k5 * (src[a5 + x]! + src[b5 + x]!);
    }
  }
}

function firRowsGeneric(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  k: Float32Array,
): void {
  const r = k.length - 1;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) {
      let acc = k[0]! * src[o + x]!;
      for (let j = 1; j <= r; j++)
        acc += k[j]! * (src[o + mirror(x - j, width)]! + src[o + mirror(x + j, width)]!);
      dst[o + x] = acc;
    }
  }
}

function firColumnsGeneric(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  k: Float32Array,
): void {
  const r = k.length - 1;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) dst[o + x] = k[0]! * src[o + x]!;
    for (let j = 1; j <= r; j++) {
      const ou = mirror(y - j, height) * width;
      const od = mirror(y + j, height) * width;
      const kj = k[j]!;
      for (let x = 0; x < width; x++) dst[o + x] = dst[o + x]! + kj * (src[ou + x]! + src[od + x]!);
    }
  }
}

/** Widths of three successive box filters whose combined variance is σ² (Kovesi 2010). */
function boxWidths(sigma: number): [number, number, number] {
  const n = 3;
  const wIdeal = Math.sqrt((12 * sigma * sigma) / n + 1);
  let wl = Math.floor(wIdeal);
  if (wl % 2 === 0) wl--;
  const wu = wl + 2;
  const mIdeal = (12 * sigma * sigma - n * wl * wl - 4 * n * wl - 3 * n) / (-4 * wl - 4);
  const m = Math.round(mIdeal);
  return [0, 1, 2].map((i) => (i < m ? wl : wu)) as [number, number, number];
}

function boxPassRows(src: Float32Array, dst: Float32Array, width: number, height: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    let acc = 0;
    for (let j = -r; j <= r; j++) acc += src[o + mirror(j, width)]!;
    for (let x = 0; x < width; x++) {
      dst[o + x] = acc * inv;
      acc += src[o + mirror(x + r + 1, width)]! - src[o + mirror(x - r, width)]!;
    }
  }
}

function boxPassColumns(
  src: Float32Array,
  dst: Float32Array,
  width: number,
  height: number,
  r: number,
): void {
  const inv = 1 / (2 * r + 1);
  const acc = new Float64Array(width);
  for (let j = -r; j <= r; j++) {
    const o = mirror(j, height) * width;
    for (let x = 0; x < width; x++) acc[x] = acc[x]! + src[o + x]!;
  }
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const add = mirror(y + r + 1, height) * width;
    const sub = mirror(y - r, height) * width;
    for (let x = 0; x < width; x++) {
      dst[o + x] = acc[x]! * inv;
      acc[x] = acc[x]! + src[add + x]! - src[sub + x]!;
    }
  }
}

/** Gaussian blur of any σ; FIR below 3 px, three box passes above. */
export function gaussianBlur(
  src: Float32Array,
  width: number,
  height: number,
  sigma: number,
  out: Float32Array = new Float32Array(width * height),
): Float32Array {
  if (sigma < 3) return firBlur(src, width, height, sigma, out);
  const widths = boxWidths(sigma);
  const a = new Float32Array(width * height);
  let cur: Float32Array = src;
  for (const w of widths) {
    const r = (w - 1) >> 1;
    boxPassRows(cur, a, width, height, r);
    boxPassColumns(a, out, width, height, r);
    cur = out;
  }
  return out;
}

/** Every second pixel of an already smoothed image (the smoothing is the anti-alias filter). */
export function decimate2(
  src: Float32Array,
  width: number,
  height: number,
): { data: Float32Array; width: number; height: number } {
  const w2 = Math.ceil(width / 2);
  const h2 = Math.ceil(height / 2);
  const out = new Float32Array(w2 * h2);
  for (let y = 0; y < h2; y++) {
    const so = 2 * y * width;
    const o = y * w2;
    for (let x = 0; x < w2; x++) out[o + x] = src[so + 2 * x]!;
  }
  return { data: out, width: w2, height: h2 };
}

/** Mean over n×n blocks (area resampling by an integer factor). */
export function blockMean(
  src: Float32Array,
  width: number,
  height: number,
  n: number,
): { data: Float32Array; width: number; height: number } {
  const w2 = Math.floor(width / n);
  const h2 = Math.floor(height / n);
  const out = new Float32Array(w2 * h2);
  const inv = 1 / (n * n);
  for (let y = 0; y < h2; y++) {
    for (let dy = 0; dy < n; dy++) {
      const so = (y * n + dy) * width;
      const o = y * w2;
      for (let x = 0; x < w2; x++) {
        let s = 0;
        const sx = so + x * n;
        for (let dx = 0; dx < n; dx++) s += src[sx + dx]!;
        out[o + x] = out[o + x]! + s;
      }
    }
    const o = y * w2;
    for (let x = 0; x < w2; x++) out[o + x] = out[o + x]! * inv;
  }
  return { data: out, width: w2, height: h2 };
}

/** Bilinear sample with clamping. */
export function sampleBilinear(
  data: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
): number {
  const xc = Math.min(Math.max(x, 0), width - 1);
  const yc = Math.min(Math.max(y, 0), height - 1);
  const x0 = Math.min(Math.floor(xc), width - 2 < 0 ? 0 : width - 2);
  const y0 = Math.min(Math.floor(yc), height - 2 < 0 ? 0 : height - 2);
  const fx = width > 1 ? xc - x0 : 0;
  const fy = height > 1 ? yc - y0 : 0;
  const i = y0 * width + x0;
  const x1 = width > 1 ? 1 : 0;
  const y1 = height > 1 ? width : 0;
  const a = data[i]!;
  const b = data[i + x1]!;
  const c = data[i + y1]!;
  const d = data[i + y1 + x1]!;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}
