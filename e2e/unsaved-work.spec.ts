// Work is never lost silently, on an iPad in landscape (1180×820): typed text in the new-client
// dialog survives Escape unless the user says to throw it away; leaving the assessment or the zone
// editor with unsaved changes asks first; the dialog's actions stay on screen while its form is
// longer than the window; choosing a drawing tool leaves the photo where it was. The same pages
// are photographed at phone size (390×844).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_LANDSCAPE,
  launchChromium,
  newContext,
  ownerPage,
  runSuffix,
  screenshot,
} from './support/browser.js';

const PHONE = { width: 390, height: 844 };
const photoFile = new URL('../fixtures/photos/shaved-top-diffuse.jpg', import.meta.url).pathname;
const familyName = `Guard-${runSuffix()}`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let clientUrl = '';
let editorUrl = '';

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
  page = await ownerPage(context);
});
afterAll(async () => {
  await context.close();
  await browser.close();
});

const unsavedDialog = () => page.getByTestId('unsaved-changes-dialog');
const asked = async () => (await page.getByRole('dialog', { name: 'Discard your changes?' }).count()) === 1;

/** True when the whole element is inside the window (not below the fold, not off the side). */
async function whollyOnScreen(testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const view = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.y + box.height <= view.height && box.x + box.width <= view.width);
}

