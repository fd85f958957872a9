import { describe, expect, it } from 'vitest';
import type { AftercareTemplate } from '@stipple/core';
import {
  blankStep,
  changedFrom,
  draftFromTemplate,
  moveStep,
  templateRequest,
  toTemplateRequest,
} from './aftercare-steps-form.js';

import { createI18n } from '../i18n/i18n.js';

const t = createI18n('en').t;

const template: Pick<AftercareTemplate, 'language' | 'name' | 'steps'> = {
  language: 'en',
  name: 'Scalp micropigmentation aftercare',
  steps: [
    { fromDay: 0, untilDay: 3, title: 'Keep your scalp dry', instructions: 'No washing.', remind: true },
    { fromDay: 4, untilDay: null, title: 'Wash gently', instructions: '', remind: false },
  ],
};

describe('aftercare template editor', () => {
  it('starts from the current version and gives back the same steps unchanged', () => {
    const draft = draftFromTemplate(template);
    expect(draft.steps.map((s) => s.untilDay)).toEqual([3, '']);
    expect(new Set(draft.steps.map((s) => s.key)).size).toBe(2);
    expect(changedFrom(draft, template)).toBe(false);
    const result = templateRequest(draft, t);
    expect(result).toEqual({ ok: true, body: template });
  });

  it('sees a changed step, a new step and a reordering as a change', () => {
    const draft = draftFromTemplate(template);
    expect(changedFrom({ ...draft, steps: moveStep(draft.steps, 1, -1) }, template)).toBe(true);
    expect(changedFrom({ ...draft, steps: [...draft.steps, blankStep(draft.steps[1])] }, template)).toBe(
      true,
    );
    const edited = { ...draft, steps: draft.steps.map((s, i) => (i === 1 ? { ...s, untilDay: 10 } : s)) };
    expect(changedFrom(edited, template)).toBe(true);
    expect(toTemplateRequest(edited).steps[1]).toMatchObject({ fromDay: 4, untilDay: 10 });
  });

  it('moves a step up and down, staying inside the list', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });

  it('a new step starts on the day the last one starts, empty', () => {
    expect(blankStep({ ...draftFromTemplate(template).steps[1]! })).toMatchObject({
      fromDay: 4,
      untilDay: '',
      title: '',
      remind: false,
    });
    expect(blankStep().fromDay).toBe(0);
  });

  it('names the step and field of each mistake, as the API does', () => {
    const draft = draftFromTemplate(template);
    draft.steps[0] = { ...draft.steps[0]!, fromDay: 5, untilDay: 2 };
    draft.steps[1] = { ...draft.steps[1]!, title: '  ', fromDay: '' };
    const result = templateRequest({ ...draft, name: '' }, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: 'Required',
      'steps.0.untilDay': 'Must not be before the first day',
      'steps.1.fromDay': 'Required',
      'steps.1.title': 'Required',
    });
    const none = templateRequest({ ...draftFromTemplate(template), steps: [] }, t);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(Object.keys(none.errors)).toEqual(['steps']);
  });

  it('refuses a day that is not a number or out of range as typed, in the user’s language', () => {
    // The number field hands up "1e9" as the text it is: never read as 1000000000, or as 19.
    const draft = draftFromTemplate(template);
    draft.steps[0] = { ...draft.steps[0]!, fromDay: '1e9', untilDay: 2.5 };
    draft.steps[1] = { ...draft.steps[1]!, fromDay: -3, untilDay: 99999 };
    expect(toTemplateRequest(draft).steps[0]!.fromDay).toBe('1e9');
    const result = templateRequest(draft, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      'steps.0.fromDay': 'Must be a number',
      'steps.0.untilDay': 'Must be a whole number',
      'steps.1.fromDay': 'Must be at least 0',
      'steps.1.untilDay': 'Must be at most 3650',
    });
    const zh = templateRequest(draft, createI18n('zh-CN').t);
    expect(zh.ok).toBe(false);
    if (!zh.ok) expect(zh.errors['steps.0.fromDay']).toBe('须为数字');
    if (!zh.ok) expect(zh.errors['steps.1.fromDay']).toBe('不能小于 0');
  });
});
