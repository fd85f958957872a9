import { z } from 'zod';
import { Id, IsoDate, PageQuery, Timestamp, UI_LOCALES, pageOf } from './common.schema.js';

const trimmed = (max: number) => z.string().trim().max(max);

/** BCP 47 language tag such as `en`, `zh-CN`, `pt-BR`. */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { message: 'languageTag' });

/**
 * The language a client is addressed in: their reports, consents, aftercare sheets and emails are
 * printed in it, so only languages those documents exist in (records from before keep theirs).
 */
export const ClientLanguage = z.enum(UI_LOCALES, { message: 'documentLanguage' });

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{5,30}$/, { message: 'phone' })
  .refine((s) => s.replace(/\D/g, '').length >= 5, { message: 'phoneDigits' });

/**
 * A date of birth from 1900 on. Whether it lies in the future depends on today, which core does not
 * know: `clientRequestsAsOf(today)` adds that check for the caller that knows the date.
 */
export const DateOfBirth = IsoDate.refine((s) => s >= '1900-01-01', { message: 'dateAfter1900' });

export const DATE_OF_BIRTH_IN_FUTURE = 'notInFuture';

/** A date of birth on or before `today` (an ISO date). */
export const dateOfBirthAsOf = (today: string) =>
  DateOfBirth.refine((s) => s <= today, { message: DATE_OF_BIRTH_IN_FUTURE });

const clientFields = (dateOfBirth: z.ZodType<string>) => ({
  givenName: trimmed(100).default(''),
  familyName: trimmed(100).min(1, { message: 'required' }),
  dateOfBirth: dateOfBirth.nullable().default(null),
  email: z
    .email({ message: 'notAnEmail' })
    .max(254)
    .transform((s) => s.trim().toLowerCase())
    .nullable()
    .default(null),
  phone: Phone.nullable().default(null),
  preferredLanguage: ClientLanguage.default('en'),
  notes: trimmed(10_000).default(''),
});

/** Any subset of fields; `version` (from the last read) makes the edit fail with 409 if someone else saved first. */
const updateClientRequest = (dateOfBirth: z.ZodType<string>) =>
  z
    .strictObject({
      givenName: trimmed(100).optional(),
      familyName: trimmed(100).min(1, { message: 'required' }).optional(),
      dateOfBirth: dateOfBirth.nullable().optional(),
      email: z
        .email({ message: 'notAnEmail' })
        .max(254)
        .transform((s) => s.trim().toLowerCase())
        .nullable()
        .optional(),
      phone: Phone.nullable().optional(),
      preferredLanguage: ClientLanguage.optional(),
      notes: trimmed(10_000).optional(),
      version: z.number().int().min(1).optional(),
    })
    .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothingToChange' });

/** The shape of a new client; a date of birth in the future is refused by `clientRequestsAsOf`. */
export const CreateClientRequest = z.strictObject(clientFields(DateOfBirth));
export type CreateClientRequest = z.infer<typeof CreateClientRequest>;

export const UpdateClientRequest = updateClientRequest(DateOfBirth);
export type UpdateClientRequest = z.infer<typeof UpdateClientRequest>;

/**
 * The client requests checked against `today` (an ISO date the caller passes in, as core reads no
 * clock): everything the plain schemas check, and a date of birth not after today.
 */
export function clientRequestsAsOf(today: string) {
  const dateOfBirth = dateOfBirthAsOf(today);
  return {
    create: z.strictObject(clientFields(dateOfBirth)),
    update: updateClientRequest(dateOfBirth),
  };
}

export const Client = z.object({
  id: Id,
  studioId: Id,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: IsoDate.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredLanguage: z.string(),
  /** Clinical notes; null for roles that may not read them (front desk). */
  notes: z.string().nullable(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1),
});
export type Client = z.infer<typeof Client>;

export const ClientSummary = Client.pick({
  id: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  email: true,
  phone: true,
  archivedAt: true,
  updatedAt: true,
});
export type ClientSummary = z.infer<typeof ClientSummary>;

export const ClientListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type ClientListQuery = z.infer<typeof ClientListQuery>;

export const ClientListPage = pageOf(ClientSummary);
export type ClientListPage = z.infer<typeof ClientListPage>;
