import { messageOfIssue, renderMessage } from '@stipple/core';
import type { z } from 'zod';

/** Bad input from the person running the command: exit code 2, message on stderr, nothing written. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One line per problem, each naming the field: `zones[1].polyline: Must have at least 2 entries`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const keys = (issue as { keys?: string[] }).keys;
      let path = formatPath(issue.path as (string | number)[]);
      if (issue.code === 'unrecognized_keys' && keys?.length) {
        const unknown = renderMessage('en', 'field.unknownField');
        return keys.map((k) => `${path ? `${path}.${k}` : k}: ${unknown}`).join('\n');
      }
      if (!path) path = '(top level)';
      const { code, params } = messageOfIssue(issue);
      return `${path}: ${renderMessage('en', `field.${code}`, params)}`;
    })
    .join('\n');
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}
