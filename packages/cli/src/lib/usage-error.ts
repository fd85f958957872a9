import type { z } from 'zod';

/** Bad input from the person running the command: exit code 2, message on stderr, nothing written. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One line per problem, each naming the field: `zones[1].polyline: must have at least 2 points`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const keys = (issue as { keys?: string[] }).keys;
      let path = formatPath(issue.path as (string | number)[]);
      if (issue.code === 'unrecognized_keys' && keys?.length) {
        return keys.map((k) => `${path ? `${path}.${k}` : k}: is not a known field`).join('\n');
      }
      if (!path) path = '(top level)';
      return `${path}: ${issue.message}`;
    })
    .join('\n');
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
