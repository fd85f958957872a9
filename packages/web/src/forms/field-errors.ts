// A form's field errors, each gone as soon as the person changes what it is about: a message left
// under a field already put right ("Required" under a treatment just chosen) reads as a new error.
import { useCallback, useState } from 'react';
import type { FieldErrors } from './schema-form.js';

/**
 * The errors without those of the fields named or starting with a prefix (`steps.2.`); the same
 * object when none go.
 */
export function withoutErrors(errors: FieldErrors, prefixes: readonly string[]): FieldErrors {
  const gone = (key: string) => prefixes.some((p) => key.startsWith(p));
  return Object.keys(errors).some(gone)
    ? Object.fromEntries(Object.entries(errors).filter(([key]) => !gone(key)))
    : errors;
}

/** Field errors with `clearErrors(...prefixes)` for the fields a change puts right. */
export function useFieldErrors(initial: FieldErrors = {}) {
  const [errors, setErrors] = useState<FieldErrors>(initial);
  const clearErrors = useCallback(
    (...prefixes: string[]) => setErrors((e) => withoutErrors(e, prefixes)),
    [],
  );
  return { errors, setErrors, clearErrors };
}

/** The value at a field path (`scars.0.lengthMm`) of a form's values. */
function valueAt(values: unknown, path: string): unknown {
  let v = values;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * The errors of the fields whose values an edit left as they were: for a form whose edits are
 * changes to one object of values, where the edit does not name its fields.
 */
export function errorsAfterEdit(errors: FieldErrors, before: unknown, after: unknown): FieldErrors {
  const kept = Object.entries(errors).filter(
    ([path]) => JSON.stringify(valueAt(before, path)) === JSON.stringify(valueAt(after, path)),
  );
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}

/**
 * The fields changed since the last try to save, for a form whose errors come from more than one
 * place (its own checks and the server's answer): an error is shown only for a field left as it
 * was. `saving()` starts again at each try.
 */
export function useChangedSinceSave() {
  const [changed, setChanged] = useState<ReadonlySet<string>>(() => new Set());
  const markChanged = useCallback(
    (...names: string[]) => setChanged((c) => (names.every((n) => c.has(n)) ? c : new Set([...c, ...names]))),
    [],
  );
  const saving = useCallback(() => setChanged((c) => (c.size ? new Set() : c)), []);
  const shown = useCallback(
    (name: string, error: string | undefined) => (changed.has(name) ? undefined : error),
    [changed],
  );
  /** The errors of a form keyed by field, less those of the fields changed. */
  const shownAll = useCallback(
    (errors: Record<string, string | undefined>): Record<string, string | undefined> =>
      Object.fromEntries(Object.entries(errors).filter(([name]) => !changed.has(name))),
    [changed],
  );
  return { markChanged, saving, shown, shownAll };
}
