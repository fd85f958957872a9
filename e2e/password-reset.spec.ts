// A forgotten password, as a person gets out of it: "Forgot your password?" on the sign-in page,
// the emailed one-time link (a real SMTP server receives it), a new password judged on the page,
// signed in with it, and the link dead afterwards; in English at iPad size and in Chinese at phone
// size. The shared e2e server has no email and no public address (as on a newcomer's machine), so
// this file starts a server of its own that has both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SLOW_MACHINE_MS,
  freePort,
  startChildServer,
  stopChildServers,
  type ChildServer,
} from '../packages/server/src/test-support/child-server.js';
import {
  mailText,
  startSmtpSink,
  type Delivery,
  type SmtpSink,
} from '../packages/server/src/test-support/smtp-sink.js';
import { IPAD_LANDSCAPE, launchChromium, screenshot } from './support/browser.js';

const PHONE = { width: 390, height: 844 };
const DEMO_PASSWORD = 'reset spec kettle lanterns marching';
const OWNER = 'owner@demo-studio.example';
const ARTIST = 'artist@demo-studio.example';

let browser: Browser;
let sink: SmtpSink;
let server: ChildServer;
let dataDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  sink = await startSmtpSink();
  dataDir = mkdtempSync(join(tmpdir(), 'stipple-e2e-reset-'));
  const port = await freePort();
  server = await startChildServer(
    {
      NODE_ENV: 'production',
      STIPPLE_DATA_DIR: dataDir,
      STIPPLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      STIPPLE_DEMO_PASSWORD: DEMO_PASSWORD,
      STIPPLE_SMTP_URL: sink.url,
      STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
      STIPPLE_OUTBOX_RETRY_SECONDS: '1',
      DATABASE_URL: '',
    },
    port,
  );
}, SLOW_MACHINE_MS);

afterAll(async () => {
  await browser.close();
  await stopChildServers();
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(viewport: { width: number; height: number }, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    locale,
    timezoneId: 'Europe/London',
    deviceScaleFactor: 2,
    hasTouch: true,
    isMobile: true,
  });
  return context.newPage();
}

/** The reset link in the newest email to `to`, waiting for the outbox to send it. */
async function resetLink(to: string, count: number): Promise<string> {
  let mails: Delivery[] = [];
  await expect
    .poll(
      () => {
        mails = sink.deliveries.filter((d) => d.to.includes(to));
        return mails.length;
      },
      { timeout: SLOW_MACHINE_MS },
    )
    .toBe(count);
  const link = new RegExp(`${server.url}/reset-password/[A-Za-z0-9_-]{40,}`).exec(mailText(mails.at(-1)!));
  if (!link) throw new Error(`no reset link in:\n${mailText(mails.at(-1)!)}`);
  return link[0];
}

async function signInWith(page: Page, email: string, password: string) {
  await page.getByLabel(/^(Email|邮箱)/).fill(email);
  await page.getByLabel(/^(Password|密码)/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
}

describe('forgotten password', () => {
  it('iPad, English: asks for a link, sets a new password through it, signs in; the link then is dead', async () => {
    const page = await newPage(IPAD_LANDSCAPE);
    await page.goto('/sign-in');
    await page.getByTestId('forgot-password').tap();
    await page.waitForURL('**/forgot-password');
    await page.getByTestId('reset-email').fill(OWNER);
    await screenshot(page, '98-ipad-forgot-password', false);
    await page.getByTestId('reset-request').tap();
    expect(await page.getByTestId('reset-requested').textContent()).toContain(OWNER);
    // An address without an account gets the same answer and no email.
    await page.goto('/forgot-password');
    await page.getByTestId('reset-email').fill('nobody@demo-studio.example');
    await page.getByTestId('reset-request').tap();
    await page.getByTestId('reset-requested').waitFor();

    const link = await resetLink(OWNER, 1);
    expect(sink.deliveries.filter((d) => d.to.includes('nobody@demo-studio.example'))).toEqual([]);
    await page.goto(link);
    await page.getByTestId('reset-submit').waitFor();
    expect(await page.getByText('choose a new password. This link works until').count()).toBe(1);
    // A password built from the studio's name is refused on the page, before it is sent.
    await page.getByTestId('new-password').fill('demo studio owner');
    await page.getByTestId('new-password-confirm').fill('demo studio owner');
    await page.getByTestId('reset-submit').tap();
    await page.getByText('it is built from your own name, email or studio').first().waitFor();
    const newPassword = 'quiet harbour lamps at dawn';
    await page.getByTestId('new-password').fill(newPassword);
    await page.getByTestId('new-password-confirm').fill(newPassword);
    await screenshot(page, '99-ipad-reset-password', false);
    await page.getByTestId('reset-submit').tap();
    await page.waitForURL('**/sign-in');
    await page.getByText('Your new password is set.').waitFor();
    await screenshot(page, '99b-ipad-reset-done', false);

    await signInWith(page, OWNER, DEMO_PASSWORD);
    await page.getByTestId('sign-in-error').waitFor();
    await signInWith(page, OWNER, newPassword);
    await page.waitForURL('**/clients');

    await page.goto(link);
    expect(await page.getByTestId('reset-link-invalid').textContent()).toContain(
      'This reset link has expired or was used already.',
    );
    await page.context().close();
  });

  it('phone, Chinese: the same pages in Simplified Chinese', async () => {
    const page = await newPage(PHONE, 'zh-CN');
    await page.goto('/forgot-password');
    await page.getByRole('heading', { name: '重置密码' }).waitFor();
    await page.getByTestId('reset-email').fill(ARTIST);
    await page.getByTestId('reset-request').tap();
    await page.getByTestId('reset-requested').waitFor();
    await screenshot(page, '99c-phone-zh-forgot-password', false);

    await page.goto(await resetLink(ARTIST, 1));
    await page.getByTestId('reset-submit').waitFor();
    await page.getByTestId('new-password').fill('另一个 安静的 港口 灯光');
    const submit = (await page.getByTestId('reset-submit').boundingBox())!;
    expect(submit.x + submit.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, '99d-phone-zh-reset-password');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.context().close();
  });
});
