import type { z } from 'zod';

/** A translation function as i18next's `t`, narrowed to what these helpers need. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The shared schemas (and so the server's `fields[].message`) speak English. These patterns turn
 * each message they use into a translation key, so the same rule reads naturally in every language.
 */
const unitOf = (word: string): string =>
  word.startsWith('minute') ? 'minutes' : word.startsWith('hour') ? 'hours' : 'days';

const MESSAGE_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => [string, Record<string, unknown>?]]> = [
  [/^is required$/i, () => ['validation.required']],
  [/^must be at most (\d+) characters$/i, (m) => ['validation.maxLength', { max: Number(m[1]) }]],
  [/^must be at least (\d+) characters$/i, (m) => ['validation.minLength', { min: Number(m[1]) }]],
  [/^must be an email address$/i, () => ['validation.email']],
  [/^must be a phone number/i, () => ['validation.phone']],
  [/^must have at least 5 digits$/i, () => ['validation.phoneDigits']],
  [/^must be a real date/i, () => ['validation.date']],
  [/^must be after 1900$/i, () => ['validation.dateAfter1900']],
  [/^must not be in the future$/i, () => ['validation.notFuture']],
  [/^must be a language tag/i, () => ['validation.languageTag']],
  [/^nothing to change$/i, () => ['validation.nothingToChange']],
  [/^must be a time zone/i, () => ['validation.timeZone']],
  [/^must be lower-case letters, digits and (single )?hyphens/i, () => ['validation.slug']],
  [
    /^must be a whole number of (minutes|hours|days)$/i,
    (m) => [`validation.wholeNumber.${unitOf(m[1]!.toLowerCase())}`],
  ],
  [/^must be a whole number of the smallest unit/i, () => ['validation.money']],
  [
    /^must be at least (\d+) (minutes?|hours?|days?)$/i,
    (m) => [`validation.atLeast.${unitOf(m[2]!)}`, { n: Number(m[1]) }],
  ],
  [
    /^must be at most (\d+) (minutes?|hours?|days?)$/i,
    (m) => [`validation.atMost.${unitOf(m[2]!)}`, { n: Number(m[1]) }],
  ],
  [/^must not be negative$/i, () => ['validation.notNegative']],
  [/^must offer at least one language$/i, () => ['validation.oneLanguage']],
  [/^must not name a (language|day) twice$/i, () => ['validation.twice']],
  [/^must be a three-letter currency code/i, () => ['validation.currency']],
  [/^must offer at least one consultation type$/i, () => ['validation.oneType']],
  [/^must be at most 10 types$/i, () => ['validation.tenTypes']],
  [/^must not use a key twice$/i, () => ['validation.twice']],
  [/^must name at least one day$/i, () => ['validation.oneDay']],
  [/^must end after it starts$/i, () => ['validation.endAfterStart']],
  [/^is taken by another studio$/i, () => ['validation.slugTaken']],
  [/^already has an account here$/i, () => ['validation.emailTaken']],
  // The server's password strength rule; its English details repeat what the strength meter shows.
  [/^is too easy to guess: it is built from your own/i, () => ['validation.builtFromPersonal']],
  [/^is too easy to guess/i, () => ['validation.tooEasyToGuess']],
  [/^is not your current password$/i, () => ['validation.notCurrentPassword']],
  [/^is the same as the current password$/i, () => ['validation.sameAsCurrent']],
  [/^must be one of en, zh-CN/i, () => ['validation.documentLanguage']],
  [/^must not contain a null character/i, () => ['validation.nullCharacter']],
  [/^is not valid Unicode text/i, () => ['validation.unpairedSurrogate']],
  [/^is only for owners and artists$/i, () => ['validation.clinicalOnly']],
  [
    /^is larger than (\d+)×(\d+) pixels$/i,
    (m) => ['validation.imageTooLarge', { width: Number(m[1]), height: Number(m[2]) }],
  ],
  [/^is not a readable PNG image$/i, () => ['validation.notPng']],
  [/^is empty: the client must draw a signature$/i, () => ['validation.signatureEmpty']],
];

/** Translates one validation message; a message we don't know is shown as the server wrote it. */
export function translateValidationMessage(message: string, t: Translate): string {
  for (const [re, toKey] of MESSAGE_PATTERNS) {
    const m = re.exec(message.trim());
    if (m) {
      const [key, opts] = toKey(m);
      return t(key, opts);
    }
  }
  return message;
}

/** Translates a zod issue from validating in the browser, using its code where zod wrote its own text. */
export function translateIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const known = translateValidationMessage(issue.message, t);
  if (known !== issue.message) return known;
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { max: Number(issue.maximum) });
      break;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.minLength', { min: Number(issue.minimum) });
      }
      break;
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      break;
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return t('validation.required');
      break;
    default:
      break;
  }
  return issue.message || t('validation.invalid');
}
