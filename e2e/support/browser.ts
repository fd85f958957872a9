import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { DemoSignIn } from './provided.js';

const screenshotDir = new URL('../screenshots/', import.meta.url).pathname;

/** Debian's Chromium: browsers cannot be downloaded here. `extraArgs`: a spec's own switches (a fake camera). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export const baseUrl = (): string => inject('e2eBaseUrl');

/** YYYY-MM-DD in the demo studio's zone (London), `days` after today (negative: before). */
export function londonDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export function demoSignIn(who: 'owner' | 'artist' | 'desk'): DemoSignIn {
  const signIn = inject('e2eDemoSignIns')[who];
  if (!signIn) throw new Error(`the server printed no demo sign-in for ${who}`);
  return signIn;
}

export const DESKTOP = { width: 1280, height: 860 };
export const IPAD_PORTRAIT = { width: 820, height: 1180 };
export const IPAD_LANDSCAPE = { width: 1180, height: 820 };
/** An iPhone 14/15 in portrait. */
export const PHONE = { width: 390, height: 844 };

export async function newContext(
  browser: Browser,
  viewport = DESKTOP,
  options: { tablet?: boolean; phone?: boolean; locale?: string; baseURL?: string; timezoneId?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL ?? baseUrl(),
    viewport,
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'Europe/London',
    ...(options.tablet || options.phone ? { deviceScaleFactor: 2, hasTouch: true, isMobile: true } : {}),
  });
  // Generous: on a shared machine under load (2 cores, load 15), loading the app in Chromium took
  // longer than 15 s. A wait for something that never comes still fails, only later.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(90_000);
  return context;
}

/** Saves e2e/screenshots/<name>.png (git-ignored) to look at what a user sees. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let notifications and transitions settle so the picture shows the steady state.
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** A screenshot from the top of the page (a scrolled full-page capture shows the fixed header mid-page). */
export async function screenshotFromTop(page: Page, name: string, fullPage = true): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name, fullPage);
}

/**
 * Five random letters, so that the names a spec file makes are its own in this run. Letters only:
 * digits in a search would also match phone numbers.
 */
export function runSuffix(): string {
  return Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

/**
 * A browser context already signed in as the owner, with the session global-setup made (see
 * `e2eOwnerSession`), opened on the client list once `ready` shows (on a phone the list is cards,
 * not the table).
 */
export async function ownerPage(context: BrowserContext, ready = 'client-table'): Promise<Page> {
  const { name, value } = inject('e2eOwnerSession');
  await context.addCookies([{ name, value, url: baseUrl() }]);
  const page = await context.newPage();
  await page.goto('/clients');
  await page.getByTestId(ready).waitFor();
  return page;
}

/** Signs in through the sign-in page, as a person would, and waits for the client list. */
export async function signIn(page: Page, who: DemoSignIn): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel(/^(Email|邮箱)/).fill(who.email);
  await page.getByLabel(/^(Password|密码)/).fill(who.password);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await page.waitForURL('**/clients');
}

/**
 * True when the page itself scrolls sideways (content wider than the viewport). Against the root's
 * clientWidth, not innerWidth: in a phone or tablet context (isMobile) Chromium widens the layout
 * viewport to the content, so innerWidth grows with the overflow and the comparison never fires.
 */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * True when the element is inside the viewport. The folded navigation stays in the page, moved
 * off-screen, so Playwright's isVisible() would call it visible.
 */
export async function isOnScreen(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  if (!box || box.width === 0 || box.height === 0) return false;
  const viewport = locator.page().viewportSize();
  return box.x + box.width > 0 && (!viewport || box.x < viewport.width);
}

/** Visible controls inside `root` smaller than a fingertip (44 px), described for the failure message. */
export async function smallTouchTargets(root: Locator): Promise<string[]> {
  return root.evaluate((el) => {
    const small: string[] = [];
    const controls = el.querySelectorAll<HTMLElement>(
      'button, [role="button"], input:not([type="hidden"]), select, textarea, a[href], [role="menuitem"], [role="option"]',
    );
    for (const c of controls) {
      const r = c.getBoundingClientRect();
      const style = getComputedStyle(c);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (c.closest('[aria-hidden="true"]')) continue;
      if (r.height < 43.5)
        small.push(
          `${c.tagName.toLowerCase()} "${(c.textContent ?? c.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
    }
    return small;
  });
}

/** Draws a wavy stroke across a signature pad, as a finger would; returns where the pad was. */
export async function drawSignature(
  page: Page,
  canvas: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++)
    await page.mouse.move(box.x + 30 + i * 14, box.y + box.height * (0.5 + 0.25 * Math.sin(i / 2.5)), {
      steps: 2,
    });
  await page.mouse.up();
  return box;
}

/** A call to the API as the app makes it from `page`: its session cookie plus the CSRF header. */
export async function pageApi<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body },
  );
}

/** Uploads a JPEG as a photo of the client through the signed-in page's session, as the app does. */
export async function uploadPhotoInPage(
  page: Page,
  clientId: string,
  jpeg: Buffer,
  query: { view: string; takenOn: string },
): Promise<{ status: number; body: { id: string; width: number; height: number } }> {
  return page.evaluate(
    async ({ clientId, data, query }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/clients/${clientId}/photos?view=${query.view}&takenOn=${query.takenOn}`, {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg', 'x-csrf-token': session.csrfToken },
        body: bytes,
      });
      return {
        status: res.status,
        body: (await res.json()) as { id: string; width: number; height: number },
      };
    },
    { clientId, data: jpeg.toString('base64'), query },
  );
}
