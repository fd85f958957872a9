// A studio goes live, from a clean start without demo data: the owner creates the studio in the
// browser (iPad landscape); a visitor books a consultation on its public page from a phone, in
// Chinese, with two photos; the studio confirms; the client answers the health questions and
// signs the consent from the emailed link; the artist reviews the answers. Its own server
// (STIPPLE_DEMO_DATA=false) and a real SMTP server started here; screenshots golive-* land in
// e2e/screenshots/.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioSettings } from '@stipple/core';
import { startSmtpSink, type SmtpSink } from '../packages/server/src/test-support/smtp-sink.js';
import {
  IPAD_LANDSCAPE,
  PHONE,
  drawSignature,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  screenshotFromTop as screenshot,
} from './support/browser.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

export const OWNER = {
  name: 'Priya Shah',
  email: 'priya@north-street.example',
  password: 'copper heron sleeps beside the quiet mill',
};

let browser: Browser;
let sink: SmtpSink;
let server: ServerProcess;
let owner: BrowserContext;
let page: Page;
let visitor: BrowserContext;
let phone: Page;

/** A logo as a studio would have one: white text on a dark badge, as a PNG. */
function logoPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200">
    <rect width="600" height="200" rx="24" fill="#1e2a44"/>
    <circle cx="100" cy="100" r="56" fill="none" stroke="#e8c27a" stroke-width="10" stroke-dasharray="4 10"/>
    <text x="190" y="118" font-family="DejaVu Sans, sans-serif" font-size="52" fill="#ffffff">North Street</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  server = await startServerProcess(port, {
    STIPPLE_DEMO_DATA: 'false',
    STIPPLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    STIPPLE_SMTP_URL: sink.url,
    STIPPLE_SMTP_FROM: 'North Street SMP <studio@north-street.example>',
    STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
  });
  browser = await launchChromium();
  owner = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, baseURL: server.url });
  page = await owner.newPage();
  // A fresh server migrates an empty database first: minutes on a machine shared with others.
}, 300_000);

