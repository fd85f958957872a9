// The zone editor's numbers stay as typed (issue 11: a shade of 99 became 60, "1e9" became 19, a
// scale of 99999999 px/mm became 400 and was applied, all without a word): the reason shows beside
// the field in the user's language, the zones cannot be saved and the scale cannot be applied
// until the value is corrected, and the preview keeps the last good value. Nothing is saved.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_LANDSCAPE,
  launchChromium,
  newContext,
  ownerPage,
  screenshotFromTop,
} from './support/browser.js';
import { errorOf, useLanguage } from './support/form-fields.js';
import { demoCrownEditorUrl } from './support/zone-editor.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let editor: string;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE);
  page = await ownerPage(context);
  editor = await demoCrownEditorUrl(page);
});
afterAll(async () => {
  await useLanguage(page, 'en');
  await browser.close();
});

const cases = [
  {
    locale: 'en',
    atMost60: 'Must be at most 60',
    notANumber: 'Must be a number',
    atMost1000: 'Must be at most 1000',
  },
  { locale: 'zh-CN', atMost60: '不能大于 60', notANumber: '须为数字', atMost1000: '不能大于 1000' },
] as const;

describe('zone values as typed', () => {
  for (const c of cases) {
    it(`refuses a shade of 99, "1e9" and a scale of 99999999 with the reason, in ${c.locale}`, async () => {
      await useLanguage(page, c.locale);
      await page.goto(editor);
      await page.getByTestId('zone-editor').waitFor();
      await page.getByTestId('zone-row-crown').click();
      const shade = page.getByTestId('zone-shade');
      const before = await shade.inputValue();

      await shade.fill('99');
      await shade.blur();
      await expect.poll(() => errorOf(page, 'zone-shade')).toContain(c.atMost60);
      expect(await shade.inputValue()).toBe('99');
      await expect.poll(() => page.getByTestId('save-zones').isDisabled()).toBe(true);
      await page.getByTestId('zone-values-refused').waitFor();
      await screenshotFromTop(page, `35-zone-shade-as-typed-${c.locale}`);

      const density = page.getByTestId('zone-density');
      await density.fill('1e9');
      await density.blur();
      await expect.poll(() => errorOf(page, 'zone-density')).toBe(c.notANumber);
      expect(await density.inputValue()).toBe('1e9');

      // Corrected, each value is taken and the zones can be saved again.
      await shade.fill(before || '30');
      await density.fill('60');
      await expect.poll(() => errorOf(page, 'zone-shade')).toBe('');
      expect(await errorOf(page, 'zone-density')).toBe('');
      await expect.poll(() => page.getByTestId('save-zones').isDisabled()).toBe(false);
      expect(await page.getByTestId('zone-values-refused').count()).toBe(0);

      const scale = page.getByTestId('px-per-mm');
      await scale.fill('99999999');
      await expect.poll(() => errorOf(page, 'px-per-mm')).toContain(c.atMost1000);
      expect(await page.getByTestId('apply-px-per-mm').isDisabled()).toBe(true);
      await scale.fill('1e9');
      await expect.poll(() => errorOf(page, 'px-per-mm')).toBe(c.notANumber);
      expect(await scale.inputValue()).toBe('1e9');
      expect(await page.getByTestId('apply-px-per-mm').isDisabled()).toBe(true);
      await screenshotFromTop(page, `36-scale-as-typed-${c.locale}`);
    });
  }
});
