// One rule for a photo's scale, wherever it is given: the photo's calibration (its API and the
// photos tab) and a zones file (the editor, the CLI). The photo allowed 10 000 px/mm and a zones
// file 1000, and a ruler could make any scale at all (two points 20 000 px apart over 1 mm, or a
// zones ruler whose two ends are the same point: 0 px/mm, which every later division turns into
// infinity), so a photo could be calibrated to a scale its own zones file then refused.
import { z } from 'zod';

/**
 * The most image pixels to a millimetre: a phone's macro lens gives about 100 on a scalp; a
 * thousand is already a microscope.
 */
export const MAX_PX_PER_MM = 1000;

/** A scale given directly. */
export const PxPerMm = z.number().positive({ message: 'moreThan' }).max(MAX_PX_PER_MM);

/**
 * The issues, if any, with a ruler: its two points at least a pixel apart (on `paths.points`), and
 * the scale they make (the distance between them over the millimetres between them) within the
 * rule, reported on the millimetres (`paths.mm`), the figure a person checks first.
 */
export function checkRuler(
  distancePx: number,
  mm: number,
  ctx: z.RefinementCtx,
  paths: { points: (string | number)[]; mm: (string | number)[] },
): void {
  if (!(distancePx >= 1)) {
    ctx.addIssue({ code: 'custom', path: paths.points, message: 'rulerPointsApart' });
    return;
  }
  const scale = distancePx / mm;
  if (scale <= MAX_PX_PER_MM) return;
  ctx.addIssue({
    code: 'custom',
    path: paths.mm,
    message: 'rulerScale',
    params: { scale: Number(scale.toPrecision(3)), max: MAX_PX_PER_MM },
  });
}
