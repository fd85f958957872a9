/**
 * Gaussian mixture models with full covariance over small feature vectors (colour and texture),
 * fitted as GrabCut does (Rother et al. 2004): k-means++ seeding, then a few rounds of assigning
 * each sample to its most likely component and re-estimating. Deterministic: the seeding draws
 * from a fixed-seed generator, so the same photo always gives the same map.
 */

export interface Gmm {
  dims: number;
  components: GmmComponent[];
}

interface GmmComponent {
  weight: number;
  mean: Float64Array;
  /** Lower-triangular Cholesky factor of the covariance, row-major d × d. */
  chol: Float64Array;
  /** log(weight) - ½ log det Σ - d/2 log 2π. */
  logNorm: number;
}

/** Variance added to every diagonal entry: a component never collapses onto one colour. */
const REGULARISE = 4;

/**
 * `data` holds samples of `dims` values each; `pick` selects which samples to use (all when
 * omitted). At most `maxSamples` are used, taken at an even stride.
 */
export function fitGmm(
  data: Float32Array,
  dims: number,
  k: number,
  pick?: (i: number) => boolean,
  maxSamples = 6000,
  rounds = 4,
  regularise = REGULARISE,
): Gmm | null {
  const total = data.length / dims;
  const idx: number[] = [];
  for (let i = 0; i < total; i++) if (!pick || pick(i)) idx.push(i);
  if (idx.length < dims + 2) return null;
  const stride = Math.max(1, Math.floor(idx.length / maxSamples));
  const samples: number[] = [];
  for (let j = 0; j < idx.length; j += stride) samples.push(idx[j]!);
  const m = samples.length;
  const kk = Math.max(1, Math.min(k, Math.floor(m / (dims + 2))));
  const x = new Float32Array(m * dims);
  samples.forEach((s, j) => {
    for (let d = 0; d < dims; d++) x[j * dims + d] = data[s * dims + d]!;
  });

  // k-means++ seeding with a fixed-seed generator.
  let seed = 0x9e3779b9 ^ m;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const centres: Float32Array[] = [x.slice(0, dims)];
  const d2 = new Float64Array(m).fill(Infinity);
  while (centres.length < kk) {
    const c = centres[centres.length - 1]!;
    let sum = 0;
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (x[j * dims + d]! - c[d]!) ** 2;
      if (s < d2[j]!) d2[j] = s;
      sum += d2[j]!;
    }
    if (sum <= 0) break;
    let r = rand() * sum;
    let pickJ = m - 1;
    for (let j = 0; j < m; j++) {
      r -= d2[j]!;
      if (r <= 0) {
        pickJ = j;
        break;
      }
    }
    centres.push(x.slice(pickJ * dims, pickJ * dims + dims));
  }
  const label = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    let best = 0;
    let bestD = Infinity;
    centres.forEach((c, ci) => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (x[j * dims + d]! - c[d]!) ** 2;
      if (s < bestD) {
        bestD = s;
        best = ci;
      }
    });
    label[j] = best;
  }
  let gmm = estimate(x, dims, label, centres.length, regularise);
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < m; j++) label[j] = mostLikely(gmm, x, j * dims);
    gmm = estimate(x, dims, label, gmm.components.length, regularise);
  }
  return gmm;
}

function estimate(x: Float32Array, dims: number, label: Int32Array, k: number, regularise: number): Gmm {
  const m = label.length;
  const components: GmmComponent[] = [];
  for (let c = 0; c < k; c++) {
    const mean = new Float64Array(dims);
    const cov = new Float64Array(dims * dims);
    let n = 0;
    for (let j = 0; j < m; j++) {
      if (label[j] !== c) continue;
      n++;
      for (let d = 0; d < dims; d++) mean[d] = mean[d]! + x[j * dims + d]!;
    }
    if (n < 2) continue;
    for (let d = 0; d < dims; d++) mean[d] = mean[d]! / n;
    for (let j = 0; j < m; j++) {
      if (label[j] !== c) continue;
      for (let a = 0; a < dims; a++) {
        const da = x[j * dims + a]! - mean[a]!;
        for (let b = 0; b <= a; b++)
          cov[a * dims + b] = cov[a * dims + b]! + da * (x[j * dims + b]! - mean[b]!);
      }
    }
    for (let a = 0; a < dims; a++) {
      for (let b = 0; b <= a; b++) cov[a * dims + b] = cov[a * dims + b]! / n;
      cov[a * dims + a] = cov[a * dims + a]! + regularise;
    }
    const chol = cholesky(cov, dims);
    let logDet = 0;
    for (let d = 0; d < dims; d++) logDet += 2 * Math.log(chol[d * dims + d]!);
    components.push({ weight: n / m, mean, chol, logNorm: 0 });
    components[components.length - 1]!.logNorm =
      Math.log(n / m) - 0.5 * logDet - 0.5 * dims * Math.log(2 * Math.PI);
  }
  return { dims, components };
}

function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-9)) : s / l[j * d + j]!;
    }
  return l;
}

/** log w_c + log N(x; μ_c, Σ_c) for one component. */
function componentLogPdf(c: GmmComponent, dims: number, x: Float32Array, off: number): number {
  // Solve L z = (x - μ) by forward substitution; the Mahalanobis distance is |z|².
  let q = 0;
  const z = SCRATCH;
  for (let i = 0; i < dims; i++) {
    let s = x[off + i]! - c.mean[i]!;
    for (let k = 0; k < i; k++) s -= c.chol[i * dims + k]! * z[k]!;
    z[i] = s / c.chol[i * dims + i]!;
    q += z[i]! * z[i]!;
  }
  return c.logNorm - 0.5 * q;
}
const SCRATCH = new Float64Array(16);

function mostLikely(g: Gmm, x: Float32Array, off: number): number {
  let best = 0;
  let bestL = -Infinity;
  g.components.forEach((c, ci) => {
    const l = componentLogPdf(c, g.dims, x, off);
    if (l > bestL) {
      bestL = l;
      best = ci;
    }
  });
  return best;
}

/** log p(x) under the mixture, for the sample at `off` in `x`. */
export function gmmLogLikelihood(g: Gmm, x: Float32Array, off: number): number {
  let max = -Infinity;
  const ls = LOGS;
  const k = g.components.length;
  for (let c = 0; c < k; c++) {
    ls[c] = componentLogPdf(g.components[c]!, g.dims, x, off);
    if (ls[c]! > max) max = ls[c]!;
  }
  if (max === -Infinity) return -1e9;
  let s = 0;
  for (let c = 0; c < k; c++) s += Math.exp(ls[c]! - max);
  return max + Math.log(s);
}
const LOGS = new Float64Array(64);

/** The component means (for telling which component is skin-coloured, say). */
export function gmmMeans(g: Gmm): { weight: number; mean: number[] }[] {
  return g.components.map((c) => ({ weight: c.weight, mean: Array.from(c.mean) }));
}
