/**
 * Does a fill zone read as the client's own hair next to it? In the healed render, the treated area
 * and the hair-bearing scalp round it (beyond the fill's feather), both as seen at conversation
 * distance (S-CIELAB at 1 m, as the camouflage score sees them: at that distance the two also blur
 * into each other, as they do for whoever looks), compared by CIEDE2000; the verdict in words with
 * the rules that made it, and what to change where SMP cannot match as planned.
 *
 * A fill is not scored against untreated skin round it (that would make a good fill score worse
 * than none): against the hair-bearing scalp next to it, which is what it is meant to continue.
 */
import { distanceTransform } from '../geometry/distance-transform.js';
import { rasterizePolygon } from '../geometry/polygon.js';
import type { RgbImage } from './analysis-input.js';
import { deltaE2000 } from './ciede2000.js';
import { viewedFrom } from './camouflage-score.js';
import type { Lab } from './color-space.js';

/** A rule behind a verdict or a recommendation: planner-style id, what it says, and its source. */
export interface FillMatchRule {
  id: string;
  text: string;
  source: string;
}

/**
 * The rules, as data. The thresholds are colour-science rules of thumb (algorithms.md §4.3: ΔE00
 * about 1 is a just-noticeable difference side by side, 2-3 noticeable at a glance), judged on the
 * S-CIELAB image at 1 m, where dots the eye cannot resolve have merged into a tone.
 */
export const FILL_MATCH_RULES = {
  blends: {
    id: 'match.fill.blends',
    text: 'At conversation distance the treated area reads as the hair next to it (ΔE00 under 2.5).',
    source: 'algorithms.md §4.3 (CIEDE2000 thresholds; S-CIELAB, Zhang & Wandell 1996)',
  },
  close: {
    id: 'match.fill.close',
    text: 'At conversation distance the treated area is close to the hair next to it; a careful look may tell them apart (ΔE00 2.5-5).',
    source: 'algorithms.md §4.3 (ΔE00 2-3 noticeable at a glance)',
  },
  cannot: {
    id: 'match.fill.cannot-match',
    text: 'As planned, SMP cannot match the hair next to it: the difference shows at conversation distance (ΔE00 over 5).',
    source: 'algorithms.md §4.3; Cheon et al. 2010 (ΔE*ab 4.4 ± 1.8 judged a perfect match)',
  },
  darkerShade: {
    id: 'match.fill.darker-shade',
    text: 'The dots read lighter than the hair: darken the shade towards the one matched to the stubble.',
    source: 'domain.md §1.6-1.7 (shade by dilution; build shade over sessions, darker in later ones)',
  },
  moreDensity: {
    id: 'match.fill.more-density',
    text: 'The hair next to it is denser than the fill: raise the fill towards that density.',
    source:
      'domain.md §1.4 (natural follicular-unit density 60-100 per cm²; Rassman: dots spaced like follicular units)',
  },
  clipSides: {
    id: 'match.fill.clip-sides',
    text: 'The hair next to it is longer than dots can show: keep it clipped to about 0.5 mm (a day or two after a shave), so that both read as a shaved head.',
    source:
      'domain.md §1.3 (dots mimic a shaved scalp, Rassman 2015), §6.3 (hair grows about 0.3 mm a day), §8 (shave or clip before sessions)',
  },
  lighterShade: {
    id: 'match.fill.lighter-shade',
    text: 'The dots read darker than the hair: lighten the shade or lower the density; pigment can be added later, never taken away.',
    source:
      'domain.md §1.7 (start lighter; you can add pigment but cannot take it away), §1.11 (too dark or dense: helmet look)',
  },
  bluer: {
    id: 'match.fill.bluer',
    text: 'The dots read bluer than the hair (pigment seen through skin): keep them small and no darker than the stubble.',
    source: 'domain.md §1.10 (blue-grey shift through skin; small, crisp dots)',
  },
  ringUnknown: {
    id: 'match.fill.ring-unknown',
    text: 'No hair-bearing scalp was found next to the zone, so there is no hair for the fill to match and it is not scored: a fill is meant to differ from the bare skin round it. Judge it on the render.',
    source: 'issue #10 (a fill compared with an untreated ring scores worse than no fill)',
  },
} as const satisfies Record<string, FillMatchRule>;

/** 'no-reference': no hair-bearing scalp next to the zone to compare with, so no verdict. */
export type FillVerdict = 'blends' | 'close' | 'cannot-match' | 'no-reference';

export interface FillMatch {
  zoneId: string;
  verdict: FillVerdict;
  /** CIEDE2000 between the treated area (healed render) and the hair next to it (photo), at 1 m. */
  deltaE00: number;
  /** The same before treatment (the photo), where the photo was given: what the fill improves on. */
  deltaE00Before: number | null;
  /** Lightness difference, treated minus hair: positive = the treated area reads lighter. */
  deltaL: number;
  treatedLab: Lab;
  hairLab: Lab;
  /** Whether the comparison ring is the hair-bearing scalp or, lacking one, the skin round the zone. */
  ring: 'hair-bearing' | 'surrounding';
  /** The client's follicles per cm² in that ring (null without them). */
  hairDensityPerCm2: number | null;
  /** The verdict's rule first, then each recommendation's. */
  rules: FillMatchRule[];
}

export interface FillMatchInput {
  zoneId: string;
  polygon: readonly (readonly [number, number])[];
  /** Its feather: the ring of hair it is compared with starts beyond it. */
  featherMm: number;
  /** The zone's healed shade and density, and the shade matched to the client's stubble. */
  shade: number;
  densityPerCm2: number;
  stubbleShade: number | null;
}

