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
  { message: 'notADate' },
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

/** Values a message is rendered with; `{ t: key }` is a catalogue key translated first. */
export const MessageParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.array(z.string()), z.strictObject({ t: z.string() })]),
);

/**
 * Every 4xx/5xx answer of the API. `message` and each field's `message` are rendered in the
 * request's language (Accept-Language: en or zh-CN) from the shared catalogue (core/src/i18n),
 * where `code` and `fields[].code` (with their `params`) are the keys: a client may render them
 * itself. `fields` names each offending input field, with `in` telling where it was.
 */
export const ApiError = z.object({
  error: z.string().describe('category, e.g. validation_failed, not_found, forbidden, double_booking'),
  code: z.string().describe('the message: key of the catalogue section error.*, e.g. doubleBooking'),
  params: MessageParamsSchema.optional(),
  message: z.string().describe('human-readable summary in the request language, safe to show'),
  fields: z
    .array(
      z.object({
        in: z.enum(['body', 'query', 'params', 'headers']),
        field: z.string(),
        code: z.string().describe('key of the catalogue section field.*, e.g. atLeast'),
        params: MessageParamsSchema.optional(),
        message: z.string(),
      }),
    )
    .optional(),
});
export type ApiError = z.infer<typeof ApiError>;
