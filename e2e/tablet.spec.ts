import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_LANDSCAPE,
  IPAD_PORTRAIT,
  hasHorizontalScroll,
  isOnScreen,
  launchChromium,
  newContext,
  ownerPage,
  screenshot,
} from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** Visible controls smaller than a fingertip (44 px), described for the failure message. */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, [role="button"], input:not([type="hidden"]), select, textarea, a[href], [role="menuitem"], [role="option"]',
    );
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.closest('[aria-hidden="true"]')) continue;
      if (r.height < 43.5)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`,
        );
    }
    return small;
  });
}

describe('tablet', () => {
  it('iPad portrait (820×1180): burger navigation, no sideways scrolling, fingertip-sized controls', async () => {
    const context = await newContext(browser, IPAD_PORTRAIT, { tablet: true });
    const page = await ownerPage(context);

    const burger = page.getByTestId('nav-burger');
    expect(await burger.isVisible()).toBe(true);
    expect(await isOnScreen(page.getByTestId('nav-clients'))).toBe(false);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, '40-ipad-portrait-clients', false);

    await burger.tap();
    await expect.poll(() => isOnScreen(page.getByTestId('nav-clients'))).toBe(true);
    expect(await page.getByTestId('nav-consultations').getAttribute('href')).toBe('/consultations');
    expect(await page.getByTestId('nav-reports').textContent()).toContain('Coming');
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, '41-ipad-portrait-nav-open', false);

    await page.getByTestId('nav-audit').tap();
    await page.waitForURL('**/audit');
    await expect.poll(() => isOnScreen(page.getByTestId('nav-clients'))).toBe(false);
    await page.getByTestId('audit-table').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, '42-ipad-portrait-audit', false);

    for (const path of ['/staff', '/clients']) {
      await page.goto(path);
      await page.locator('table').first().waitFor();
      expect(await hasHorizontalScroll(page), path).toBe(false);
    }
    await page.getByTestId('client-table').getByRole('link').first().tap();
    await page.getByTestId('client-page').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, '43-ipad-portrait-client', false);

    await page.getByTestId('edit-client').tap();
    await page.getByTestId('edit-client-form').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, '44-ipad-portrait-client-edit');
    await context.close();
  });

  it('iPad landscape (1180×820): navigation always shown, no burger, no sideways scrolling', async () => {
    const context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
    const page = await ownerPage(context);
    expect(await page.getByTestId('nav-burger').isVisible()).toBe(false);
    expect(await isOnScreen(page.getByTestId('nav-clients'))).toBe(true);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page)).toEqual([]);
    await screenshot(page, '45-ipad-landscape-clients', false);
    await context.close();
  });
});