const BLENDS = 2.5;
const CLOSE = 5;
/** The ring of scalp next to the zone the fill is compared with: at least this far out, and beyond half its feather (mm). */
const RING_GAP_MM = 2;
const RING_MM = 8;

/**
 * Scores fill zones on the healed render; `hairBearing` says where the photo has hair (from the
 * client-hair adapter; null: not known).
 */
export function scoreFillZones(
  healed: RgbImage,
  zones: readonly FillMatchInput[],
  options: {
    pxPerMm: number;
    viewingDistanceMm?: number;
    hairBearing: ((x: number, y: number) => boolean) | null;
    /** The client's follicles (x, y interleaved), for the density of the hair next to the zone. */
    follicles?: Float32Array;
    /** The untreated photo, for the figure before treatment. */
    before?: RgbImage;
  },
): FillMatch[] {
  const seen = viewedFrom(healed, options.pxPerMm, options.viewingDistanceMm);
  const seenBefore = options.before
    ? viewedFrom(options.before, options.pxPerMm, options.viewingDistanceMm)
    : null;
  const { cols, rows, block } = seen;
  const cellMm = block / options.pxPerMm;
  return zones.map((zone) => {
    const inside = new Uint8Array(cols * rows);
    rasterizePolygon(inside, cols, rows, zone.polygon, 1 / block);
    const fromZone = distanceTransform(inside, cols, rows);
    const ring = new Uint8Array(cols * rows);
    const hairRing = new Uint8Array(cols * rows);
    let hairCells = 0;
    const gap = Math.max(RING_GAP_MM, zone.featherMm / 2 + 1);
    for (let r = 0, i = 0; r < rows; r++)
      for (let c = 0; c < cols; c++, i++) {
        const mm = fromZone[i]! * cellMm;
        if (inside[i] || mm <= gap || mm > gap + RING_MM) continue;
        ring[i] = 1;
        if (options.hairBearing?.((c + 0.5) * block, (r + 0.5) * block)) {
          hairRing[i] = 1;
          hairCells++;
        }
      }
    // A ring of at least a square centimetre of hair, or the skin round the zone.
    const enough = hairCells * cellMm * cellMm >= 100;
    let follicles = 0;
    const f = options.follicles;
    for (let k = 0; f && k + 1 < f.length; k += 2) {
      const c = Math.floor(f[k]! / block);
      const r = Math.floor(f[k + 1]! / block);
      if (c >= 0 && r >= 0 && c < cols && r < rows && hairRing[r * cols + c]) follicles++;
    }
    const hairDensity = enough && f ? (100 * follicles) / (hairCells * cellMm * cellMm) : null;
    // A zone that leaves no skin round it inside the photo (or is smaller than one cell seen from
    // 1 m) has nothing to be compared with: no verdict, and figures of a comparison with itself
    // rather than the mean of no cells (NaN, which a stored score cannot hold).
    if (!inside.includes(1) || !ring.includes(1)) {
      const lab = roundLab(
        seen.meanLab(inside.includes(1) ? inside : ring.includes(1) ? ring : inside.fill(1)),
      );
      return {
        zoneId: zone.zoneId,
        verdict: 'no-reference' as const,
        deltaE00: 0,
        deltaE00Before: null,
        deltaL: 0,
        treatedLab: lab,
        hairLab: lab,
        ring: 'surrounding' as const,
        hairDensityPerCm2: null,
        rules: [FILL_MATCH_RULES.ringUnknown],
      };
    }
    const treatedLab = seen.meanLab(inside);
    const hairLab = seen.meanLab(enough ? hairRing : ring);
    const deltaE00 = round(deltaE2000(treatedLab, hairLab));
    const deltaL = round(treatedLab[0] - hairLab[0]);
    const deltaE00Before = seenBefore
      ? round(deltaE2000(seenBefore.meanLab(inside), seenBefore.meanLab(enough ? hairRing : ring)))
      : null;
    const R = FILL_MATCH_RULES;
    // Without hair next to it, a fill has nothing to match: against bare skin it could only lose.
    const verdict: FillVerdict = !enough
      ? 'no-reference'
      : deltaE00 <= BLENDS
        ? 'blends'
        : deltaE00 <= CLOSE
          ? 'close'
          : 'cannot-match';
    const rules: FillMatchRule[] = [
      verdict === 'no-reference'
        ? R.ringUnknown
        : verdict === 'blends'
          ? R.blends
          : verdict === 'close'
            ? R.close
            : R.cannot,
    ];
    if (verdict !== 'blends' && verdict !== 'no-reference') {
      if (deltaL > 2) {
        if (zone.stubbleShade !== null && zone.shade - zone.stubbleShade >= 4) rules.push(R.darkerShade);
        if (hairDensity !== null && hairDensity > 1.15 * zone.densityPerCm2) rules.push(R.moreDensity);
        if (rules.length === 1) rules.push(R.clipSides);
      } else if (deltaL < -2) rules.push(R.lighterShade);
      // Blue-grey: b* lower than the hair's by more than the lightness explains.
      if (treatedLab[2] - hairLab[2] < -3) rules.push(R.bluer);
    }
    return {
      zoneId: zone.zoneId,
      verdict,
      deltaE00,
      deltaE00Before,
      deltaL,
      treatedLab: roundLab(treatedLab),
      hairLab: roundLab(hairLab),
      ring: enough ? 'hair-bearing' : 'surrounding',
      hairDensityPerCm2: hairDensity === null ? null : round(hairDensity),
      rules,
    };
  });
}

const round = (v: number) => Math.round(v * 100) / 100;
const roundLab = (lab: Lab): Lab => [round(lab[0]), round(lab[1]), round(lab[2])];
