// What floats over the page never takes the user's next tap (issue 11: "toasts cover Save/Complete";
// a walkthrough on an iPad found the drawing hint over the foot of the photo swallowing one tap of
// five, and on a phone the "Session saved" notice over the Complete button):
// - the zone editor's hint lets taps on its words through to the photo, and moves to the other end
//   of the photo in sight once the artist works under it (and only then);
// - a notice covers no button of the page, on an iPad in landscape and on a phone.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@stipple/core';
import {
  IPAD_LANDSCAPE,
  PHONE,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  screenshot,
} from './support/browser.js';
import { useLanguage } from './support/form-fields.js';
import { demoCrownEditorUrl } from './support/zone-editor.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the drawing hint on an iPad', () => {
  it('lets every tap through to the photo and moves away from where the artist draws', async () => {
    const context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
    const page = await ownerPage(context);
    await page.goto(await demoCrownEditorUrl(page));
    await page.getByTestId('zone-editor').waitFor();
    await page.getByTestId('tool-fill').tap();
    const help = page.getByTestId('drawing-help');
    await help.waitFor();
    const hints = page.getByTestId('stage-hints');
    const placement = () => hints.getAttribute('data-placement');
    const points = () => help.getAttribute('data-points');
    expect(await placement()).toBe('bottom');

    // A tap on the hint's words, left of its buttons: the point lands on the photo under it.
    const wordsOf = async (hint: Locator) => {
      const box = (await hint.boundingBox())!;
      return { x: box.x + box.width * 0.2, y: box.y + 14 };
    };
    const canvas = (await page.getByTestId('preview-canvas').boundingBox())!;
    const under = await wordsOf(help);
    expect(under.y).toBeGreaterThan(canvas.y);
    expect(under.y).toBeLessThan(Math.min(canvas.y + canvas.height, IPAD_LANDSCAPE.height));
    await page.touchscreen.tap(under.x, under.y);
    await expect.poll(points).toBe('1');
    // The artist works under the hint: it goes to the top of the photo in sight, and stays there
    // while the artist works elsewhere.
    await expect.poll(placement).toBe('top');
    const top = (await help.boundingBox())!;
    expect(top.y + top.height).toBeLessThan(under.y);
    await page.touchscreen.tap(canvas.x + canvas.width * 0.7, under.y);
    await expect.poll(points).toBe('2');
    expect(await placement()).toBe('top');
    await screenshot(page, '36-drawing-hint-moved-up', false);

    // Now a tap on its words at the top: through again, and the hint goes back down.
    const over = await wordsOf(help);
    await page.touchscreen.tap(over.x, over.y);
    await expect.poll(points).toBe('3');
    await expect.poll(placement).toBe('bottom');
    await page.touchscreen.tap(canvas.x + canvas.width * 0.15, over.y);
    await expect.poll(points).toBe('4');

    const zones = await page.locator('[data-zone]').count();
    await page.getByTestId('finish-shape').tap();
    await expect.poll(() => page.locator('[data-zone]').count()).toBe(zones + 1);
    await screenshot(page, '36-drawing-hint-four-points', false);
    await context.close();
  });
});

/**
 * The buttons of the page's content that the notice covers, counting only the part of each below
 * the header (a button scrolled under the header is already out of reach there). Not the walks'
 * `actionsInSight`, on purpose: on a phone the notice lies over the header for its few seconds
 * (at the foot it would lie over Save), which that check counts as covering the menu buttons.
 */
async function buttonsUnder(page: Page, notice: Locator): Promise<string[]> {
  const box = (await notice.boundingBox())!;
  const header = (await page.locator('header').boundingBox())!;
  const below = header.y + header.height;
  const covered: string[] = [];
  for (const button of await page.locator('main button:visible, main a[href]:visible').all()) {
    const b = await button.boundingBox();
    if (!b || b.width === 0 || b.y + b.height <= below) continue;
    const inReach = { ...b, y: Math.max(b.y, below), height: b.y + b.height - Math.max(b.y, below) };
    if (overlaps(box, inReach))
      covered.push((await button.textContent())?.trim() || (await button.getAttribute('aria-label')) || '?');
  }
  return covered;
}

describe('notices', () => {
  for (const [name, viewport, device] of [
    ['an iPad in landscape', IPAD_LANDSCAPE, { tablet: true }],
    ['a phone', PHONE, { phone: true }],
  ] as const) {
    it(`cover neither Save nor Complete of a session on ${name}, nor any other button`, async () => {
      const context = await newContext(browser, viewport, device);
      const page = await ownerPage(context, viewport === PHONE ? 'new-client' : 'client-table');
      // The demo studio's last session booked in the coming weeks (a draft; Complete waits for its day).
      const now = Date.now();
      const { json } = await pageApi<{ items: Appointment[] }>(
        page,
        'GET',
        `/api/appointments?from=${new Date(now).toISOString()}&to=${new Date(now + 60 * 86_400_000).toISOString()}`,
      );
      const session = json.items.filter((a) => a.kind === 'session').at(-1);
      expect(session).toBeDefined();
      await page.goto(`/appointments/${session!.id}/session`);
      const save = page.getByTestId('save-session');
      await save.waitFor();
      await save.tap();
      const notice = page.locator('.mantine-Notification-root').first();
      await notice.waitFor();
      await screenshot(page, `36-notice-${viewport === PHONE ? 'phone' : 'ipad'}`, false);
      expect(await buttonsUnder(page, notice)).toEqual([]);
      await context.close();
    });
  }
});

describe('the treatment tab on a phone', () => {
  it('keeps a long course title inside the window: the page never scrolls sideways', async () => {
    const context = await newContext(browser, PHONE, { phone: true });
    const page = await ownerPage(context, 'new-client');
    await page.locator('a[href^="/clients/"]:visible', { hasText: 'José Núñez' }).first().click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const client = page.url().split('/').at(-1)!;
    // A title as a studio types it (the walkthrough's pushed the tab sideways as a badge).
    const created = await pageApi(page, 'POST', `/api/clients/${client}/courses`, {
      title: 'Scar camouflage of the FUE donor area, then density over the crown (second course)',
    });
    expect(created.status).toBe(201);
    for (const locale of ['en', 'zh-CN'] as const) {
      await useLanguage(page, locale);
      await page.goto(`/clients/${client}?tab=sessions`);
      await page.getByTestId('client-course').nth(1).waitFor();
      await screenshot(page, `36-treatment-tab-phone-${locale}`);
      expect(await hasHorizontalScroll(page)).toBe(false);
    }
    await useLanguage(page, 'en');
    await context.close();
  });
});
