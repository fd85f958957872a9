import type { Browser } from 'playwright-core';
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
  smallTouchTargets,
} from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('tablet', () => {
  it('iPad portrait (820×1180): burger navigation, no sideways scrolling, fingertip-sized controls', async () => {
    const context = await newContext(browser, IPAD_PORTRAIT, { tablet: true });
    const page = await ownerPage(context);

    const burger = page.getByTestId('nav-burger');
    expect(await burger.isVisible()).toBe(true);
    expect(await isOnScreen(page.getByTestId('nav-clients'))).toBe(false);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page.locator('body'))).toEqual([]);
    await screenshot(page, '40-ipad-portrait-clients', false);

    await burger.tap();
    await expect.poll(() => isOnScreen(page.getByTestId('nav-clients'))).toBe(true);
    expect(await page.getByTestId('nav-consultations').getAttribute('href')).toBe('/consultations');
    expect(await page.getByTestId('nav-reports').textContent()).toContain('Coming');
    expect(await smallTouchTargets(page.locator('body'))).toEqual([]);
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
    expect(await smallTouchTargets(page.locator('body'))).toEqual([]);
    await screenshot(page, '43-ipad-portrait-client', false);

    await page.getByTestId('edit-client').tap();
    await page.getByTestId('edit-client-form').waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page.locator('body'))).toEqual([]);
    await screenshot(page, '44-ipad-portrait-client-edit');
    await context.close();
  });

  it('iPad landscape (1180×820): navigation always shown, no burger, no sideways scrolling', async () => {
    const context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
    const page = await ownerPage(context);
    expect(await page.getByTestId('nav-burger').isVisible()).toBe(false);
    expect(await isOnScreen(page.getByTestId('nav-clients'))).toBe(true);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page.locator('body'))).toEqual([]);
    await screenshot(page, '45-ipad-landscape-clients', false);
    await context.close();
  });
});
