// Request validation with zod, reporting one entry per problem. It replaces the type provider's
// validator only to tell a missing field ("is required") from a wrong one: zod reports the input
// for that, which is looked at here and then dropped, so no submitted value reaches an error
// answer or a log line.
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

const MARK = Symbol.for('stipple.validationIssue');

export interface ValidationIssue {
  [MARK]: true;
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: { keys?: string[]; missing: boolean };
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
      missing:
        issue.code !== 'unrecognized_keys' &&
        'input' in issue &&
        (issue.input === undefined || (path.length === 0 && issue.input === null)),
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
