/**
 * What baseline JPEG does to pixels, without the entropy coding: JFIF YCbCr, 4:2:0 chroma
 * subsampling, 8×8 DCT, quantisation with the IJG tables scaled to a quality, and back. Used by
 * the synthetic scalps so tests need no encoder; blocking and ringing come out as in a real file.
 */

// ITU-T T.81 Annex K tables.
const LUMA_Q = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_Q = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
  99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

function scaledTable(base: number[], quality: number): Float64Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  return Float64Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

const COS = (() => {
  const t = new Float64Array(64);
  for (let x = 0; x < 8; x++)
    for (let u = 0; u < 8; u++)
      t[x * 8 + u] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return t;
})();

/** Quantises one plane in place (values 0-255, level-shifted inside). */
function quantisePlane(plane: Float64Array, width: number, height: number, table: Float64Array): void {
  const block = new Float64Array(64);
  const tmp = new Float64Array(64);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          const sx = Math.min(bx + x, width - 1);
          const sy = Math.min(by + y, height - 1);
          block[y * 8 + x] = plane[sy * width + sx]! - 128;
        }
      // forward DCT: rows then columns
      for (let y = 0; y < 8; y++)
        for (let u = 0; u < 8; u++) {
          let s = 0;
          for (let x = 0; x < 8; x++) s += block[y * 8 + x]! * COS[x * 8 + u]!;
          tmp[y * 8 + u] = s;
        }
      for (let u = 0; u < 8; u++)
        for (let v = 0; v < 8; v++) {
          let s = 0;
          for (let y = 0; y < 8; y++) s += tmp[y * 8 + u]! * COS[y * 8 + v]!;
          const q = table[v * 8 + u]!;
          block[v * 8 + u] = Math.round(s / q) * q;
        }
      // inverse DCT
      for (let v = 0; v < 8; v++)
        for (let x = 0; x < 8; x++) {
          let s = 0;
          for (let u = 0; u < 8; u++) s += block[v * 8 + u]! * COS[x * 8 + u]!;
          tmp[v * 8 + x] = s;
        }
      for (let y = 0; y < 8; y++)
        for (let x = 0; x < 8; x++) {
          let s = 0;
          for (let v = 0; v < 8; v++) s += tmp[v * 8 + x]! * COS[y * 8 + v]!;
          const px = bx + x;
          const py = by + y;
          if (px < width && py < height) plane[py * width + px] = s + 128;
        }
    }
  }
}

/** Applies JPEG-like loss at `quality` (1-100) to interleaved RGB bytes, in place. */
export function emulateJpeg(rgb: Uint8ClampedArray, width: number, height: number, quality: number): void {
  const n = width * height;
  const Y = new Float64Array(n);
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const Cb = new Float64Array(cw * ch);
  const Cr = new Float64Array(cw * ch);
  const count = new Float64Array(cw * ch);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = rgb[3 * i]!;
      const g = rgb[3 * i + 1]!;
      const b = rgb[3 * i + 2]!;
      Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
      const c = (y >> 1) * cw + (x >> 1);
      Cb[c] = Cb[c]! + (-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
      Cr[c] = Cr[c]! + (0.5 * r - 0.418688 * g - 0.081312 * b + 128);
      count[c] = count[c]! + 1;
    }
  for (let c = 0; c < cw * ch; c++) {
    Cb[c] = Cb[c]! / count[c]!;
    Cr[c] = Cr[c]! / count[c]!;
  }
  quantisePlane(Y, width, height, scaledTable(LUMA_Q, quality));
  const chromaTable = scaledTable(CHROMA_Q, quality);
  quantisePlane(Cb, cw, ch, chromaTable);
  quantisePlane(Cr, cw, ch, chromaTable);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const c = (y >> 1) * cw + (x >> 1);
      const yy = Y[i]!;
      const cb = Cb[c]! - 128;
      const cr = Cr[c]! - 128;
      rgb[3 * i] = yy + 1.402 * cr;
      rgb[3 * i + 1] = yy - 0.344136 * cb - 0.714136 * cr;
      rgb[3 * i + 2] = yy + 1.772 * cb;
    }
}
