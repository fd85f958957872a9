import { describe, expect, it } from 'vitest';
import { CreateClientRequest, clientRequestsAsOf } from '@stipple/core';
import { createI18n } from '../i18n/i18n.js';
import { ApiRequestError } from '../api/api-error.js';
import { emptyClientForm, formValuesToCreateRequest } from './client-form.js';
import { serverFieldErrors, validateWithSchema } from './schema-form.js';
import { translateValidationMessage } from './validation-messages.js';

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

  it('puts the server field errors on their fields, translated, unknown ones verbatim', () => {
    const err = new ApiRequestError(400, 'validation_failed', 'Invalid request', [
      { in: 'body', field: 'email', message: 'must be an email address' },
      { in: 'body', field: 'password', message: 'was used before' },
      { in: 'query', field: 'page', message: 'must be at least 1' },
    ]);
    expect(serverFieldErrors(err, zh)).toEqual({
      email: '请输入有效的邮箱地址',
      password: 'was used before',
    });
    expect(serverFieldErrors(new Error('x'), zh)).toEqual({});
  });

  it('translates length rules with their numbers', () => {
    expect(translateValidationMessage('must be at least 12 characters', zh)).toBe('至少 12 个字符');
    expect(translateValidationMessage('must be at most 254 characters', en)).toBe(
      'Must be at most 254 characters',
    );
  });

  it("translates the server's password strength verdict, whatever details follow it", () => {
    expect(
      translateValidationMessage(
        'is too easy to guess: This is a commonly used password. Add more words.',
        zh,
      ),
    ).toBe('太容易被猜到：请加长密码，或使用几个互不相关的词语');
  });
});
