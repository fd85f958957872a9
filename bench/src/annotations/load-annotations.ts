import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import { annotationSchema, type Annotation } from './annotation.schema.js';

/** Annotations that cannot be used; each problem reads `<file>: <field>: <reason>`. */
export class AnnotationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'AnnotationError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(the whole file)';
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
}

/** Reads and validates one annotation file. Throws AnnotationError when it is not valid. */
export function loadAnnotationFile(file: string): Annotation {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AnnotationError([`${file}: not readable as JSON (${(error as Error).message})`]);
  }
  const parsed = annotationSchema.safeParse(raw);
  if (!parsed.success) throw new AnnotationError(describeIssues(parsed.error).map((p) => `${file}: ${p}`));
  const stem = basename(file, extname(file));
  const imageStem = basename(parsed.data.image, extname(parsed.data.image));
  if (stem !== imageStem)
    throw new AnnotationError([
      `${file}: image: "${parsed.data.image}" does not match the file name (expected ${stem}.<ext>)`,
    ]);
  return parsed.data;
}

/**
 * Every `*.json` annotation in `dir` (not its subfolders), validated, sorted by image name.
 * All invalid files are reported together in one AnnotationError.
 */
export function loadAnnotations(dir: string): Annotation[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new AnnotationError([`${dir}: no such folder of annotations`]);
  const annotations: Annotation[] = [];
  const problems: string[] = [];
  let invalidFiles = 0;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  for (const name of files) {
    try {
      annotations.push(loadAnnotationFile(join(dir, name)));
    } catch (error) {
      if (!(error instanceof AnnotationError)) throw error;
      problems.push(...error.problems);
      invalidFiles++;
    }
  }
  if (problems.length)
    throw new AnnotationError([
      `${dir}: ${invalidFiles} of ${files.length} annotation files are invalid`,
      ...problems,
    ]);
  return annotations.sort((a, b) => a.image.localeCompare(b.image, 'en', { numeric: true }));
}
