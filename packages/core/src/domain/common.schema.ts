import { z } from 'zod';

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Languages the product's own screens and documents are translated into. */
export const UI_LOCALES = ['en', 'zh-CN'] as const;
export const UiLocale = z.enum(UI_LOCALES);
export type UiLocale = z.infer<typeof UiLocale>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDate = z.string().refine(
  (s) => {
    const m = ISO_DATE.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  },
  { message: 'must be a real date written YYYY-MM-DD' },
);
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant as an ISO 8601 string with time zone, as the API returns it. */
export const Timestamp = z.iso.datetime({ offset: true });

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

/**
 * Every 4xx/5xx answer of the API. `fields` names each offending input field, with `in`
 * telling where it was (body, query, params, headers).
 */
export const ApiError = z.object({
  error: z.string().describe('machine-readable code, e.g. validation_failed, not_found, forbidden'),
  message: z.string().describe('human-readable summary, safe to show'),
  fields: z
    .array(
      z.object({
        in: z.enum(['body', 'query', 'params', 'headers']),
        field: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type ApiError = z.infer<typeof ApiError>;
