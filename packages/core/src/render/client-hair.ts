/**
 * The client's own hair, as the preview uses it: where follicles already are (dots go only where
 * hair is missing, and existing follicles count towards a zone's target), and the tone of the
 * stubble (the shade the dots start from). This is the one place that reads a photo analysis for
 * the blend: when the analysis gains a hair-bearing mask and a hair tone at conversation distance,
 * `clientHairFromAnalysis` changes, not the engine. Which follicles count where the zones lie is
 * counted-hair.ts: the same rule for the live preview, the server's render and the CLI.
 */
import { labToXyz, linearRgbToLab, xyzToLinearRgb, type Lab } from '../analysis/color-space.js';
import { ABSORBANCE, HEALED_DARKNESS, PEAK_DENSITY, shadeForDarkness } from './render-stage.js';

export interface ClientHair {
  /** Follicle positions, photo pixels, interleaved x, y. */
  follicles: Float32Array;
  /** Mean colour of the stubble and of the skin between follicles, CIELAB; null where not measured. */
  stubbleLab: Lab | null;
  skinLab: Lab | null;
}

/** What the adapter reads of a photo analysis (the `stipple analyze` output or the stored one). */
export interface HairAnalysis {
  follicles?: readonly { x: number; y: number }[];
  stubbleLab?: Lab | null;
  skinLab?: Lab | null;
}

/**
 * The client's hair from a photo analysis made on the same photo, scaled by `scale` (preview
 * pixels per photo pixel). Follicles are only listed where the photo resolves them, so the blend
 * leaves unresolved skin as if bare (the summary says how much of each zone that is).
 */
export function clientHairFromAnalysis(analysis: HairAnalysis, scale = 1): ClientHair {
  const list = analysis.follicles ?? [];
  const follicles = new Float32Array(list.length * 2);
  list.forEach((f, i) => {
    follicles[2 * i] = f.x * scale;
    follicles[2 * i + 1] = f.y * scale;
  });
  return { follicles, stubbleLab: analysis.stubbleLab ?? null, skinLab: analysis.skinLab ?? null };
}

/** The shade whose healed dot matches the client's stubble, or why there is none. */
export type StubbleShade =
  | { shade: number; stubbleL: number; skinL: number }
  | {
      shade: null;
      reason: 'not-measured' | 'stubble-not-darker';
      stubbleL: number | null;
      skinL: number | null;
    };

/** Stubble at least this much darker than skin (L*) before a shade is matched to it. */
const MIN_CONTRAST_L = 2;

/**
 * The shade on the numbered scale whose healed dot, at its centre over this skin, has the
 * lightness of the stubble: the same pigment-through-skin model the renderer uses, solved for the
 * optical density. Pale or grey stubble lighter than the skin has no match: dots can only darken.
 */
export function shadeForStubble(stubbleLab: Lab | null, skinLab: Lab | null): StubbleShade {
  if (!stubbleLab || !skinLab)
    return {
      shade: null,
      reason: 'not-measured',
      stubbleL: stubbleLab?.[0] ?? null,
      skinL: skinLab?.[0] ?? null,
    };
  const stubbleL = stubbleLab[0];
  const skinL = skinLab[0];
  if (skinL - stubbleL < MIN_CONTRAST_L)
    return { shade: null, reason: 'stubble-not-darker', stubbleL, skinL };
  const skin = xyzToLinearRgb(...labToXyz(...skinLab));
  const lightnessAt = (od: number) =>
    linearRgbToLab(
      Math.max(0, skin[0]) * Math.exp(-ABSORBANCE.r * od),
      Math.max(0, skin[1]) * Math.exp(-ABSORBANCE.g * od),
      Math.max(0, skin[2]) * Math.exp(-ABSORBANCE.b * od),
    )[0];
  // Lightness falls monotonically with optical density: bisect.
  let lo = 0;
  let hi = 8;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (lightnessAt(mid) > stubbleL) lo = mid;
    else hi = mid;
  }
  const darkness = (lo + hi) / 2 / (PEAK_DENSITY * HEALED_DARKNESS);
  return { shade: shadeForDarkness(darkness), stubbleL, skinL };
}

/** Follicles per cm² from which a patch of scalp counts as hair-bearing. */
export const HAIR_BEARING_PER_CM2 = 20;

/**
 * Where the photo has hair: cells of 2 mm whose follicle count, smoothed over their neighbours,
 * reaches HAIR_BEARING_PER_CM2. (When the analysis gives a hair-bearing mask, this reads the mask.)
 */
export function hairBearingFrom(
  hair: ClientHair,
  image: { width: number; height: number },
  pxPerMm: number,
): (x: number, y: number) => boolean {
  const cell = 2 * pxPerMm;
  const cols = Math.max(1, Math.ceil(image.width / cell));
  const rows = Math.max(1, Math.ceil(image.height / cell));
  const counts = new Float32Array(cols * rows);
  for (let k = 0; k + 1 < hair.follicles.length; k += 2) {
    const c = Math.floor(hair.follicles[k]! / cell);
    const r = Math.floor(hair.follicles[k + 1]! / cell);
    if (c >= 0 && r >= 0 && c < cols && r < rows) counts[r * cols + c] = counts[r * cols + c]! + 1;
  }
  // 3 × 3 cells (6 × 6 mm = 0.36 cm²): a count of a few follicles, not one.
  const bearing = new Uint8Array(cols * rows);
  const need = HAIR_BEARING_PER_CM2 * 0.36;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let n = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = Math.min(rows - 1, Math.max(0, r + dr));
          const cc = Math.min(cols - 1, Math.max(0, c + dc));
          n += counts[rr * cols + cc]!;
        }
      bearing[r * cols + c] = n >= need ? 1 : 0;
    }
  return (x, y) => {
    const c = Math.floor(x / cell);
    const r = Math.floor(y / cell);
    return c >= 0 && r >= 0 && c < cols && r < rows && bearing[r * cols + c] === 1;
  };
}

/** Follicles per cm² of the client's hair within `radiusPx` of a point (the hair next to a zone). */
export function hairDensityNear(
  hair: ClientHair,
  x: number,
  y: number,
  radiusPx: number,
  pxPerMm: number,
): number {
  let n = 0;
  for (let k = 0; k + 1 < hair.follicles.length; k += 2)
    if ((hair.follicles[k]! - x) ** 2 + (hair.follicles[k + 1]! - y) ** 2 <= radiusPx * radiusPx) n++;
  return (n * 100 * pxPerMm * pxPerMm) / (Math.PI * radiusPx * radiusPx);
}
