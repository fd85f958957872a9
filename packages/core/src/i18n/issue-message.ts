// What a zod issue means for the person who typed the value, as a catalogue code and its params.
// The shared schemas write their own rules' messages as field codes (`{ message: 'notADate' }`,
// custom issues with `params`); everything else is read from the issue's shape. The server's
// validator, the web app's checks and the command line all go through here.
import type { z } from 'zod';
import { isFieldCode, type FieldCode, type MessageParams } from './catalogue.js';

export interface FieldMessage {
  code: FieldCode;
  params?: MessageParams;
}

/** Numbers as a person writes them: 1e-9 stays exact, 1000000 is not shortened. */
const plain = (n: unknown): number | string =>
  typeof n === 'bigint' ? String(n) : typeof n === 'number' ? n : String(n);

function issueParams(issue: z.core.$ZodIssue): MessageParams {
  const params = (issue as { params?: Record<string, unknown> }).params ?? {};
  const out: MessageParams = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  if (issue.code === 'too_small') {
    out.min ??= plain(issue.minimum);
    out.count ??= Number(issue.minimum);
  }
  if (issue.code === 'too_big') {
    out.max ??= plain(issue.maximum);
    out.count ??= Number(issue.maximum);
  }
  return out;
}

/** The code and params of one issue. `input` must still be on the issue to tell "missing" apart. */
export function messageOfIssue(issue: z.core.$ZodIssue): FieldMessage {
  const input = (issue as { input?: unknown }).input;
  // A missing value is "required", whatever a schema says about wrong ones.
  // So is a value that may be written several ways (a Norwood stage as "III", "3" or 3) left empty.
  if (
    (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') &&
    input === undefined
  )
    return { code: 'required' };
  if (isFieldCode(issue.message)) return { code: issue.message, params: issueParams(issue) };
  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined || input === null || input === '') return { code: 'required' };
      const expected: string = issue.expected;
      if (expected === 'number' || expected === 'int' || expected === 'bigint') {
        return typeof input === 'number' && Number.isFinite(input)
          ? { code: 'notAWholeNumber' }
          : { code: 'notANumber' };
      }
      if (expected === 'string') return { code: 'notText' };
      if (expected === 'boolean') return { code: 'notYesNo' };
      if (expected === 'array' || expected === 'tuple') return { code: 'notAList' };
      if (expected === 'object' || expected === 'record') return { code: 'notAnObject' };
      return { code: 'invalid' };
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string')
        return Number(min) <= 1 ? { code: 'required' } : { code: 'tooShort', params: { count: Number(min) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'tooFewItems', params: { count: Number(min) } };
      return { code: issue.inclusive === false ? 'moreThan' : 'atLeast', params: { min: plain(min) } };
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return { code: 'tooLong', params: { count: Number(max) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'tooManyItems', params: { count: Number(max) } };
      return { code: issue.inclusive === false ? 'lessThan' : 'atMost', params: { max: plain(max) } };
    }
    case 'not_multiple_of':
      return { code: 'multipleOf', params: { step: plain(issue.divisor) } };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'notAnEmail' };
      if (issue.format === 'uuid' || issue.format === 'guid') return { code: 'notAnId' };
      if (issue.format === 'datetime') return { code: 'notADateTime' };
      if (issue.format === 'date') return { code: 'notADate' };
      return { code: 'wrongFormat' };
    case 'invalid_value':
      return { code: 'notOneOf', params: { values: issue.values.map((v) => String(v)).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknownField' };
    case 'invalid_union':
      if (input === undefined) return { code: 'required' };
      return { code: 'invalid' };
    default:
      return { code: 'invalid' };
  }
}
