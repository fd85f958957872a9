// Numbers in the studio settings and the aftercare editor stay as typed, with the reason beside the
// field, in English and Chinese, and nothing is saved until they are corrected (Mantine's number
// input clamped 99999 to 240 on blur and read "1e9" as 19). Nothing here is saved: the server's
// settings and templates are read back unchanged, and each form is left as it was.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AftercareTemplate, StudioSettings } from '@stipple/core';
import {
  DESKTOP,
  PHONE,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  screenshot,
} from './support/browser.js';
import { errorOf, useLanguage } from './support/form-fields.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await ownerPage(context);
});
afterAll(async () => {
  await browser.close();
});

const studio = async () => (await pageApi<StudioSettings>(page, 'GET', '/api/studio')).json;
const templates = async () =>
  (await pageApi<{ items: AftercareTemplate[] }>(page, 'GET', '/api/aftercare-templates')).json.items;

// The catalogue's field.notANumber, field.atMost and field.atLeast in each language.
const cases = [
  {
    locale: 'en',
    notANumber: 'Must be a number',
    atMost: 'Must be at most 240',
    atLeast: 'Must be at least 0',
  },
  { locale: 'zh-CN', notANumber: '须为数字', atMost: '不能大于 240', atLeast: '不能小于 0' },
] as const;

describe('numbers in the settings as typed', () => {
  for (const c of cases) {
    it(`keeps 1e9 and 99999 in the consultation minutes and says why, in ${c.locale}`, async () => {
      await useLanguage(page, c.locale);
      const before = await studio();
      await page.goto('/studio');
      const minutes = page.getByTestId('studio-consultation-minutes');
      await minutes.waitFor();
      expect(await minutes.inputValue()).toBe(String(before.consultationMinutes));

      for (const [typed, reason] of [
        ['1e9', c.notANumber],
        ['99999', c.atMost],
      ] as const) {
        await minutes.fill(typed);
        await page.getByTestId('studio-save').click();
        await expect.poll(() => errorOf(page, minutes)).toBe(reason);
        // Leaving the field clamps nothing.
        await minutes.blur();
        expect(await minutes.inputValue()).toBe(typed);
        await minutes.scrollIntoViewIfNeeded();
        await screenshot(page, `38-studio-minutes-${typed}-${c.locale}`, false);
      }
      const after = await studio();
      expect(after.version).toBe(before.version);
      expect(after.consultationMinutes).toBe(before.consultationMinutes);

      // At phone size the reason wraps beside the field: the page does not scroll sideways.
      await page.setViewportSize(PHONE);
      await minutes.scrollIntoViewIfNeeded();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await screenshot(page, `38-studio-minutes-phone-${c.locale}`, false);
      await page.setViewportSize(DESKTOP);

      // Cancel puts the form back as saved, so nothing unsaved holds up the next page.
      await page
        .getByTestId('studio-settings')
        .getByRole('button', { name: c.locale === 'en' ? 'Cancel' : '取消', exact: true })
        .last()
        .click();
      await expect.poll(() => minutes.inputValue()).toBe(String(before.consultationMinutes));
    });

    it(`keeps -3 and 1e9 in the aftercare editor's from-day and says why, in ${c.locale}`, async () => {
      await useLanguage(page, c.locale);
      const before = await templates();
      await page.goto('/consent?tab=aftercare');
      const card = page.getByTestId('aftercare-template').first();
      await card.getByTestId('aftercare-new-version').click();
      const editor = page.getByTestId('aftercare-editor');
      await editor.waitFor();
      const from = editor.getByTestId('step-from').first();

      for (const [typed, reason] of [
        ['-3', c.atLeast],
        ['1e9', c.notANumber],
      ] as const) {
        await from.fill(typed);
        await editor.getByTestId('publish-aftercare').click();
        await expect.poll(() => errorOf(page, from)).toBe(reason);
        await from.blur();
        expect(await from.inputValue()).toBe(typed);
        await editor.getByTestId('aftercare-invalid').waitFor();
        await from.scrollIntoViewIfNeeded();
        await screenshot(page, `39-aftercare-from-day-${typed}-${c.locale}`, false);
      }
      expect(await templates()).toEqual(before);

      // Escape asks before typed work is lost; it is thrown away here.
      await page.keyboard.press('Escape');
      await page.getByTestId('discard-changes').click();
      await editor.waitFor({ state: 'detached' });
    });
  }

  afterAll(async () => {
    await useLanguage(page, 'en');
  });
});
