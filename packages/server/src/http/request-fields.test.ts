// Every field a request can carry is named in words when it is refused, and every rule a shared
// schema states about a value speaks through the catalogue: a schema written after the catalogue
// (a new page, a merged branch) would otherwise answer "Please correct studio.timeZone." with
// "Not valid" beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as core from '@stipple/core';
import { fieldLabel, isFieldCode, messagesIn } from '@stipple/core';

/** Every property path of a JSON schema, list items as `0` (as zod reports them). */
function paths(schema: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  for (const [key, sub] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) {
    out.add([...prefix, key].join('.'));
    paths(sub, [...prefix, key], out);
  }
  for (const sub of [s.items, s.additionalProperties].filter(Boolean)) paths(sub, [...prefix, '0'], out);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
    for (const sub of (s[key] as unknown[] | undefined) ?? []) paths(sub, prefix, out);
  return out;
}

/** The schemas of what people send: bodies, queries and parameters of the API. */
const requestSchemas = Object.entries(core as Record<string, unknown>).filter(
  (entry): entry is [string, z.ZodType] => /(Request|Query)$/.test(entry[0]) && entry[1] instanceof z.ZodType,
);

describe('fields of requests', () => {
  it('are found among the shared schemas', () => {
    expect(requestSchemas.map(([name]) => name)).toEqual(
      expect.arrayContaining(['CreateStudioRequest', 'CreateBookingRequest', 'SaveZonesRequest']),
    );
  });

  it('each have a name in words in English and Chinese', () => {
    const unnamed: string[] = [];
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = messagesIn(locale);
      for (const [name, schema] of requestSchemas) {
        const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
        for (const path of paths(json))
          if (fieldLabel(t, path) === '') unnamed.push(`${locale} ${name}: ${path}`);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('are refused with messages of the catalogue, never a schema sentence', () => {
    const dir = new URL('../../../core/src/domain/', import.meta.url);
    const sentences: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/message:\s*(['"`])((?:(?!\1).)*)\1/g))
        if (!isFieldCode(m[2]!)) sentences.push(`${file}: ${m[2]}`);
    }
    expect(sentences).toEqual([]);
  });
});