describe('unsaved work at iPad size', () => {
  it('Escape in the new-client dialog with typed text asks; keeping the text keeps it, discarding closes', async () => {
    await page.getByTestId('new-client').tap();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.waitFor();
    // Empty, Escape just closes: nothing to lose.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await asked()).toBe(false);

    await page.getByTestId('new-client').tap();
    await dialog.getByLabel(/^Family name/).fill(familyName);
    await dialog.getByLabel(/^Email/).fill(`${familyName.toLowerCase()}@example.org`);
    // Its actions are in sight at the dialog's foot (they stick there when the form is taller).
    expect(await whollyOnScreen('create-client-submit')).toBe(true);
    await screenshot(page, '90-ipad-new-client-actions', false);
    // Only the languages the client's documents are printed in.
    await dialog.getByTestId('client-preferred-language').tap();
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    const languages = await page.getByRole('option').allTextContents();
    expect(languages.map((l) => /\(([\w-]+)\)$/.exec(l)?.[1])).toEqual(['en', 'zh-CN']);
    await dialog.getByTestId('client-preferred-language').tap();
    await expect.poll(() => page.getByRole('option').count()).toBe(0);

    await page.keyboard.press('Escape');
    await expect.poll(asked).toBe(true);
    expect(await unsavedDialog().textContent()).toContain('If you close this now, they are lost.');
    await screenshot(page, '91-ipad-new-client-escape-asks', false);
    await page.getByTestId('keep-editing').tap();
    await expect.poll(asked).toBe(false);
    expect(await dialog.getByLabel(/^Family name/).inputValue()).toBe(familyName);

    // A tap outside asks as well; this time the text is thrown away.
    await page.mouse.click(20, 400);
    await expect.poll(asked).toBe(true);
    await page.getByTestId('discard-changes').tap();
    await expect.poll(() => dialog.count()).toBe(0);

    // Opened again, it starts empty; saved, it goes to the new record without asking.
    await page.getByTestId('new-client').tap();
    expect(await dialog.getByLabel(/^Family name/).inputValue()).toBe('');
    await dialog.getByLabel(/^Family name/).fill(familyName);
    await dialog.getByTestId('create-client-submit').tap();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    clientUrl = page.url();
    expect(await asked()).toBe(false);
  });

  it('leaving the assessment after a change asks; staying keeps the change', async () => {
    await page.getByTestId('tab-consultations').tap();
    await page.getByTestId('new-consultation').tap();
    await page.waitForURL(/\/consultations\/[0-9a-f-]{36}$/);
    const consultationUrl = page.url();
    const form = page.getByTestId('assessment-form');
    await form.waitFor();
    const age = form.getByLabel(/^Age/);
    await age.fill('41');
    await page.getByTestId('nav-clients').tap();
    await expect.poll(asked).toBe(true);
    expect(await unsavedDialog().textContent()).toContain('If you leave this page now, they are lost.');
    await screenshot(page, '92-ipad-assessment-leave-asks', false);
    await page.getByTestId('keep-editing').tap();
    await expect.poll(asked).toBe(false);
    expect(page.url()).toBe(consultationUrl);
    expect(await age.inputValue()).toBe('41');

    await page.getByTestId('nav-clients').tap();
    await expect.poll(asked).toBe(true);
    await page.getByTestId('discard-changes').tap();
    await page.waitForURL('**/clients');
  });

  it('leaving the zone editor with "Unsaved" showing asks; choosing a tool does not move the photo', async () => {
    await page.goto(`${clientUrl}?tab=photos`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('upload-photo').tap();
    await (await chooser).setFiles(photoFile);
    // A 4 MB phone photo, decoded and resized by sharp on a busy machine: give it time.
    await page.getByTestId('photo-card').waitFor({ timeout: 180_000 });
    await page.getByTestId('open-preview').tap();
    await page.waitForURL(/\/photos\/[0-9a-f-]{36}\/preview$/);
    editorUrl = page.url();
    // The photo is fetched and decoded in the page first.
    await page.getByTestId('zone-editor').waitFor({ timeout: 120_000 });
    // Drawing needs a scale: 10 px/mm, typed in.
    await page.getByTestId('px-per-mm').fill('10');
    await page.getByTestId('apply-px-per-mm').tap();
    await page.getByTestId('calibration-value').waitFor();
    const stage = page.getByTestId('zone-stage');
    await stage.waitFor();
    const before = (await stage.boundingBox())!;

    // A fill zone drawn as a polygon: the hint with Cancel and Finish floats over the photo.
    await page.getByTestId('tool-fill').tap();
    await page.getByTestId('drawing-help').waitFor();
    expect((await stage.boundingBox())!.y).toBe(before.y);
    // Three corners in the part of the photo in sight, above the hint at the window's foot.
    const canvas = (await page.getByTestId('preview-canvas').boundingBox())!;
    const top = Math.max(canvas.y, 0);
    const bottom = Math.min(canvas.y + canvas.height, IPAD_LANDSCAPE.height);
    for (const [fx, fy] of [
      [0.3, 0.1],
      [0.6, 0.1],
      [0.55, 0.45],
    ] as const)
      await page.mouse.click(canvas.x + fx * canvas.width, top + fy * (bottom - top));
    expect(await whollyOnScreen('finish-shape')).toBe(true);
    await screenshot(page, '93-ipad-zone-drawing', false);
    await page.getByTestId('finish-shape').tap();
    await page.locator('[data-zone]').first().waitFor();
    expect((await stage.boundingBox())!.y).toBe(before.y);
    await page.getByTestId('zone-editor').getByText('Unsaved', { exact: true }).waitFor();

    await page.getByTestId('nav-calendar').tap();
    await expect.poll(asked).toBe(true);
    await screenshot(page, '94-ipad-zone-editor-leave-asks', false);
    await page.getByTestId('keep-editing').tap();
    await expect.poll(asked).toBe(false);
    expect(page.url()).toBe(editorUrl);
    expect(await page.locator('[data-zone]').count()).toBe(1);

    // Going back in the browser asks too.
    await page.goBack();
    await expect.poll(asked).toBe(true);
    await page.getByTestId('keep-editing').tap();
    expect(page.url()).toBe(editorUrl);

    // Saved, leaving asks nothing.
    await page.getByTestId('save-zones').tap();
    await expect
      .poll(() => page.getByTestId('zone-editor').getByText('Unsaved', { exact: true }).count())
      .toBe(0);
    await page.getByTestId('nav-calendar').tap();
    await page.waitForURL('**/calendar');
    expect(await asked()).toBe(false);
  });

  it('the booking dialog keeps its actions in sight, and a note typed in it is not lost to Escape', async () => {
    await page.goto('/calendar');
    const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('book-submit') });
    // Nothing typed: Escape closes it without asking (an empty date once counted as a change).
    await page.getByTestId('new-appointment').tap();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await asked()).toBe(false);
    await page.getByTestId('new-appointment').tap();
    await dialog.waitFor();
    expect(await whollyOnScreen('book-submit')).toBe(true);
    await dialog.getByRole('textbox', { name: 'Note for the team' }).fill('Bring the consent form');
    await screenshot(page, '93b-ipad-book-appointment', false);
    await page.keyboard.press('Escape');
    await expect.poll(asked).toBe(true);
    await page.getByTestId('discard-changes').tap();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('at phone size (390×844) the same dialogs keep their actions in sight', async () => {
    const phone = await newContext(browser, PHONE, { tablet: true });
    const phonePage = await ownerPage(phone, 'new-client');
    try {
      await phonePage.getByTestId('new-client').tap();
      const dialog = phonePage.getByRole('dialog', { name: 'New client' });
      await dialog.getByLabel(/^Family name/).fill(familyName);
      const submit = (await phonePage.getByTestId('create-client-submit').boundingBox())!;
      expect(submit.y + submit.height).toBeLessThanOrEqual(PHONE.height);
      await screenshot(phonePage, '95-phone-new-client-actions', false);
      await phonePage.keyboard.press('Escape');
      await phonePage.getByTestId('unsaved-changes-dialog').getByTestId('keep-editing').waitFor();
      await screenshot(phonePage, '96-phone-new-client-escape-asks', false);
      await phonePage.getByTestId('discard-changes').tap();
      await phonePage.goto('/calendar');
      await phonePage.getByTestId('new-appointment').tap();
      const book = (await phonePage.getByTestId('book-submit').boundingBox())!;
      expect(book.y + book.height).toBeLessThanOrEqual(PHONE.height);
      await screenshot(phonePage, '96b-phone-book-appointment', false);
      await phonePage.keyboard.press('Escape');
      await phonePage.goto(editorUrl);
      await phonePage.getByTestId('zone-editor').waitFor({ timeout: 120_000 });
      await phonePage.locator('[data-zone]').first().waitFor();
      await screenshot(phonePage, '97-phone-zone-editor', false);
    } finally {
      await phone.close();
    }
  });
});
