// A studio's treatment records, as a new user works through them in the browser: book a
// consultation and three sessions (the third too early is refused, then allowed with a
// reason), sign the treatment consent with a drawn signature, record the first session with a
// pigment lot and before/after photos, print the aftercare sheet, and see the reminders in the
// outbox. Screenshots of every step land in e2e/screenshots/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_PORTRAIT,
  drawSignature,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  ownerPage,
  runSuffix,
  screenshotFromTop as screenshot,
} from './support/browser.js';
import { renderPdf } from './support/pdf.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let clientUrl: string;
const work = mkdtempSync(join(tmpdir(), 'stipple-e2e-treatment-'));
const suffix = runSuffix();
const clientName = `Łukasz Kowalczyk-${suffix}`;
const shots = new URL('./screenshots/', import.meta.url).pathname;

/** YYYY-MM-DD in the studio's zone (London), `days` after today. */
function londonDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d);
}
const isSunday = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay() === 0;
function workdayAfter(iso: string | null, days: number): string {
  let n = days;
  let date = iso ?? londonDate(0);
  while (n > 0 || isSunday(date)) {
    date = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (!isSunday(date)) n -= 1;
  }
  return date;
}
/** The last workday (not a Sunday) at least `days` calendar days before today. */
function workdayBefore(days: number): string {
  let date = londonDate(-days);
  while (isSunday(date))
    date = new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return date;
}
const consultationDay = workdayAfter(null, 1);
// The first session took place two days ago: a session can only be completed from its own day.
const session1Day = workdayBefore(2);
/** `days` calendar days later, moved on to Monday when that is a Sunday (the studio is closed). */
function calendarDaysAfter(iso: string, days: number): string {
  const date = new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return isSunday(date) ? calendarDaysAfter(date, 1) : date;
}
const session2Day = calendarDaysAfter(session1Day, 15);
const session3Day = calendarDaysAfter(session2Day, 7);