afterAll(async () => {
  await visitor?.close();
  await owner?.close();
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

describe('a studio goes live', () => {
  it('starts without any studio and says where to create one', () => {
    expect(server.stdout()).toContain(`[stipple] No studio yet: open ${server.url}/setup to create yours`);
    expect(server.stdout()).not.toContain('Demo sign-in');
  });

  it('walks the owner through creating the studio', async () => {
    await page.goto('/');
    await page.waitForURL('**/setup');
    await page.getByTestId('studio-name-input').fill('North Street SMP');
    await page.getByTestId('studio-address').fill('12 North Street, Leeds LS2 7AA, United Kingdom');
    await page.getByTestId('studio-phone').fill('+44 113 496 0123');
    await page.getByTestId('studio-email').fill('hello@north-street.example');
    await screenshot(page, 'golive-01-setup-studio');
    await page.getByTestId('setup-next').click();

    expect(await page.getByTestId('studio-time-zone').inputValue()).toBe('Europe/London');
    expect(await page.getByTestId('studio-language-zh-CN').isChecked()).toBe(true);
    await screenshot(page, 'golive-02-setup-languages');
    await page.getByTestId('setup-next').click();

    // Booking: consultations of 40 minutes, Tuesday to Saturday 10-18, deposit rule in words.
    await page.getByTestId('studio-consultation-minutes').fill('40');
    await page.getByTestId('studio-deposit-required').check();
    await page.getByTestId('studio-deposit-amount').fill('25');
    await page
      .getByTestId('studio-deposit-rule-en')
      .fill('A £25 deposit secures your consultation; refunded if you cancel 48 hours before.');
    await page
      .getByTestId('studio-deposit-rule-zh-CN')
      .fill('预约咨询需支付 25 英镑定金；提前 48 小时取消可退还。');
    await screenshot(page, 'golive-03-setup-booking');
    await page.getByTestId('setup-next').click();

    // A weak password is refused before anything is created.
    await page.getByTestId('owner-name').fill(OWNER.name);
    await page.getByTestId('owner-email').fill(OWNER.email);
    await page.getByTestId('owner-password').fill('northstreet1');
    await page.getByTestId('owner-confirm').fill('northstreet1');
    await page.getByTestId('setup-create').click();
    await page.locator('[data-testid="owner-password"][data-invalid="true"]').waitFor();
    await page.getByTestId('owner-password').fill(OWNER.password);
    await page.getByTestId('owner-confirm').fill(OWNER.password);
    await screenshot(page, 'golive-04-setup-account');
    await page.getByTestId('setup-create').click();
    await page.getByTestId('setup-done').waitFor();

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('logo-upload').click(),
    ]);
    await chooser.setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() });
    await page.getByTestId('studio-logo').waitFor();
    await screenshot(page, 'golive-05-setup-logo');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByTestId('setup-finish').click();
    await page.waitForURL('**/clients');
  });

  it('keeps all of it in the studio settings, where the owner edits it later', async () => {
    await page.getByTestId('nav-studioSettings').click();
    await page.getByTestId('studio-settings').waitFor();
    expect(await page.getByTestId('studio-phone').inputValue()).toBe('+44 113 496 0123');
    expect(await page.getByTestId('studio-slug').inputValue()).toBe('north-street-smp');
    await page.getByTestId('studio-confirmation').getByText('I confirm each one').waitFor();
    await screenshot(page, 'golive-06-studio-settings');
    const settings = await page.evaluate(
      async () => (await (await fetch('/api/studio')).json()) as StudioSettings,
    );
    expect(settings).toMatchObject({
      name: 'North Street SMP',
      consultationMinutes: 40,
      policy: { depositRequired: true, depositAmountMinor: 2500, confirmation: 'manual' },
    });
    expect(settings.logoSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

const VISITOR_EMAIL = 'wang.fang@visitor.example';
const photo = (name: string) => ({
  name,
  mimeType: 'image/jpeg',
  buffer: readFileSync(new URL(`../fixtures/photos/${name}`, import.meta.url)),
});

/** The emails to an address so far, waiting (up to a minute, for the outbox) for the one wanted. */
async function mailTo(address: string, subject: RegExp) {
  for (let i = 0; i < 600; i++) {
    const found = sink.deliveries.find((d) => d.to.includes(address) && subject.test(d.parsed.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address} about ${subject}`);
}

const linkIn = (text: string) => {
  const m = /https?:\/\/[^\s]+\/p\/[A-Za-z0-9_-]{40,}/.exec(text);
  if (!m) throw new Error(`no link in:\n${text}`);
  return m[0];
};

describe('a visitor books from the public page on a phone, in Chinese', () => {
  it('shows the studio, offers free times in the visitor’s time zone, and holds the chosen one', async () => {
    // A phone in Shanghai, its browser in English: the visitor chooses Chinese on the page.
    visitor = await newContext(browser, PHONE, {
      phone: true,
      baseURL: server.url,
      locale: 'en-GB',
      timezoneId: 'Asia/Shanghai',
    });
    phone = await visitor.newPage();
    await phone.goto('/s/north-street-smp');
    await phone.getByTestId('public-studio').waitFor();
    await phone.getByTestId('language-switch').click();
    await phone.getByTestId('language-option-zh-CN').click();
    await phone.getByText('预约咨询').first().waitFor();
    await phone.getByTestId('public-logo').waitFor();
    expect(await phone.getByTestId('deposit-policy').textContent()).toContain('25');
    // Studio hours 10:00-18:00 London are 18:00-02:00 in Shanghai: every time shown is in there.
    await phone.getByTestId('slot-time').first().waitFor();
    for (const time of await phone.getByTestId('slot-time').allTextContents()) {
      // "13:00" or "01:00 PM", as the browser's English formats it.
      const [, h, half] = /^(\d{1,2}):\d\d\s*(AM|PM)?/i.exec(time) ?? [];
      const hour = half ? (Number(h) % 12) + (/pm/i.test(half) ? 12 : 0) : Number(h);
      expect(hour >= 18 || hour < 2, time).toBe(true);
    }
    expect(await phone.getByTestId('slot-picker').textContent()).toContain('Europe/London');
    await screenshot(phone, 'golive-10-phone-public-page');
    expect(await hasHorizontalScroll(phone)).toBe(false);

    // Late in the studio's day the first day offered may have one time left (24 h notice): then
    // the next day, so that the second time of a day is there to choose whatever the hour.
    if ((await phone.getByTestId('slot-time').count()) < 2)
      await phone.getByTestId('slot-day').nth(1).click();
    await expect.poll(() => phone.getByTestId('slot-time').count()).toBeGreaterThan(1);
    await phone.getByTestId('slot-time').nth(1).click();
    await phone.getByTestId('book-given-name').fill('芳');
    await phone.getByTestId('book-family-name').fill('王');
    await phone.getByTestId('book-email').fill(VISITOR_EMAIL);
    await phone.getByTestId('book-phone').fill('+44 7700 900888');
    await phone.getByText('头发稀疏，增加密度').click();
    expect(await phone.getByTestId('concern-density').isChecked()).toBe(true);
    await phone.getByTestId('book-message').fill('头顶稀疏，想增加密度。');
    await phone.getByTestId('book-privacy').check();
    await screenshot(phone, 'golive-11-phone-booking-form');
    await phone.getByTestId('book-submit').click();
    await phone.getByTestId('booking-done').waitFor();

    const [chooser] = await Promise.all([
      phone.waitForEvent('filechooser'),
      phone.getByTestId('add-photos').click(),
    ]);
    // Two real phone photos (6.5 MB together): handing them over is slow on a busy machine.
    await chooser.setFiles([photo('shaved-crown-stubble.jpg'), photo('shaved-top-diffuse.jpg')], {
      timeout: 120_000,
    });
    await phone
      .locator('[data-testid="added-photo"][data-state="done"]')
      .nth(1)
      .waitFor({ timeout: 120_000 });
    expect(await phone.getByTestId('photo-count').textContent()).toContain('2');
    await screenshot(phone, 'golive-12-phone-booked-photos');
    expect(await hasHorizontalScroll(phone)).toBe(false);
  });

  it('proves the email by the link, in Chinese, and the portal shows the request waiting', async () => {
    const mail = await mailTo(VISITOR_EMAIL, /请确认您在 North Street SMP 的咨询预约/);
    await phone.goto(linkIn(mail.parsed.text));
    await phone.getByTestId('open-portal').click();
    await phone.waitForURL('**/portal**');
    await phone.goto('/portal');
    const status = phone.getByTestId('portal-status').first();
    await status.waitFor();
    expect(await status.textContent()).toBe('等待工作室确认');
    await screenshot(phone, 'golive-13-phone-portal-requested');
  });
});

describe('the studio confirms, the client answers at home, the artist reviews', () => {
  it('lists the booking for the studio with the photos, and confirms it', async () => {
    await page.getByTestId('nav-bookings').click();
    const card = page.locator('[data-testid^="booking-"]').filter({ hasText: '王芳' });
    await card.waitFor();
    expect(await card.textContent()).toContain('头顶稀疏');
    expect(await card.locator('img').count()).toBe(2);
    await screenshot(page, 'golive-20-ipad-bookings');
    await card.getByTestId('booking-confirm').click();
    await card.waitFor({ state: 'detached' });
  });

  it('emails the client the confirmation with a calendar file and the health questions link', async () => {
    const mail = await mailTo(VISITOR_EMAIL, /咨询已确认/);
    const ics = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(ics?.content).toContain('BEGIN:VCALENDAR');
    expect(ics?.content).toContain('12 North Street');
    await phone.goto(linkIn(mail.parsed.text));
    await phone.getByTestId('open-portal').click();
    await phone.getByTestId('portal-intake').waitFor();
    await phone.getByTestId('intake-keloidHistory-answer').getByText('否').click();
    await phone.getByTestId('intake-anticoagulants-answer').getByText('是').click();
    await phone.getByTestId('intake-diabetes-answer').getByText('否').click();
    await phone.getByTestId('intake-pregnant-answer').getByText('否').click();
    await phone.getByTestId('intake-notes').fill('每天服用阿司匹林 75 毫克。');
    await screenshot(phone, 'golive-21-phone-intake', false);
    await phone.getByTestId('intake-submit').click();
    await phone.getByTestId('intake-sent').waitFor();
    expect(await hasHorizontalScroll(phone)).toBe(false);
  });

  it('lets the client sign the treatment consent from home', async () => {
    await phone.goto('/portal');
    expect(await phone.getByTestId('portal-status').first().textContent()).toBe('已确认');
    await phone.getByTestId('sign-treatment').waitFor();
    await phone.getByTestId('sign-treatment').scrollIntoViewIfNeeded();
    await drawSignature(phone, phone.getByTestId('sign-treatment').getByTestId('signature-canvas'));
    await phone.getByTestId('sign-treatment-submit').click();
    await phone.getByTestId('signed-treatment').waitFor();
    await screenshot(phone, 'golive-22-phone-portal-signed');
  });

  it('shows the artist the answers, who accepts them into the consultation', async () => {
    await page.getByTestId('nav-clients').click();
    await page.getByText('王芳').first().click();
    await page.getByTestId('tab-consultations').click();
    const review = page.getByTestId('intake-review');
    await review.waitFor();
    expect(await review.textContent()).toContain('Anticoagulants or aspirin: yes');
    expect(await review.textContent()).toContain('每天服用阿司匹林');
    await screenshot(page, 'golive-23-ipad-intake-review');
    await review.getByTestId('intake-accept').click();
    await review.getByTestId('intake-accepted').waitFor();
    await page.getByTestId('tab-consents').click();
    await page.getByTestId('consent-record').first().waitFor();
    await screenshot(page, 'golive-24-ipad-client-consents');
  });

  it('shows the public page on an iPad in the studio’s own time zone', async () => {
    await page.goto('/s/north-street-smp');
    await page.getByTestId('slot-time').first().waitFor();
    // The viewer is in London like the studio: times within its 10:00-18:00, no time zone note.
    for (const time of await page.getByTestId('slot-time').allTextContents()) {
      // "13:00" or "01:00 PM", as the browser's English formats it.
      const [, h, half] = /^(\d{1,2}):\d\d\s*(AM|PM)?/i.exec(time) ?? [];
      const hour = half ? (Number(h) % 12) + (/pm/i.test(half) ? 12 : 0) : Number(h);
      expect(hour >= 10 && hour < 18, time).toBe(true);
    }
    expect(await page.getByTestId('slot-picker').textContent()).not.toContain('Asia/Shanghai');
    await screenshot(page, 'golive-25-ipad-public-page');
    expect(await hasHorizontalScroll(page)).toBe(false);
  });
});
