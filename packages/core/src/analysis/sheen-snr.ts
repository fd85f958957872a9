/**
 * What a sheen costs an opening's SNR, measured on the photo itself.
 *
 * A sheen adds white light: an opening keeps only the diffuse share d of its contrast. Whether its
 * SNR falls with it depends on what sets the tile's noise floor. Skin texture is diluted like the
 * opening, so where texture sets the floor the SNR is what it was; sensor and JPEG noise are not
 * diluted (brighter light even lowers their relative size only a little), so where they set the
 * floor the SNR falls nearly by d and a fixed SNR bar loses the openings under the sheen.
 *
 * The photo says which: across its tiles the floor follows d^β (β = 1: all texture, 0: all noise),
 * fitted by least squares of log floor on log d. An opening's SNR then follows d^(1-β), and the
 * SNR bar per tile is lowered by that factor. Tiles in glare (their own bar) and tiles without a
 * floor take no part; a photo whose sheen is too slight to fit, or whose low d is not a sheen (see
 * MIN_SHEEN_BETA), keeps the bar as it is.
 */
import { tileRect, type TileGrid } from './tile-grid.js';

/** Spread of log d across tiles below which no slope is fitted (about 0.7 against 1). */
const MIN_LOG_D_SPREAD = 0.15;
/**
 * A sheen brightens, and no noise grows relative to the light with it: texture follows d (β = 1),
 * photon noise √d (0.5), noise added after the tone curve d^0.42 (the sRGB exponent's inverse).
 * A floor that falls less where d is low says that d is not a sheen there but the skin's own paler
 * or greyer colour (a pale crown beside tanned sides, grey hair lying on the skin): no change.
 */
const MIN_SHEEN_BETA = 0.3;
/** Fewest tiles a fit takes. */
const MIN_FIT_TILES = 12;

export interface SheenSnr {
  /** Factor (0-1] on the SNR bar per tile. */
  scale: Float32Array;
  /** The fitted exponent of the floor on d (1 when not fitted). */
  beta: number;
}

export function sheenSnrScale(
  grid: TileGrid,
  floor: Float32Array,
  /** Diffuse share (0-1) and glare at a working position (glare-map.ts), read at each tile's centre. */
  diffuseAt: (x: number, y: number) => number,
  inGlare: (x: number, y: number) => boolean,
  /** The lowest factor allowed (the glare bar over the plain one). */
  minScale: number,
): SheenSnr {
  const n = grid.cols * grid.rows;
  const d = new Float32Array(n);
  const use = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const { x, y, w, h } = tileRect(grid, k);
    const cx = x + w / 2;
    const cy = y + h / 2;
    d[k] = diffuseAt(cx, cy);
    use[k] = floor[k]! > 0 && !inGlare(cx, cy) ? 1 : 0;
  }
  const beta = fitBeta(floor, d, use);
  const scale = new Float32Array(n).fill(1);
  if (beta < 1) for (let k = 0; k < n; k++) scale[k] = Math.max(minScale, Math.min(1, d[k]! ** (1 - beta)));
  return { scale, beta };
}

function fitBeta(floor: Float32Array, d: Float32Array, use: Uint8Array): number {
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < floor.length; k++) {
    if (!use[k]) continue;
    m++;
    sx += Math.log(d[k]!);
    sy += Math.log(floor[k]!);
  }
  if (m < MIN_FIT_TILES) return 1;
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < floor.length; k++) {
    if (!use[k]) continue;
    const u = Math.log(d[k]!) - mx;
    sxx += u * u;
    sxy += u * (Math.log(floor[k]!) - my);
  }
  if (Math.sqrt(sxx / m) < MIN_LOG_D_SPREAD) return 1;
  const beta = sxy / sxx;
  return beta < MIN_SHEEN_BETA ? 1 : Math.min(1, beta);
}
