// A studio goes live, from a clean start without demo data: the owner creates the studio in the
// browser (iPad landscape). Its own server (STIPPLE_DEMO_DATA=false) and a real SMTP server
// started here; screenshots golive-* land in e2e/screenshots/.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioSettings } from '@stipple/core';
import { startSmtpSink, type SmtpSink } from '../packages/server/src/test-support/smtp-sink.js';
import {
  IPAD_LANDSCAPE,
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
});

afterAll(async () => {
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
