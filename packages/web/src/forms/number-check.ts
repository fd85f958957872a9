/**
 * Whether a number typed into a field that has no form schema of its own (the zone editor's values,
 * the typed scale) is acceptable, and if not why, as a code of the shared message catalogue
 * (`field.*`): nothing typed is clamped or rounded behind the user's back, it is refused with the
 * reason beside the field.
 */
export interface NumberRange {
  min?: number;
  max?: number;
  /** The smallest value is excluded (a scale of 0 px/mm means nothing). */
  minExclusive?: boolean;
}

export interface NumberProblem {
  code: 'notANumber' | 'atLeast' | 'moreThan' | 'atMost';
  params?: { min?: number; max?: number };
}

/** Null when acceptable (empty counts as acceptable: the default applies). */
export function numberProblem(value: number | string | undefined, range: NumberRange): NumberProblem | null {
  if (value === undefined) return null;
  if (typeof value === 'string' || !Number.isFinite(value)) return { code: 'notANumber' };
  const { min, max, minExclusive } = range;
  if (min !== undefined && (minExclusive ? value <= min : value < min))
    return { code: minExclusive ? 'moreThan' : 'atLeast', params: { min } };
  if (max !== undefined && value > max) return { code: 'atMost', params: { max } };
  return null;
}
