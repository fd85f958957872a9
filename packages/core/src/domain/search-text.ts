/**
 * Folds text for accent- and case-insensitive search: "José Núñez" and "jose nunez" fold to the
 * same string. Done in code rather than with PostgreSQL's `unaccent` so that PGlite and every
 * PostgreSQL server agree, and so the web app can highlight matches the same way.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Phone numbers are searched by their digits only, so "+44 20 7946" finds "+442079460000". */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}
