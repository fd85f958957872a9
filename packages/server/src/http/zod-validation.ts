// Request validation with zod, reporting one entry per problem as a catalogue code with params
// (messageOfIssue, shared with the web app). It replaces the type provider's validator because
// the code depends on the input (a missing field is "required", text where a number belongs is
// "not a number"): zod reports the input for that, which is looked at here and then dropped, so
// no submitted value reaches an error answer or a log line.
import { messageOfIssue, type FieldMessage } from '@stipple/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

const MARK = Symbol.for('stipple.validationIssue');

export interface ValidationIssue {
  [MARK]: true;
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: { keys?: string[]; message: FieldMessage };
}

export function isValidationIssueList(value: unknown): value is ValidationIssue[] {
  return Array.isArray(value) && value.length > 0 && (value[0] as Partial<ValidationIssue>)[MARK] === true;
}

function toIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const path = issue.path.map(String);
  return {
    [MARK]: true,
    keyword: issue.code,
    instancePath: `/${path.join('/')}`,
    schemaPath: `#/${path.join('/')}/${issue.code}`,
    message: issue.message,
    params: {
      ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
      // Fastify hands a request without a body over as null.
      message:
        path.length === 0 && 'input' in issue && issue.input === null
          ? { code: 'required' }
          : messageOfIssue(issue),
    },
  };
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: result.error.issues.map(toIssue) as never };
  };
