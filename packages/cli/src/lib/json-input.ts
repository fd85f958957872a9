import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { UsageError, describeZodError } from './usage-error.js';

/** Reads and validates a JSON file; every problem names the file and the field. */
export async function readJsonInput<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `${what} ${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} ${path}: is not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(`${what} ${path} is not valid:\n${describeZodError(parsed.error)}`);
  return parsed.data;
}
