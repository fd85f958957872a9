// The front desk on an iPad records what happened at the desk: a client who did not come to
// yesterday's consultation is marked a no-show (not offered on the one still to come), and the
// next appointment's deposit is asked (the studio's £20 from its rule) and then paid at the card
// terminal with its receipt number. The client's record shows both, in English and in Chinese,
// and on a phone. Screenshots no-show-deposit-* land in e2e/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@stipple/core';
import { studioInstant } from '../packages/server/src/appointments/studio-time.js';
import {
  IPAD_LANDSCAPE,
  PHONE,
  demoSignIn,
  hasHorizontalScroll,
  launchChromium,
  londonDate,
  newContext,
  pageApi,
  runSuffix,
  screenshotFromTop as screenshot,
  signIn,
} from './support/browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let clientId = '';
let past: Appointment;
let next: Appointment;
const family = `Reyes${runSuffix()}`;

/** Books a consultation on the first weekday hour from `offsetDays` on that the artist has free. */
async function bookFrom(offsetDays: number, step: 1 | -1, artistId: string): Promise<Appointment> {
  for (let day = offsetDays; Math.abs(day) < Math.abs(offsetDays) + 20; day += step) {
    const date = londonDate(day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const hour of [10, 11, 14, 15]) {
      const res = await pageApi<Appointment>(page, 'POST', '/api/appointments', {
        clientId,
        artistId,
        kind: 'consultation',
        startsAt: studioInstant(date, hour * 60, 'Europe/London').toISOString(),
        durationMinutes: 30,
      });
      if (res.status === 201) return res.json;
    }
  }
  throw new Error('no free hour for the artist');
}

