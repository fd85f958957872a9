import {
  CreateAftercareTemplateRequest,
  type AftercareStep,
  type AftercareTemplate,
  type UiLocale,
} from '@stipple/core';
import { issuesToFieldErrors, type FieldErrors } from './schema-form.js';
import type { Translate } from './validation-messages.js';

/**
 * One step as the editor holds it: a day is a number, the text as typed when it is not one
 * ("1e9", "three": refused by the schema, beside the field), or '' when emptied.
 */
export interface StepDraft {
  /** Stable across reordering, so React keeps each row's inputs with its step. */
  key: string;
  fromDay: number | string;
  untilDay: number | string;
  title: string;
  instructions: string;
  remind: boolean;
}

export interface AftercareDraft {
  language: UiLocale;
  name: string;
  steps: StepDraft[];
}

let nextKey = 0;
const newKey = () => `step-${++nextKey}`;

/** The next version starts as a copy of the current one. */
export function draftFromTemplate(
  template: Pick<AftercareTemplate, 'language' | 'name' | 'steps'>,
): AftercareDraft {
  return {
    language: template.language,
    name: template.name,
    steps: template.steps.map((s) => ({
      key: newKey(),
      fromDay: s.fromDay,
      untilDay: s.untilDay ?? '',
      title: s.title,
      instructions: s.instructions,
      remind: s.remind,
    })),
  };
}

/** A new step after the last one: starting the day the last one starts, until changed. */
export function blankStep(after?: StepDraft): StepDraft {
  const from = after && typeof after.fromDay === 'number' ? after.fromDay : 0;
  return { key: newKey(), fromDay: from, untilDay: '', title: '', instructions: '', remind: false };
}

/** The steps with the one at `index` moved by `by` places (clamped to the list). */
export function moveStep<T>(steps: readonly T[], index: number, by: number): T[] {
  const to = Math.max(0, Math.min(steps.length - 1, index + by));
  if (to === index || index < 0 || index >= steps.length) return [...steps];
  const out = [...steps];
  const [step] = out.splice(index, 1);
  out.splice(to, 0, step!);
  return out;
}

/** A day as typed: the number, null when empty, or the text that is not a number ("1e9" is not 1e9). */
const dayOf = (v: number | string): number | null | string =>
  typeof v === 'number' ? v : v.trim() === '' ? null : v;

/** The POST body for the next version (before validation: what the user typed, as numbers). */
export function toTemplateRequest(draft: AftercareDraft) {
  return {
    language: draft.language,
    name: draft.name,
    steps: draft.steps.map((s) => ({
      fromDay: dayOf(s.fromDay),
      untilDay: dayOf(s.untilDay),
      title: s.title,
      instructions: s.instructions,
      remind: s.remind,
    })),
  };
}

/** The valid POST body, or field errors keyed as the API names them (`steps.2.untilDay`). */
export function templateRequest(
  draft: AftercareDraft,
  t: Translate,
): { ok: true; body: CreateAftercareTemplateRequest } | { ok: false; errors: FieldErrors } {
  const parsed = CreateAftercareTemplateRequest.safeParse(toTemplateRequest(draft), { reportInput: true });
  if (parsed.success) return { ok: true, body: parsed.data };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues, t) };
}

/** Whether the draft says anything other than the version it started from. */
export function changedFrom(
  draft: AftercareDraft,
  template: Pick<AftercareTemplate, 'name' | 'steps'>,
): boolean {
  const request = toTemplateRequest(draft);
  const same = (a: AftercareStep, b: (typeof request.steps)[number]) =>
    a.fromDay === b.fromDay &&
    a.untilDay === b.untilDay &&
    a.title === b.title &&
    a.instructions === b.instructions &&
    a.remind === b.remind;
  return (
    request.name.trim() !== template.name ||
    request.steps.length !== template.steps.length ||
    template.steps.some((s, i) => !same(s, request.steps[i]!))
  );
}
