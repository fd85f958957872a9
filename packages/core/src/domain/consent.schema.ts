import { z } from 'zod';
import { Id, Timestamp, UiLocale } from './common.schema.js';

/** Kept separate (GDPR: treatment, photo use and marketing are different purposes). */
export const CONSENT_KINDS = ['treatment', 'photo', 'marketing'] as const;
export const ConsentKind = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof ConsentKind>;

export const CreateConsentTemplateRequest = z.strictObject({
  kind: ConsentKind,
  language: UiLocale,
  title: z.string().trim().min(1, { message: 'required' }).max(200),
  body: z.string().trim().min(20, { message: 'tooShort' }).max(50_000),
  /** A treatment consent stops counting after this many months (null: until withdrawn). */
  validityMonths: z.number().int().min(1).max(120).nullable().default(null),
});
export type CreateConsentTemplateRequest = z.infer<typeof CreateConsentTemplateRequest>;

export const ConsentTemplate = z.object({
  id: Id,
  kind: ConsentKind,
  language: UiLocale,
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  validityMonths: z.number().int().nullable(),
  current: z.boolean(),
  createdAt: Timestamp,
});
export type ConsentTemplate = z.infer<typeof ConsentTemplate>;
export const ConsentTemplateList = z.object({ items: z.array(ConsentTemplate) });

export const SignatureDataUrl = z
  .string()
  .max(700_000, { message: 'signatureTooLarge' })
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, { message: 'pngDataUrl' });

export const SignConsentRequest = z.strictObject({
  templateId: Id,
  signerName: z.string().trim().min(1, { message: 'required' }).max(200),
  /** The drawn signature as a PNG data URL (from the signature canvas). */
  signature: SignatureDataUrl,
});
export type SignConsentRequest = z.infer<typeof SignConsentRequest>;

export const WithdrawConsentRequest = z.strictObject({
  reason: z.string().trim().max(1000).default(''),
});
export type WithdrawConsentRequest = z.infer<typeof WithdrawConsentRequest>;

export const CONSENT_STATUSES = ['active', 'withdrawn', 'expired'] as const;

export const ConsentRecord = z.object({
  id: Id,
  clientId: Id,
  templateId: Id,
  kind: ConsentKind,
  language: UiLocale,
  templateVersion: z.number().int(),
  title: z.string(),
  /** The exact text that was signed. */
  body: z.string(),
  signerName: z.string(),
  signedAt: Timestamp,
  witnessedBy: z.object({ id: Id, name: z.string() }).nullable(),
  validUntil: Timestamp.nullable(),
  withdrawnAt: Timestamp.nullable(),
  withdrawalReason: z.string().nullable(),
  status: z.enum(CONSENT_STATUSES),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;
export const ConsentRecordList = z.object({ items: z.array(ConsentRecord) });
export type ConsentRecordList = z.infer<typeof ConsentRecordList>;