async function photo(name: string, shade: number): Promise<string> {
  const path = join(work, name);
  await sharp({
    create: { width: 1200, height: 900, channels: 3, background: { r: shade, g: shade - 20, b: shade - 40 } },
  })
    .composite([
      {
        input: Buffer.from(
          `<svg width="1200" height="900"><ellipse cx="600" cy="450" rx="420" ry="330" fill="rgb(${shade + 30},${shade},${shade - 20})"/><text x="60" y="120" font-size="80" fill="#222">${name}</text></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 88 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toFile(path);
  return path;
}

async function chooseOption(
  label: RegExp | string,
  option: RegExp | string,
  scope: Page | ReturnType<Page['getByTestId']> = page,
) {
  await scope.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

async function fillDate(scope: ReturnType<Page['getByTestId']>, label: RegExp, iso: string) {
  const input = scope.getByLabel(label).first();
  await input.fill(iso);
  await input.press('Enter');
  await input.blur();
}

async function book(kind: 'Consultation' | 'Session', day: string, time = '10:00') {
  await page.getByTestId('client-book').click();
  const dialog = page.getByTestId('book-appointment');
  await dialog.waitFor();
  await dialog.getByText(kind, { exact: true }).click();
  await fillDate(dialog, /^Date/, day);
  await dialog.getByLabel(/^Time/).fill(time);
  return dialog;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await ownerPage(context);
});
afterAll(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
});

describe('treatment records', () => {
  it('books a consultation and three sessions; the third, too early, only with a reason', async () => {
    await page.getByTestId('new-client').click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.getByLabel(/^Given name/).fill('Łukasz');
    await dialog.getByLabel(/^Family name/).fill(`Kowalczyk-${suffix}`);
    await dialog.getByLabel(/^Email/).fill(`lukasz.${suffix}@example.pl`);
    await dialog.getByTestId('create-client-submit').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    clientUrl = page.url();

    await page.getByTestId('tab-sessions').click();
    let form = await book('Consultation', consultationDay);
    await screenshot(page, '50-book-consultation');
    await form.getByTestId('book-submit').click();
    await form.waitFor({ state: 'detached' });

    form = await book('Session', session1Day);
    // Booked before the client has a treatment: "Required" under it, gone once there is one (it
    // used to stay under the treatment just created until the next Book).
    await form.getByTestId('book-submit').click();
    await expect.poll(() => form.getByTestId('book-course').getAttribute('aria-invalid')).toBe('true');
    await form.getByTestId('new-course-title').fill('FUE scar camouflage');
    await form.getByTestId('create-course').click();
    await expect.poll(() => form.getByTestId('book-course').inputValue()).toContain('FUE scar camouflage');
    expect(await form.getByTestId('book-course').getAttribute('aria-invalid')).not.toBe('true');
    await form.getByLabel(/^Minutes/).fill('180');
    await screenshot(page, '51-book-session-1');
    await form.getByTestId('book-submit').click();
    await form.waitFor({ state: 'detached' });

    form = await book('Session', session2Day);
    await form.getByTestId('book-submit').click();
    await form.waitFor({ state: 'detached' });

    form = await book('Session', session3Day);
    await form.getByTestId('book-submit').click();
    const refusal = form.getByTestId('interval-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/Only [78] days from the session on .* at least 14 days/);
    await screenshot(page, '52-third-session-refused');
    // The form's own Book without a reason: the box stays, and says the reason is missing (it
    // used to vanish, leaving "please correct reason" and no field to correct).
    await form.getByTestId('book-submit').click();
    await expect
      .poll(() => form.getByTestId('interval-refused-reason').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await refusal.textContent()).toMatch(/Only [78] days from the session on/);
    expect(await form.getByTestId('booking-error').count()).toBe(0);
    await form.getByTestId('interval-refused-reason').fill('Client flies home early; scalp healed well');
    await form.getByTestId('interval-refused-confirm').click();
    await form.waitFor({ state: 'detached' });

    const rows = page.getByTestId('client-appointment');
    await expect.poll(() => rows.count()).toBe(4);
    const text = await page.getByTestId('client-appointments').textContent();
    expect(text).toContain('Consultation');
    expect(text).toMatch(/Session 1.*Session 2.*Session 3/s);
    expect(text).toContain('Client flies home early');
    await screenshot(page, '53-appointments-booked');
  });

  it('shows the bookings in the calendar week', async () => {
    await page.goto('/calendar');
    await page.getByTestId('calendar-week').waitFor();
    if ((await page.getByTestId(`day-${consultationDay}`).count()) === 0)
      await page.getByTestId('next-week').click();
    const booking = page
      .getByTestId(`day-${consultationDay}`)
      .getByTestId('calendar-appointment')
      .filter({ hasText: clientName });
    await booking.first().waitFor();
    // One booking that day, the consultation at the time it was booked for.
    expect(await booking.count()).toBe(1);
    expect(await booking.textContent()).toContain('Consultation');
    expect(await booking.textContent()).toContain('10:00');
    await screenshot(page, '54-calendar-week');
  });

  it('signs the treatment consent with a drawn signature', async () => {
    await page.goto(`${clientUrl}?tab=consents`);
    await page.getByTestId('sign-consent').click();
    const dialog = page.getByTestId('sign-dialog');
    await dialog.getByTestId('consent-text').waitFor();
    expect(await dialog.getByTestId('consent-text').textContent()).toContain('scalp micropigmentation');
    const box = await drawSignature(page, dialog.getByTestId('signature-canvas'));
    await screenshot(page, '55-consent-signature');
    await dialog.getByTestId('confirm-sign').click();
    await dialog.waitFor({ state: 'detached' });
    const record = page.getByTestId('consent-record').first();
    expect(await record.getByTestId('consent-status').textContent()).toBe('Active');
    // The stored signature is the stroke drawn above: inked across the share of the pad it swept.
    const pdfHref = (await record.getByTestId('consent-pdf').getAttribute('href')) ?? '';
    const consentId = /^\/api\/consents\/([0-9a-f-]{36})\/pdf$/.exec(pdfHref)?.[1];
    expect(consentId, pdfHref).toBeTypeOf('string');
    const stored = await context.request.get(`/api/consents/${consentId}/signature`);
    expect(stored.status()).toBe(200);
    const { data, info } = await sharp(await stored.body())
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    let left = info.width;
    let right = -1;
    for (let i = 0; i < data.length; i++)
      if (data[i]! < 128) {
        left = Math.min(left, i % info.width);
        right = Math.max(right, i % info.width);
      }
    expect((right - left) / info.width).toBeGreaterThan((0.8 * 24 * 14) / box.width);
    await screenshot(page, '56-consent-signed');
  });

  it('records the first session with a pigment lot and before/after photos', async () => {
    await page.goto(`${clientUrl}?tab=sessions`);
    await page.getByTestId('open-session-record').first().click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\/session$/);
    const chart = page.getByTestId('session-record');
    await chart.waitFor();

    // The expired demo lot is refused by the server, naming it.
    await chooseOption('Pigment lot', /CB-2404-17/, chart);
    await page.getByTestId('complete-session').click();
    await chart.getByText(/Expired on .*, before the session on .*: it cannot be used/).waitFor();
    await screenshot(page, '57-expired-lot-refused');

    await chooseOption('Pigment lot', /CB-2609-03/, chart);
    await chart.getByTestId('dilution').fill('1:20 distilled water');
    await chooseOption('Needle lot', /3RL/, chart);
    await chart.getByText('Donor area', { exact: true }).click();
    await chart.getByText('Scar', { exact: true }).click();
    await chart.getByTestId('session-duration').fill('175');
    await chart.getByTestId('session-notes').fill('First, light pass over the FUE donor area.');
    for (const [role, file] of [
      ['before', await photo('before.jpg', 170)],
      ['after', await photo('after.jpg', 140)],
    ] as const) {
      const chooser = page.waitForEvent('filechooser');
      await chart.getByTestId(`upload-${role}`).click();
      await (await chooser).setFiles(file);
      await expect.poll(() => chart.getByTestId('session-photo').count()).toBe(role === 'before' ? 1 : 2);
    }
    await screenshot(page, '58-session-filled');
    await page.getByTestId('complete-session').click();
    await expect.poll(() => page.getByTestId('session-status').textContent()).toBe('Completed');
    await screenshot(page, '59-session-completed');
  });

  it('prints the aftercare sheet, which is not blank', async () => {
    await page.goto(`${clientUrl}?tab=aftercare`);
    await page.getByTestId('aftercare-session').waitFor();
    await screenshot(page, '60-aftercare-schedule');
    const download = page.waitForEvent('download');
    await page.getByTestId('aftercare-pdf').click();
    const file = join(work, 'aftercare.pdf');
    await (await download).saveAs(file);
    const look = await renderPdf(file, join(shots, '61-aftercare-sheet-pdf.png'));
    expect(look.ink.length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...look.ink)).toBeGreaterThan(0.005);
    expect(look.text).toContain(clientName);
    expect(look.text).toContain('Keep your scalp dry');
  });

  it('shows the photos and the progress view on the client page', async () => {
    await page.goto(`${clientUrl}?tab=photos`);
    await expect.poll(() => page.getByTestId('photo-card').count()).toBe(2);
    await screenshot(page, '62-client-photos');
    await page.getByText('Progress by session').click();
    await page.getByTestId('progress-view-select').click();
    await page.getByRole('option', { name: 'Back' }).click();
    const progress = page.getByTestId('progress-view');
    await progress.getByText(/Session 1/).waitFor();
    expect(await progress.locator('img').count()).toBe(2);
    await screenshot(page, '62b-progress-view');
  });

  it('lists the reminders in the outbox for the owner', async () => {
    await page.goto('/consent?tab=outbox');
    const table = page.getByTestId('outbox-table');
    await table.waitFor();
    await expect
      .poll(async () => (await table.textContent()) ?? '')
      .toContain('Aftercare: Keep your scalp dry');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(clientName);
    expect(text).toContain('Reminder: your appointment');
    expect(text).toContain('Time for a touch-up');
    expect(await page.getByTestId('smtp-not-configured').isVisible()).toBe(true);
    await screenshot(page, '63-outbox');
  });

  it('finds the client in a recall of the pigment lot', async () => {
    await page.goto('/inventory');
    const row = page.getByTestId('lot-row').filter({ hasText: 'CB-2609-03' });
    await row.getByTestId('recall-lot').click();
    const report = page.getByTestId('recall-report');
    const use = report.getByRole('row').filter({ hasText: clientName });
    await use.first().waitFor();
    // The session that used the lot: one row, the first session.
    expect(await use.count()).toBe(1);
    expect(await use.textContent()).toContain('Session 1');
    await screenshot(page, '64-recall');
  });

  it('works on an iPad: calendar and session chart without sideways scrolling', async () => {
    const tablet = await newContext(browser, IPAD_PORTRAIT, { tablet: true });
    const ipad = await ownerPage(tablet);
    await ipad.goto('/calendar');
    await ipad.getByTestId('calendar-week').waitFor();
    if ((await ipad.getByTestId(`day-${consultationDay}`).count()) === 0)
      await ipad.getByTestId('next-week').tap();
    await ipad.getByTestId(`day-${consultationDay}`).getByText(clientName).first().waitFor();
    expect(await hasHorizontalScroll(ipad)).toBe(false);
    await screenshot(ipad, '65-ipad-calendar', false);
    await ipad.goto(`${clientUrl}?tab=sessions`);
    await ipad.getByTestId('open-session-record').first().tap();
    await ipad.getByTestId('session-record').waitFor();
    expect(await hasHorizontalScroll(ipad)).toBe(false);
    await screenshot(ipad, '66-ipad-session-record', false);
    await tablet.close();
  });
});
