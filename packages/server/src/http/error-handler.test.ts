import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodyField, conflict, rateLimited, stale } from './app-error.js';
import { toErrorAnswer } from './error-handler.js';
import { validatorCompiler } from './zod-validation.js';

/** What Fastify throws when a schema refuses a request: the compiler's issues plus where. */
function validationError(schema: z.ZodType, data: unknown, context: string) {
  const result = validatorCompiler({ schema, method: 'POST', url: '/x', httpPart: 'body' })(data) as {
    error: unknown;
  };
  return Object.assign(new Error('validation'), {
    validation: result.error,
    validationContext: context,
    statusCode: 400,
  });
}

const Body = z.strictObject({
  familyName: z.string().min(1),
  age: z.number().int(),
  tags: z.array(z.string()).optional(),
});

describe('toErrorAnswer', () => {
  it('names each field of a failed validation, unknown keys included, without echoing values', () => {
    const answer = toErrorAnswer(
      validationError(Body, { familyName: 'Núñez', age: 'forty', tags: [1], shoeSize: 44 }, 'body'),
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error).toBe('validation_failed');
    const fields = answer.body.fields ?? [];
    expect(fields.map((f) => `${f.in}:${f.field}`).sort()).toEqual([
      'body:age',
      'body:shoeSize',
      'body:tags.0',
    ]);
    const message = Object.fromEntries(fields.map((f) => [f.field, f.message]));
    expect(message.age).toBe('Must be a number');
    expect(message['tags.0']).toBe('Must be text');
    expect(message.shoeSize).toBe('Is not a known field');
    expect(fields.find((f) => f.field === 'age')?.code).toBe('notANumber');
    expect(JSON.stringify(answer.body)).not.toMatch(/forty|Núñez/);
  });

  it('says "Required" for missing fields and for a missing body', () => {
    expect(toErrorAnswer(validationError(Body, {}, 'body')).body.fields).toEqual(
      expect.arrayContaining([
        { in: 'body', field: 'familyName', code: 'required', message: 'Required' },
        { in: 'body', field: 'age', code: 'required', message: 'Required' },
      ]),
    );
    expect(toErrorAnswer(validationError(Body, null, 'body')).body.fields).toEqual([
      { in: 'body', field: 'body', code: 'required', message: 'Required' },
    ]);
  });

  it('speaks the request language and names the fields in words, never by their path', () => {
    const Scar = z.strictObject({
      scars: z.array(z.strictObject({ lengthMm: z.number().positive().max(600) })),
    });
    const refused = validationError(
      Scar,
      { scars: [{ lengthMm: -180 }, { lengthMm: 999999999999 }] },
      'body',
    );
    const en = toErrorAnswer(refused, { locale: 'en' }).body;
    expect(en.message).toBe('Please correct 2 fields: scar 1 › length (mm) and scar 2 › length (mm).');
    expect(en.fields?.map((f) => f.message)).toEqual(['Must be more than 0', 'Must be at most 600']);
    const zh = toErrorAnswer(refused, { locale: 'zh-CN' }).body;
    expect(zh.message).toBe('请更正以下 2 项：疤痕 1 › 长度（毫米）和疤痕 2 › 长度（毫米）。');
    expect(zh.fields?.map((f) => f.message)).toEqual(['须大于 0', '不能大于 600']);
    expect(zh.fields?.map((f) => [f.code, f.params])).toEqual([
      ['moreThan', { min: 0 }],
      ['atMost', { max: 600 }],
    ]);
    const words = [en, zh].flatMap((b) => [b.message, ...(b.fields ?? []).map((f) => f.message)]);
    expect(words.join(' ')).not.toMatch(/lengthMm|scars\.0|Too small|expected/);
  });

  it('maps where the problem was: querystring to query, params, headers', () => {
    const Query = z.strictObject({ page: z.coerce.number().int().min(1) });
    expect(toErrorAnswer(validationError(Query, { page: '0' }, 'querystring')).body.fields![0]).toMatchObject(
      {
        in: 'query',
        field: 'page',
      },
    );
    expect(
      toErrorAnswer(validationError(z.strictObject({ id: z.uuid() }), { id: 'x' }, 'params')).body.fields![0],
    ).toMatchObject({
      in: 'params',
      field: 'id',
    });
  });

  it('maps body parsing failures to 400/413/415 with the body or header named', () => {
    expect(
      toErrorAnswer(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })),
    ).toMatchObject({
      statusCode: 413,
      body: { error: 'payload_too_large', fields: [{ in: 'body', field: 'body' }] },
    });
    expect(
      toErrorAnswer(
        Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
      ),
    ).toMatchObject({
      statusCode: 415,
      body: { error: 'unsupported_media_type', fields: [{ in: 'headers', field: 'content-type' }] },
    });
    const syntax = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    const invalid = toErrorAnswer(syntax);
    expect(invalid).toMatchObject({
      statusCode: 400,
      body: { error: 'invalid_json', fields: [{ in: 'body', field: 'body' }] },
    });
    expect(invalid.body.fields?.[0]?.message).toMatch(/not valid JSON/);
  });

  it('passes deliberate errors through with their status, fields and headers', () => {
    expect(toErrorAnswer(stale('version', 7))).toEqual({
      statusCode: 409,
      body: {
        error: 'conflict',
        code: 'staleRecord',
        message: 'Someone else saved this since you opened it. Reload and try again.',
        fields: [
          {
            in: 'body',
            field: 'version',
            code: 'stale',
            params: { version: 7 },
            message: 'Has changed since you opened it (now version 7)',
          },
        ],
      },
    });
    const overlap = conflict('doubleBooking', { artist: 'Jordan Lee' }, [
      bodyField('startsAt', 'overlapsAppointment', { artist: 'Jordan Lee' }),
    ]);
    expect(toErrorAnswer(overlap, { locale: 'zh-CN' }).body).toMatchObject({
      message: 'Jordan Lee 在该时间已有预约。',
      fields: [{ message: '与 Jordan Lee 的另一预约时间重叠' }],
    });
    expect(toErrorAnswer(rateLimited(42))).toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': '42' },
    });
  });

  it('never lets internals out of a 500', () => {
    const answer = toErrorAnswer(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(answer).toEqual({
      statusCode: 500,
      body: {
        error: 'internal_error',
        code: 'serverError',
        message: 'Something went wrong on the server. Try again in a moment.',
      },
    });
    expect(toErrorAnswer(undefined).statusCode).toBe(500);
  });
});
