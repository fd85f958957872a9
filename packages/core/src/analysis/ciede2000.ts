/**
 * CIEDE2000 colour difference (CIE 142-2001), written from Sharma, Wu & Dalal 2005,
 * "The CIEDE2000 colour-difference formula: implementation notes, supplementary test data and
 * mathematical observations", Col Res Appl 30:21-30 (kL = kC = kH = 1). The mean hue follows their
 * note (eq. 14): when the hues are more than 180° apart, add 360° before halving if the sum is
 * below 360°, else subtract it; a zero chroma contributes no hue.
 */

const DEG = Math.PI / 180;
const POW25_7 = 6103515625; // 25^7

/** Squared CIEDE2000 difference; the shared kernel of the scalar and the array forms. */
function deltaE2000Squared(L1: number, a1: number, b1: number, L2: number, a2: number, b2: number): number {
  const C1ab = Math.sqrt(a1 * a1 + b1 * b1);
  const C2ab = Math.sqrt(a2 * a2 + b2 * b2);
  const Cbar = 0.5 * (C1ab + C2ab);
  const Cbar7 = Cbar ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + POW25_7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.sqrt(a1p * a1p + b1 * b1);
  const C2p = Math.sqrt(a2p * a2p + b2 * b2);
  let h1p = C1p === 0 ? 0 : Math.atan2(b1, a1p) / DEG;
  if (h1p < 0) h1p += 360;
  let h2p = C2p === 0 ? 0 : Math.atan2(b2, a2p) / DEG;
  if (h2p < 0) h2p += 360;

  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  const chromaZero = C1p * C2p === 0;
  let dhp = 0;
  if (!chromaZero) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp * DEG) / 2);

  const Lbarp = 0.5 * (L1 + L2);
  const Cbarp = 0.5 * (C1p + C2p);
  let hbarp = h1p + h2p;
  if (!chromaZero) {
    if (Math.abs(h1p - h2p) > 180) hbarp += hbarp < 360 ? 360 : -360;
    hbarp *= 0.5;
  }
  const T =
    1 -
    0.17 * Math.cos((hbarp - 30) * DEG) +
    0.24 * Math.cos(2 * hbarp * DEG) +
    0.32 * Math.cos((3 * hbarp + 6) * DEG) -
    0.2 * Math.cos((4 * hbarp - 63) * DEG);
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const Cbarp7 = Cbarp ** 7;
  const RC = 2 * Math.sqrt(Cbarp7 / (Cbarp7 + POW25_7));
  const L50 = (Lbarp - 50) ** 2;
  const SL = 1 + (0.015 * L50) / Math.sqrt(20 + L50);
  const SC = 1 + 0.045 * Cbarp;
  const SH = 1 + 0.015 * Cbarp * T;
  const RT = -Math.sin(2 * dTheta * DEG) * RC;
  const tL = dLp / SL;
  const tC = dCp / SC;
  const tH = dHp / SH;
  return tL * tL + tC * tC + tH * tH + RT * tC * tH;
}

export function deltaE2000(
  lab1: readonly [number, number, number],
  lab2: readonly [number, number, number],
): number {
  return Math.sqrt(deltaE2000Squared(lab1[0], lab1[1], lab1[2], lab2[0], lab2[1], lab2[2]));
}

export interface LabPlanes {
  L: ArrayLike<number>;
  a: ArrayLike<number>;
  b: ArrayLike<number>;
}

/** ΔE00 element by element between two equally long sets of colours, written into `out`. */
export function deltaE2000Planes(
  first: LabPlanes,
  second: LabPlanes,
  out: Float32Array | Float64Array,
): Float32Array | Float64Array {
  const n = out.length;
  if (first.L.length < n || second.L.length < n)
    throw new RangeError('deltaE2000Planes: planes shorter than out');
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(
      deltaE2000Squared(first.L[i]!, first.a[i]!, first.b[i]!, second.L[i]!, second.a[i]!, second.b[i]!),
    );
  }
  return out;
}

/** ΔE00 of every colour in `planes` against one reference colour (a map against a ring mean). */
export function deltaE2000ToReference(
  planes: LabPlanes,
  reference: readonly [number, number, number],
  out: Float32Array | Float64Array,
): Float32Array | Float64Array {
  const n = out.length;
  const [L2, a2, b2] = reference;
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(deltaE2000Squared(planes.L[i]!, planes.a[i]!, planes.b[i]!, L2, a2, b2));
  }
  return out;
}
