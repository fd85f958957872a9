// The language of a request's answers: what the client asks for in Accept-Language (the web app
// sends its UI language), else the signed-in user's saved language, else English.
import { UI_LOCALES, type UiLocale } from '@stipple/core';
import type { FastifyRequest } from 'fastify';

/** The best of our languages in an Accept-Language header (`zh-CN,zh;q=0.9,en;q=0.8`), or null. */
export function localeFromAcceptLanguage(header: string | undefined): UiLocale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q=([\d.]+)\s*$/.exec(a)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    // Traditional Chinese is not Simplified Chinese: such a reader gets English rather than a guess.
    if (tag.startsWith('zh')) {
      if (!/hant|-tw\b|-hk\b|-mo\b/.test(tag)) return 'zh-CN';
      continue;
    }
    const exact = UI_LOCALES.find((l) => l.toLowerCase() === tag || tag.startsWith(`${l.toLowerCase()}-`));
    if (exact) return exact;
  }
  return null;
}

export function requestLocale(request: FastifyRequest): UiLocale {
  const raw: unknown = request.headers['accept-language'];
  const header = typeof raw === 'string' ? raw : undefined;
  return localeFromAcceptLanguage(header) ?? request.sessionInfo?.user.locale ?? 'en';
}
