import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerOf, forTheFastWriter, responseSerializerCompiler } from './response-serializer.js';

const Plan = z.object({ id: z.uuid(), sessions: z.number().int() });
const Answer = z.object({
  id: z.uuid(),
  name: z.string(),
  plan: Plan.nullable(),
  items: z.array(z.object({ at: z.iso.datetime({ offset: true }), kind: z.enum(['a', 'b']) })),
  note: z.string().optional(),
});
const ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';
const row = {
  id: ID,
  name: 'Ana',
  // Columns a repository row has and the answer does not show.
  studioId: ID,
  searchText: 'ana lee 0712',
  plan: { id: ID, sessions: 3, rules: ['r1'] },
  items: [{ at: '2026-12-01T10:00:00Z', kind: 'a', secret: true }],
};

const compile = (checkResponses: boolean, schema: z.ZodType) =>
  responseSerializerCompiler({ checkResponses })({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('the response writer', () => {
  it('writes only the fields the schema declares, nested ones and those inside a nullable object too', () => {
    const written = JSON.parse(compile(false, Answer)(row)) as Record<string, unknown>;
    expect(written).toEqual({
      id: ID,
      name: 'Ana',
      plan: { id: ID, sessions: 3 },
      items: [{ at: '2026-12-01T10:00:00Z', kind: 'a' }],
    });
  });

  it('writes what zod would, in the checked mode the test servers run', () => {
    const zodWritten = JSON.parse(JSON.stringify(Answer.encode(row as never))) as unknown;
    expect(JSON.parse(compile(true, Answer)(row))).toEqual(zodWritten);
    expect(JSON.parse(compile(true, Answer)({ ...row, plan: null }))).toEqual({
      ...(zodWritten as object),
      plan: null,
    });
  });

  it('refuses an answer without a required field, checked or not', () => {
    const { name: _left, ...withoutName } = row;
    expect(() => compile(false, Answer)(withoutName)).toThrow();
    expect(() => compile(true, Answer)(withoutName)).toThrow();
  });

  it('in the checked mode refuses an answer that breaks its schema, which the fast writer alone would send', () => {
    const bad = { ...row, items: [{ at: 'yesterday', kind: 'a' }] };
    expect(() => compile(false, Answer)(bad)).not.toThrow();
    expect(() => compile(true, Answer)(bad)).toThrow();
  });

  it('keeps zod for a schema JSON Schema cannot express', () => {
    const WithDate = z.object({ at: z.date() });
    expect(fastSerializerOf(WithDate)).toBeNull();
    expect(() => compile(false, WithDate)({ at: new Date(0) })).not.toThrow();
  });

  it('gives nullable values a list of types, not a union the writer would validate each row against', () => {
    const Nullables = z.object({
      plan: Plan.nullable(),
      name: z.string().nullable(),
      at: z.iso.datetime({ offset: true }).nullable(),
      tags: z.array(z.string()).nullable(),
      kind: z.enum(['a', 'b']).nullable(),
    });
    const schema = forTheFastWriter(
      z.toJSONSchema(Nullables, { target: 'draft-07', io: 'output', unrepresentable: 'throw' }),
    );
    expect(JSON.stringify(schema)).not.toContain('anyOf');
    const properties = (schema as { properties: Record<string, { type: unknown }> }).properties;
    expect(properties.plan!.type).toEqual(['object', 'null']);
    expect(properties.tags!.type).toEqual(['array', 'null']);
    const full = {
      plan: { id: ID, sessions: 2, extra: 1 },
      name: 'Ana',
      at: '2026-12-01T10:00:00Z',
      tags: ['x'],
      kind: 'b',
    };
    const empty = { plan: null, name: null, at: null, tags: null, kind: null };
    for (const value of [full, empty]) {
      const zodWritten = JSON.parse(JSON.stringify(Nullables.encode(value as never))) as unknown;
      expect(JSON.parse(compile(true, Nullables)(value))).toEqual(zodWritten);
    }
    // Undeclared fields of a nullable object still stay out.
    expect((JSON.parse(compile(false, Nullables)(full)) as { plan: unknown }).plan).toEqual({
      id: ID,
      sessions: 2,
    });
  });

  it('keeps a real union, and picks its branch by what the value is', () => {
    const Zone = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('scar'), width: z.number() }),
      z.object({ kind: z.literal('fill'), density: z.number() }),
    ]);
    const Zones = z.object({ zones: z.array(Zone), first: Zone.nullable() });
    const schema = forTheFastWriter(
      z.toJSONSchema(Zones, { target: 'draft-07', io: 'output', unrepresentable: 'throw' }),
    );
    expect(JSON.stringify(schema)).toMatch(/anyOf|oneOf/);
    const value = {
      zones: [
        { kind: 'scar', width: 2 },
        { kind: 'fill', density: 30 },
      ],
      first: null,
    };
    expect(JSON.parse(compile(true, Zones)(value))).toEqual(value);
    // Its validator compiled at start (a production server) or on the first answer: the same answer.
    for (const unionsAtStart of [true, false])
      expect(JSON.parse(fastSerializerOf(Zones, { unionsAtStart })!(value))).toEqual(value);
  });
});
