import { describe, expect, it } from 'vitest';
import { Calibration, FillZone } from '@stipple/core';
import { createI18n } from '../i18n/i18n.js';
import { checkValue } from './validation-messages.js';

const en = createI18n('en').t;
const zh = createI18n('zh-CN').t;

describe('checkValue: one value as typed, by its field’s shared rule', () => {
  const shade = FillZone.shape.shade;
  it('takes a value the rule accepts, nothing typed where the value is optional', () => {
    expect(checkValue(shade, 30, en)).toEqual({ ok: true, value: 30 });
    expect(checkValue(shade, undefined, en)).toEqual({ ok: true, value: undefined });
  });

  it('refuses what lies outside the rule with the bound, in the user’s language, never clamping', () => {
    expect(checkValue(shade, 99, en)).toEqual({ ok: false, message: 'Must be at most 60' });
    expect(checkValue(shade, 99, zh)).toEqual({ ok: false, message: '不能大于 60' });
    expect(checkValue(shade, -20, en)).toEqual({ ok: false, message: 'Must be at least 10' });
  });

  it('names text that is not a number ("1e9" as typed), and a missing required value', () => {
    expect(checkValue(shade, '1e9', en)).toEqual({ ok: false, message: 'Must be a number' });
    expect(checkValue(shade, '1e9', zh)).toEqual({ ok: false, message: '须为数字' });
    const pxPerMm = Calibration.options[0].shape.pxPerMm;
    expect(checkValue(pxPerMm, undefined, en)).toEqual({ ok: false, message: 'Required' });
    expect(checkValue(pxPerMm, 0, en)).toEqual({ ok: false, message: 'Must be more than 0' });
    expect(checkValue(pxPerMm, 99999999, en)).toEqual({ ok: false, message: 'Must be at most 1000' });
  });
});
