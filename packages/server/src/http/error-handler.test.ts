import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conflict, rateLimited } from './app-error.js';
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
    expect(message.age).toContain('expected number');
    expect(message['tags.0']).toContain('expected string');
    expect(message.shoeSize).toBe('is not a known field');
    expect(JSON.stringify(answer.body)).not.toMatch(/forty|Núñez/);
  });

  it('says "is required" for missing fields and for a missing body', () => {
    expect(toErrorAnswer(validationError(Body, {}, 'body')).body.fields).toEqual(
      expect.arrayContaining([
        { in: 'body', field: 'familyName', message: 'is required' },
        { in: 'body', field: 'age', message: 'is required' },
      ]),
    );
    expect(toErrorAnswer(validationError(Body, null, 'body')).body.fields).toEqual([
      { in: 'body', field: 'body', message: 'is required' },
    ]);
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
    expect(toErrorAnswer(conflict('stale', [{ in: 'body', field: 'version', message: 'is stale' }]))).toEqual(
      {
        statusCode: 409,
        body: {
          error: 'conflict',
          message: 'stale',
          fields: [{ in: 'body', field: 'version', message: 'is stale' }],
        },
      },
    );
    expect(toErrorAnswer(rateLimited(42))).toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': '42' },
    });
  });

  it('never lets internals out of a 500', () => {
    const answer = toErrorAnswer(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(answer).toEqual({
      statusCode: 500,
      body: { error: 'internal_error', message: 'Something went wrong on the server' },
    });
    expect(toErrorAnswer(undefined).statusCode).toBe(500);
  });
});
