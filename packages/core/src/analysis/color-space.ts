/**
 * sRGB (8-bit, D65) ↔ linear light ↔ CIE XYZ ↔ CIELAB. Averages of colour are taken in linear
 * light (that is what the eye and a camera sensor integrate); CIELAB is only for reporting and
 * colour differences.
 */

export type Lab = [number, number, number];

function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/** Linear-light value of each 8-bit sRGB code. */
export const SRGB8_TO_LINEAR: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255);
  return t;
})();

export function linearToSrgb8(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(Math.max(v, 0), 1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
}

// sRGB primaries, D65 white (IEC 61966-2-1).
const M_RGB_TO_XYZ = [
  0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041,
] as const;
const M_XYZ_TO_RGB = [
  3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252,
] as const;
const WHITE_D65 = [0.95047, 1.0, 1.08883] as const;

export function linearRgbToXyz(r: number, g: number, b: number): [number, number, number] {
  const m = M_RGB_TO_XYZ;
  return [m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b];
}

export function xyzToLinearRgb(x: number, y: number, z: number): [number, number, number] {
  const m = M_XYZ_TO_RGB;
  return [m[0] * x + m[1] * y + m[2] * z, m[3] * x + m[4] * y + m[5] * z, m[6] * x + m[7] * y + m[8] * z];
}

const EPS = 216 / 24389;
const KAPPA = 24389 / 27;
function labF(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}
function labFInv(f: number): number {
  const f3 = f * f * f;
  return f3 > EPS ? f3 : (116 * f - 16) / KAPPA;
}

export function xyzToLab(x: number, y: number, z: number): Lab {
  const fx = labF(x / WHITE_D65[0]);
  const fy = labF(y / WHITE_D65[1]);
  const fz = labF(z / WHITE_D65[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function labToXyz(L: number, a: number, b: number): [number, number, number] {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  return [labFInv(fx) * WHITE_D65[0], labFInv(fy) * WHITE_D65[1], labFInv(fz) * WHITE_D65[2]];
}

export function linearRgbToLab(r: number, g: number, b: number): Lab {
  const [x, y, z] = linearRgbToXyz(r, g, b);
  return xyzToLab(x, y, z);
}

export function srgb8ToLab(r: number, g: number, b: number): Lab {
  return linearRgbToLab(SRGB8_TO_LINEAR[r] ?? 0, SRGB8_TO_LINEAR[g] ?? 0, SRGB8_TO_LINEAR[b] ?? 0);
}

export function labToSrgb8(L: number, a: number, b: number): [number, number, number] {
  const [x, y, z] = labToXyz(L, a, b);
  const [r, g, bl] = xyzToLinearRgb(x, y, z);
  return [linearToSrgb8(r), linearToSrgb8(g), linearToSrgb8(bl)];
}

/** CIE 1976 ΔE*ab, the metric of the clinical scar-colour studies (Cheon et al. 2010). */
export function deltaE76(p: Lab, q: Lab): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
