// Answers are written by fast-json-stringify from each route's response schema (turned into JSON
// Schema by zod), as Fastify does natively, instead of zod checking the whole answer and then
// JSON.stringify: that check was a quarter of the CPU of the calendar's week under load. What the
// check gave in production is kept: only the fields a schema declares go out (a row's other
// columns never leak), and an answer missing a required field is still an error. With
// `checkResponses` (every test server) each answer goes through both and must come out the same,
// so the API tests keep proving every route's answers against its schema and the fast writer
// against zod. A schema JSON Schema cannot express keeps zod's serializer.
import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Serialize = (data: unknown) => string;

/**
 * The schema as the fast writer needs it. `additionalProperties: false` goes everywhere:
 * fast-json-stringify drops undeclared fields without it, while with it the validator that picks
 * a branch of a union refuses a row that has more columns than the answer shows. And a nullable
 * value (zod writes `anyOf: [X, {type: "null"}]`) becomes `type: [X, "null"]`: a union makes the
 * writer compile an Ajv validator on the route's first answer (0.2-0.4 s on the event loop, every
 * request waiting, measured under load) and run it on every row, where a list of types is a
 * `typeof` test. Real unions (a zone's kinds) keep their `anyOf`/`oneOf`.
 */
export function forTheFastWriter(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forTheFastWriter);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = forTheFastWriter(value);
  }
  const nullable = asTypeList(out);
  return nullable ?? out;
}

const UNION_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref'];

const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'null'];

/**
 * A union the writer can tell apart by `typeof` as a list of types: `X` or null (X of one type,
 * with its own keywords), or bare primitives (`string` or `number`). Null when it is a real union.
 */
function asTypeList(node: Record<string, unknown>): Record<string, unknown> | null {
  const { anyOf, ...rest } = node;
  if (!Array.isArray(anyOf) || Object.keys(rest).some((k) => UNION_KEYWORDS.includes(k))) return null;
  const branches = anyOf as Record<string, unknown>[];
  const types = branches.map((b) => (b && typeof b === 'object' ? b.type : undefined));
  if (!types.every((t): t is string => typeof t === 'string') || new Set(types).size !== types.length)
    return null;
  const bare = (b: Record<string, unknown>) => Object.keys(b).length === 1;
  if (branches.every(bare) && types.every((t) => PRIMITIVES.includes(t))) return { ...rest, type: types };
  const detailed = branches.filter((b) => !bare(b));
  const nullable = branches.length === 2 && detailed.length === 1 && types.includes('null');
  if (!nullable) return null;
  const other = detailed[0]!;
  if (other.type === 'null' || Object.keys(other).some((k) => UNION_KEYWORDS.includes(k) || k in rest))
    return null;
  return { ...rest, ...other, type: [other.type, 'null'] };
}

/**
 * The fast writer of one schema, or null when JSON Schema cannot say what zod checks. With
 * `unionsAtStart`, a real union's validator is compiled now and not on the route's first answer,
 * where it held the event loop (0.14 s for the zones' calibration) with requests waiting; it costs
 * the start 0.35 s for the whole API.
 */
export function fastSerializerOf(
  schema: z.ZodType,
  { unionsAtStart = true }: { unionsAtStart?: boolean } = {},
): Serialize | null {
  try {
    const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'output', unrepresentable: 'throw' });
    const prepared = forTheFastWriter(json) as Parameters<typeof fastJson>[0];
    const unions = /"(anyOf|oneOf|if)":/.test(JSON.stringify(prepared));
    return fastJson(prepared, { compileValidators: unions && unionsAtStart });
  } catch {
    return null;
  }
}

export class ResponseMismatchError extends Error {
  constructor(method: string, url: string) {
    super(`the answer of ${method} ${url} written from its JSON Schema differs from zod's`);
    this.name = 'ResponseMismatchError';
  }
}

export function responseSerializerCompiler(options: {
  checkResponses: boolean;
}): FastifySerializerCompiler<z.ZodType> {
  // Every route shares the error answer's schema: one writer per schema object, not per route.
  const fast = new WeakMap<object, Serialize | null>();
  // A checking server (every test server, one per test file) checks each answer with zod anyway:
  // it leaves the unions to the first answer rather than start 0.35 s slower.
  const unionsAtStart = !options.checkResponses;
  const fastOf = (schema: z.ZodType) => {
    if (!fast.has(schema)) fast.set(schema, fastSerializerOf(schema, { unionsAtStart }));
    return fast.get(schema)!;
  };
  return (route) => {
    const schema = route.schema;
    const quick = schema instanceof z.ZodType ? fastOf(schema) : null;
    const checked = zodSerializerCompiler(route) as Serialize;
    if (!quick) return checked;
    if (!options.checkResponses) return quick;
    return (data) => {
      const expected = checked(data);
      const written = quick(data);
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(expected)))
        throw new ResponseMismatchError(route.method, route.url);
      return written;
    };
  };
}
