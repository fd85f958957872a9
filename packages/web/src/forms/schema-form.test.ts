import { describe, expect, it } from 'vitest';
import { Assessment, CreateClientRequest, RecordDepositRequest, clientRequestsAsOf } from '@stipple/core';
import { createI18n } from '../i18n/i18n.js';
import { ApiRequestError } from '../api/api-error.js';
import { emptyClientForm, formValuesToCreateRequest } from './client-form.js';
import { issuesToFieldErrors, serverFieldErrors, validateWithSchema } from './schema-form.js';
import { minorOfTyped } from './studio-form.js';

const en = createI18n('en').t;
const zh = createI18n('zh-CN').t;

describe('form validation with the shared schemas', () => {
  it('names each bad field with a message in the chosen language', () => {
    const values = { ...emptyClientForm('en'), familyName: '  ', email: 'not-an-email', phone: '12' };
    expect(validateWithSchema(CreateClientRequest, formValuesToCreateRequest, en)(values)).toEqual({
      familyName: 'Required',
      email: 'Must be an email address',
      phone: 'Must be a phone number: digits, spaces, + ( ) - . /',
    });
    expect(validateWithSchema(CreateClientRequest, formValuesToCreateRequest, zh)(values)).toEqual({
      familyName: '必填',
      email: '请输入有效的邮箱地址',
      phone: '请输入有效的电话号码：可包含数字、空格及 + ( ) - . /',
    });
  });

  it('passes values the server would accept', () => {
    const values = {
      ...emptyClientForm('zh-CN'),
      givenName: '芳',
      familyName: '王',
      dateOfBirth: '1990-05-20',
    };
    expect(validateWithSchema(CreateClientRequest, formValuesToCreateRequest, en)(values)).toEqual({});
  });

  it('explains a future date of birth and an over-long name', () => {
    const values = { ...emptyClientForm('en'), familyName: 'x'.repeat(101), dateOfBirth: '2999-01-01' };
    const asOfToday = clientRequestsAsOf('2026-12-06').create;
    expect(validateWithSchema(asOfToday, formValuesToCreateRequest, zh)(values)).toEqual({
      familyName: '最多 100 个字符',
      dateOfBirth: '不能是将来的日期',
    });
  });

  it('puts the server field errors on their fields in the chosen language, by their codes', () => {
    const err = new ApiRequestError(400, 'validation_failed', 'Please correct 2 fields', [
      { in: 'body', field: 'email', code: 'notAnEmail', message: 'Must be an email address' },
      { in: 'body', field: 'password', code: 'tooShort', params: { count: 12 }, message: 'x' },
      { in: 'body', field: 'note', code: 'codeOfANewerServer', message: 'Said by the server' },
      { in: 'query', field: 'page', code: 'atLeast', params: { min: 1 }, message: 'Must be at least 1' },
    ]);
    expect(serverFieldErrors(err, zh)).toEqual({
      email: '请输入有效的邮箱地址',
      password: '至少 12 个字符',
      note: 'Said by the server',
    });
    expect(serverFieldErrors(err, en).password).toBe('Must be at least 12 characters');
    expect(serverFieldErrors(new Error('x'), zh)).toEqual({});
  });

  it('says an amount checked in pence in the pounds it was typed in, never rounded', () => {
    const check = (typed: number | string | undefined, t = en) =>
      validateWithSchema(
        RecordDepositRequest,
        (amount: number | string | undefined) => ({
          status: 'paid',
          amountMinor: minorOfTyped(amount),
          method: 'cash',
          version: 1,
        }),
        t,
        ['amountMinor'],
      )(typed).amountMinor;
    expect(minorOfTyped(0.29)).toBe(29);
    expect(check(0.29)).toBeUndefined();
    expect(check(12.345)).toBe('Must be a multiple of 0.01');
    expect(check(2_000_000)).toBe('Must be at most 1000000');
    expect(check(0)).toBe('Must be at least 0.01');
    expect(check('1e9')).toBe('Must be a number');
    expect(check(undefined)).toBe('Required');
    expect(check(2_000_000, zh)).toBe('不能大于 1000000');
  });
});

describe('issuesToFieldErrors', () => {
  it('asks for a hair-loss stage left empty after its scale was chosen, in both languages', () => {
    const parsed = Assessment.safeParse(
      { consultationDate: '2026-11-02', hairLoss: { scale: 'norwood' } },
      { reportInput: true },
    );
    expect(parsed.success).toBe(false);
    expect(issuesToFieldErrors(parsed.error!.issues, en)).toEqual({ 'hairLoss.stage': 'Required' });
    expect(issuesToFieldErrors(parsed.error!.issues, zh)).toEqual({ 'hairLoss.stage': '必填' });
  });
});