/** The client's record, sessions tab, and the row of `appointment`. */
async function openRecord(): Promise<void> {
  await page.goto(`/clients/${clientId}?tab=sessions`);
  await page.getByTestId('client-appointments').waitFor();
}
const rowOf = (a: Appointment) => page.locator(`[data-appointment-id="${a.id}"]`);

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
  page = await context.newPage();
  await signIn(page, demoSignIn('desk'));
  const created = await pageApi<{ id: string }>(page, 'POST', '/api/clients', {
    givenName: 'Jordan',
    familyName: family,
    preferredLanguage: 'en',
  });
  expect(created.status).toBe(201);
  clientId = created.json.id;
  const artists = await pageApi<{ items: { id: string; role: string }[] }>(
    page,
    'GET',
    '/api/calendar/artists',
  );
  const artist = artists.json.items.find((a) => a.role === 'artist') ?? artists.json.items[0]!;
  past = await bookFrom(-1, -1, artist.id);
  next = await bookFrom(3, 1, artist.id);
}, 300_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('no-shows and deposits at the desk', () => {
  it('marks yesterday’s missed consultation a no-show, and offers it on no appointment still to come', async () => {
    await openRecord();
    await rowOf(next).getByRole('button', { name: 'Open' }).click();
    const modal = page.getByTestId('appointment-modal');
    await modal.waitFor();
    expect(await modal.getByTestId('mark-no-show').count()).toBe(0);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });

    await rowOf(past).getByRole('button', { name: 'Open' }).click();
    await modal.getByTestId('mark-no-show').click();
    await modal.getByTestId('no-show-text').fill('Phoned twice, no answer');
    await screenshot(page, 'no-show-deposit-1-mark-ipad');
    await modal.getByTestId('no-show-confirm').click();
    await modal.waitFor({ state: 'detached' });
    await expect
      .poll(() => rowOf(past).getByTestId('client-appointment-status').textContent())
      .toBe('No-show');
    expect(await page.getByTestId('summary-no-shows').textContent()).toMatch(
      /^1 missed appointment \(last on /,
    );

    // The history keeps who said so and the note.
    await rowOf(past).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => modal.textContent()).toContain('Phoned twice, no answer');
    expect(await modal.textContent()).toContain('Marked no-show');
    expect(await modal.getByTestId('undo-no-show').count()).toBe(1);
    expect(await modal.getByTestId('record-session').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('asks the studio’s deposit for the next appointment, then records it paid at the terminal', async () => {
    await openRecord();
    await rowOf(next).getByRole('button', { name: 'Open' }).click();
    const modal = page.getByTestId('appointment-modal');
    expect(await modal.getByTestId('deposit-status').textContent()).toBe('None asked');
    await modal.getByTestId('deposit-ask').click();
    // The studio's rule (demo: £20) is the amount offered.
    expect(await modal.getByTestId('deposit-amount').inputValue()).toBe('20');
    await modal.getByTestId('deposit-save').click();
    await modal.waitFor({ state: 'detached' });
    await expect
      .poll(() => rowOf(next).getByTestId('client-appointment-deposit').textContent())
      .toBe('Deposit owed: £20.00');
    expect(await page.getByTestId('summary-owed').textContent()).toBe(
      'Deposit owed on 1 appointment: £20.00',
    );

    await rowOf(next).getByRole('button', { name: 'Open' }).click();
    await modal.getByTestId('deposit-pay').click();
    await modal.getByTestId('deposit-reference').fill('TRM-0042');
    // A paid deposit says how: the card terminal is the default; cash is one tap away.
    const methods = modal.getByTestId('deposit-method');
    await methods.getByText('Cash', { exact: true }).click();
    await methods.getByText('Card terminal', { exact: true }).click();
    await screenshot(page, 'no-show-deposit-2-pay-ipad');
    await modal.getByTestId('deposit-save').click();
    await modal.waitFor({ state: 'detached' });
    await expect
      .poll(() => rowOf(next).getByTestId('client-appointment-deposit').textContent())
      .toBe('Deposit paid: £20.00, Card terminal');
    expect(await page.getByTestId('summary-owed').count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'no-show-deposit-3-record-ipad');

    await rowOf(next).getByRole('button', { name: 'Open' }).click();
    expect(await modal.getByTestId('deposit-details').textContent()).toContain('Ref. TRM-0042');
    // The history arrives after the modal opens.
    await expect.poll(() => modal.textContent()).toContain('Deposit asked');
    const history = await modal.textContent();
    expect(history).toMatch(/Deposit paid.*£20\.00 · Card terminal · TRM-0042/);
    await page.keyboard.press('Escape');
  });

  it('shows both on the record in Chinese, and on a phone', async () => {
    const zh = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, locale: 'zh-CN' });
    const zhPage = await zh.newPage();
    await zhPage.context().addCookies(await context.cookies());
    await zhPage.goto(`/clients/${clientId}?tab=sessions`);
    const table = zhPage.getByTestId('client-appointments');
    await table.waitFor();
    // The desk's language is kept on their account; this page follows the browser's only if unset.
    const lang = await zhPage.locator('html').getAttribute('lang');
    if (lang !== 'zh-CN') {
      await zhPage.getByTestId('language-switch').click();
      await zhPage.getByRole('menuitem', { name: '简体中文' }).click();
    }
    await expect.poll(() => table.textContent()).toContain('未到场');
    expect(await table.textContent()).toContain('定金已付：£20.00，刷卡机');
    expect(await zhPage.getByTestId('summary-no-shows').textContent()).toMatch(/^1 次未到场/);
    await screenshot(zhPage, 'no-show-deposit-4-record-zh');
    // Back to English for the other specs (the choice is saved on the desk's account).
    await zhPage.getByTestId('language-switch').click();
    await zhPage.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => zhPage.locator('html').getAttribute('lang')).toBe('en');
    await zh.close();

    const phone = await newContext(browser, PHONE, { phone: true });
    await phone.addCookies(await context.cookies());
    const phonePage = await phone.newPage();
    await phonePage.goto(`/clients/${clientId}?tab=sessions`);
    await phonePage.getByTestId('attendance-summary').waitFor();
    await phonePage.getByTestId('client-appointment').first().getByRole('button', { name: 'Open' }).click();
    await phonePage.getByTestId('deposit-panel').waitFor();
    expect(await hasHorizontalScroll(phonePage)).toBe(false);
    await screenshot(phonePage, 'no-show-deposit-5-phone');
    await phone.close();
  });
});
