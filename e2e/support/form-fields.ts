// Reading a form as a person does: the message under a field, and the language the pages speak.
import type { Locator, Page } from 'playwright-core';

/** Sets the signed-in user's language (the pages opened after it speak it). */
export async function useLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.evaluate(async (l) => {
    const me = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    await fetch('/api/me/preferences', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ locale: l }),
    });
  }, locale);
}

/**
 * The error Mantine shows under an input (the one of its aria-describedby ids that ends in
 * `-error`, not the hint), or '' when there is none. The input by test id, or a locator.
 */
export async function errorOf(page: Page, input: string | Locator): Promise<string> {
  const field = typeof input === 'string' ? page.getByTestId(input) : input;
  const ids = ((await field.getAttribute('aria-describedby')) ?? '')
    .split(/\s+/)
    .filter((id) => id.endsWith('-error'));
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ').trim();
}
