import { UsageError } from './usage-error.js';

/** The value of a numeric option that must be above zero, e.g. `--px-per-mm`. */
export function positiveOption(text: string, option: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${option} ${text}: must be a positive number`);
  return v;
}
