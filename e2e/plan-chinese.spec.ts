// The treatment plan in Chinese on an iPad in landscape (1180×820), as an artist reads it to a
// client: the plan tab, a rule's popover, the dialog that changes one of the plan's values, and
// the booking dialog that warns of the plan's decision. No English sentence, no field path and no
// schema wording may reach any of them (issue 11: reasons, zone notes, aftercare rows and
// assumptions stayed English; "sessions.count: …" and a raw JSON condition reached the artist).
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_LANDSCAPE,
  isOnScreen,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  runSuffix,
  screenshot,
} from './support/browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const suffix = runSuffix();
let clientId: string;
let consultationId: string;

/** A request of the signed-in page (its cookie and CSRF token), answering the JSON body. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await pageApi<T>(page, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/**
 * Words in Latin letters that are not Chinese text left in English: names of scales, codes and
 * units a Chinese studio writes as they are, the trade's terms given beside the Chinese as Chinese
 * texts do ("晕色，即 blow-out", "AHA（果酸）", "SPF 30-60"), and the client's own name.
 */
const KEPT = new Set(
  `Norwood Fitzpatrick Ludwig Savin FUT FUE SMP RL mm cm cm² ml PDF ΔE blow-out AHA SPF Yang ${suffix}`.split(
    ' ',
  ),
);

/** Latin words of three letters or more that are not kept as they are. */
function englishIn(text: string): string[] {
  const words = text.match(/[A-Za-z][A-Za-z'-]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !KEPT.has(w) && !/^[IVX]+[ab]?$/.test(w)))];
}

/** Field paths and schema wording: what a developer reads, never a user. */
const DEVELOPER_TEXT = /\b\w+\.\w+\.\w+|\bsessions\.count\b|expected|Too small|Invalid|domain\.md|[{}]/;

/**
 * The text a person reads in `locator`. The ids of the rules a plan cites (its references, such as
 * "scar.maturity") are left out: they are citations, looked up by tapping them.
 */
async function textOf(locator: Locator): Promise<string> {
  const text = await locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const chip of copy.querySelectorAll('[data-testid^="rule-"]')) chip.remove();
    document.body.appendChild(copy);
    const read = copy.innerText;
    copy.remove();
    return read;
  });
  return text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, locale: 'zh-CN' });
  page = await ownerPage(context);
  await api('PATCH', '/api/me/preferences', { locale: 'zh-CN' });
  // A scar three months old: the plan says to wait until it has healed for a year.
  clientId = (
    await api<{ id: string }>('POST', '/api/clients', {
      givenName: '芳',
      familyName: `Yang ${suffix}`,
      preferredLanguage: 'zh-CN',
    })
  ).id;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  consultationId = (
    await api<{ id: string }>('POST', `/api/clients/${clientId}/consultations`, {
      assessment: {
        consultationDate: today,
        ageYears: 41,
        fitzpatrick: 'III',
        hairLoss: { scale: 'norwood', stage: 'III' },
        scars: [{ cause: 'surgery', texture: 'flat', lengthMm: 40, widthMm: 2, ageMonths: 3 }],
      },
    })
  ).id;
  await api('POST', `/api/consultations/${consultationId}/plans`, { basedOnVersion: 0, overrides: [] });
  await api('POST', `/api/clients/${clientId}/courses`, { title: '疤痕遮盖', consultationId });
});
afterAll(async () => {
  await api('PATCH', '/api/me/preferences', { locale: 'en' }).catch(() => undefined);
  await browser.close();
});

describe('the plan in Chinese on an iPad in landscape', () => {
  it('reads in Chinese: decision, reasons, zones, aftercare and assumptions', async () => {
    await page.goto(`/consultations/${consultationId}?tab=plan`);
    const plan = page.getByTestId('plan-document');
    await plan.waitFor();
    await screenshot(page, '120-plan-zh-ipad');
    expect(await textOf(page.getByTestId('plan-eligibility'))).toMatch(/\p{Script=Han}/u);
    const text = await textOf(plan);
    expect(englishIn(text)).toEqual([]);
    expect(text).not.toMatch(DEVELOPER_TEXT);
  });

  it("explains a rule in the reader's words, with its published sources", async () => {
    const chip = page.locator('button[data-testid^="rule-"]').first();
    await chip.click();
    const popover = page.getByTestId('rule-source');
    await popover.waitFor();
    const description = await textOf(popover.getByTestId('rule-description'));
    expect(description).toMatch(/\p{Script=Han}/u);
    expect(englishIn(description)).toEqual([]);
    expect(description).not.toMatch(DEVELOPER_TEXT);
    // The sources are published works, cited as published; our research notes never show.
    expect(await popover.innerText()).not.toMatch(/domain\.md|§|[{}]/);
    await screenshot(page, '121-plan-rule-zh-ipad', false);
    // Opened by a tap, focus stays on the chip: Escape still closes what it opened.
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
  });

  it('changes a value in a dialog that speaks Chinese and keeps its actions in sight', async () => {
    await page.getByTestId('edit-sessions.count').click();
    const dialog = page.getByRole('dialog', { name: /^修改/ });
    await dialog.waitFor();
    await page.getByTestId('override-value').fill('-2');
    await page.getByTestId('override-reason').fill('客户要求');
    await page.getByTestId('override-apply').click();
    await expect.poll(() => page.getByTestId('override-value').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '122-plan-override-zh-ipad', false);
    const text = await textOf(dialog);
    expect(englishIn(text)).toEqual([]);
    expect(text).not.toMatch(DEVELOPER_TEXT);
    expect(await page.getByTestId('override-value').inputValue()).toBe('-2');
    expect(await isOnScreen(page.getByTestId('override-apply'))).toBe(true);
    const apply = await page.getByTestId('override-apply').boundingBox();
    expect(apply!.y + apply!.height).toBeLessThanOrEqual(820);
    await page.keyboard.press('Escape');
    // Leaving with a changed value asks first; the change is discarded.
    const discard = page.getByTestId('discard-changes');
    // The question comes a moment after the key on a busy machine: wait for it (or for the dialog
    // to be gone) rather than look once.
    await expect
      .poll(async () => (await discard.isVisible().catch(() => false)) || (await dialog.count()) === 0)
      .toBe(true);
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await dialog.waitFor({ state: 'detached' });
  });

  it("warns of the plan's decision before booking a session, in Chinese, with the reason asked for", async () => {
    await page.goto(`/clients/${clientId}`);
    await page.getByTestId('tab-sessions').click();
    await page.getByTestId('client-book').click();
    const dialog = page.getByTestId('book-appointment');
    await dialog.waitFor();
    await dialog.getByTestId('book-kind').getByText('治疗', { exact: true }).click();
    // A day before the plan's date: the scar is three months old, the plan waits until it is a year.
    const soon = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(Date.now() + 7 * 86_400_000),
    );
    const date = dialog.getByTestId('book-date');
    await date.fill(soon);
    await date.press('Enter');
    await date.blur();
    const refused = dialog.getByTestId('plan-refused');
    await refused.waitFor();
    await screenshot(page, '123-plan-gate-zh-ipad', false);
    const text = await textOf(refused);
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(englishIn(text)).toEqual([]);
    expect(text).not.toMatch(DEVELOPER_TEXT);
    const submit = dialog.getByTestId('book-submit');
    const box = await submit.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(820);
  });
});
