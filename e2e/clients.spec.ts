import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, ownerPage, runSuffix, screenshot } from './support/browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
// Unique per run, with accents the search has to see through.
const suffix = runSuffix();
const given = 'Zoë';
const family = `Ångström-Müller ${suffix}`;
const fullName = `${given} ${family}`;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await ownerPage(context);
});
afterAll(async () => {
  await browser.close();
});

async function search(text: string) {
  await page.getByTestId('client-search').fill(text);
  await page.waitForURL((url) => url.searchParams.get('q') === text.trim());
}

describe('clients', () => {
  it('shows a validation error next to the field it is about', async () => {
    await page.goto('/clients');
    await page.getByTestId('new-client').click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.waitFor();
    await dialog.getByLabel(/^Email/).fill('zoe-at-example');
    await dialog.getByTestId('create-client-submit').click();

    const familyInput = dialog.getByLabel(/^Family name/);
    const emailInput = dialog.getByLabel(/^Email/);
    expect(await familyInput.getAttribute('aria-invalid')).toBe('true');
    expect(await emailInput.getAttribute('aria-invalid')).toBe('true');
    // Each message is the input's own description (aria-describedby), so it sits with its field.
    const describedBy = async (input: typeof emailInput) => {
      const ids = (await input.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      return texts.join(' ');
    };
    expect(await describedBy(emailInput)).toContain('Must be an email address');
    expect(await describedBy(familyInput)).toContain('Required');
    await screenshot(page, '10-new-client-validation');
    // Typed details are not thrown away without a question.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('discard-changes').click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('creates a client with an accented name', async () => {
    await page.getByTestId('new-client').click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.getByLabel(/^Given name/).fill(given);
    await dialog.getByLabel(/^Family name/).fill(family);
    await dialog.getByLabel(/^Date of birth/).fill('1987-04-23');
    await dialog.getByLabel(/^Phone/).fill('+46 70 123 45 67');
    await dialog.getByLabel(/^Email/).fill(`zoe.${suffix}@example.se`);
    await dialog.getByLabel(/^Notes/).fill('FUE dot scars at the back; wants density.');
    await screenshot(page, '11-new-client-filled');
    await dialog.getByTestId('create-client-submit').click();

    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('client-name').textContent()).toBe(fullName);
    expect(await page.getByTestId('view-date-of-birth').textContent()).toContain('Apr 23, 1987');
    await screenshot(page, '12-client-created');
  });

  it('finds the client by searching without accents and in another case', async () => {
    await page.goto('/clients');
    await search(`ANGSTROM-MULLER ${suffix.toUpperCase()}`);
    const table = page.getByTestId('client-table');
    // The previous page stays on screen while the search runs: wait for the answer to show.
    await expect.poll(() => table.getByTestId('client-row').count()).toBe(1);
    expect(await table.getByTestId('client-row').textContent()).toContain(fullName);

    await search('zoe');
    await table.getByText(fullName).waitFor();
    await search('nunez');
    await table.getByText('José Núñez').waitFor();
    await expect.poll(() => table.getByText(fullName).count()).toBe(0);
    await screenshot(page, '13-search-without-accents');

    await search('no such client anywhere');
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('empty-state').textContent()).toContain('No clients match');
    await screenshot(page, '14-search-no-match');
  });

  it('opens and edits the client, and the change survives a reload', async () => {
    await search(`angstrom-muller ${suffix}`);
    await page
      .getByTestId('client-table')
      .getByRole('link', { name: `Open ${fullName}` })
      .click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await page.getByTestId('edit-client').click();
    const form = page.getByTestId('edit-client-form');
    await form.getByLabel(/^Phone/).fill('+46 70 765 43 21');
    await form.getByLabel(/^Notes/).fill('FUE dot scars at the back; wants density. Patch test booked.');
    await screenshot(page, '15-client-editing');
    await form.getByTestId('save-client').click();
    await page.getByTestId('edit-client').waitFor();
    expect(await page.getByTestId('view-phone').textContent()).toBe('+46 70 765 43 21');

    await page.reload();
    await page.getByTestId('view-notes').waitFor();
    expect(await page.getByTestId('view-notes').textContent()).toContain('Patch test booked.');
    await screenshot(page, '16-client-saved');
  });

  it('says plainly when someone else saved first (409) and reloads their version', async () => {
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await page.getByTestId('edit-client').click();
    await other.getByTestId('edit-client').click();

    await other
      .getByTestId('edit-client-form')
      .getByLabel(/^Phone/)
      .fill('+46 70 000 00 01');
    await other.getByTestId('save-client').click();
    await other.getByTestId('edit-client').waitFor();

    await page
      .getByTestId('edit-client-form')
      .getByLabel(/^Phone/)
      .fill('+46 70 000 00 02');
    await page.getByTestId('save-client').click();
    const conflict = page.getByTestId('conflict-alert');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Someone else saved this client');
    await screenshot(page, '17-client-conflict');

    await page.getByTestId('conflict-reload').click();
    await expect
      .poll(() =>
        page
          .getByTestId('edit-client-form')
          .getByLabel(/^Phone/)
          .inputValue(),
      )
      .toBe('+46 70 000 00 01');
    await page
      .getByTestId('edit-client-form')
      .getByLabel(/^Phone/)
      .fill('+46 70 000 00 03');
    await page.getByTestId('save-client').click();
    await page.getByTestId('edit-client').waitFor();
    expect(await page.getByTestId('view-phone').textContent()).toBe('+46 70 000 00 03');
    await other.close();
  });

  it('archives the client after confirmation, hides it from the list, and restores it', async () => {
    await page.getByTestId('archive-client').click();
    await page.getByRole('dialog', { name: 'Archive this client?' }).waitFor();
    await screenshot(page, '18-archive-confirm');
    await page.getByTestId('confirm-archive').click();
    await page.getByTestId('archived-notice').waitFor();

    await page.goto(`/clients?q=${encodeURIComponent(`angstrom-muller ${suffix}`)}`);
    await page.getByTestId('empty-state').waitFor();
    await page.getByTestId('archived-filter').getByText('Archived').click();
    await page.getByTestId('client-table').getByText(fullName).waitFor();
    await screenshot(page, '19-archived-filter');

    await page
      .getByTestId('client-table')
      .getByRole('link', { name: `Open ${fullName}` })
      .click();
    await page.getByTestId('restore-client').click();
    await page.getByTestId('confirm-archive').click();
    await page.getByTestId('archive-client').waitFor();
    expect(await page.getByTestId('archived-notice').count()).toBe(0);
  });

  it('pages through a long result with the total shown', async () => {
    // 22 clients through the API, as the app itself sends them (session cookie + CSRF header).
    const created = await page.evaluate(async (tag) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      let ok = 0;
      for (let i = 1; i <= 22; i++) {
        const res = await fetch('/api/clients', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({
            givenName: `Page ${String(i).padStart(2, '0')}`,
            familyName: `Pagetest ${tag}`,
          }),
        });
        if (res.status === 201) ok++;
      }
      return ok;
    }, suffix);
    expect(created).toBe(22);

    await page.goto(`/clients?q=pagetest%20${suffix}`);
    const total = page.getByTestId('client-total');
    await total.waitFor();
    expect(await total.textContent()).toBe('22 clients · 1–20 of 22');
    expect(await page.getByTestId('client-row').count()).toBe(20);
    await page.getByTestId('client-pagination').getByRole('button', { name: '2' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await expect.poll(() => page.getByTestId('client-row').count()).toBe(2);
    expect(await total.textContent()).toBe('22 clients · 21–22 of 22');
    await screenshot(page, '19b-pagination');
  });

  it('asks before adding the same person twice: opens the record on record, or adds anyway', async () => {
    await page.goto('/clients');
    await page.getByTestId('new-client').click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    // The same name without accents and in capitals, no date of birth: likely the same person.
    await dialog.getByLabel(/^Given name/).fill('ZOE');
    await dialog.getByLabel(/^Family name/).fill(`Angstrom-Muller ${suffix}`);
    await dialog.getByTestId('create-client-submit').click();
    const warning = dialog.getByTestId('possible-duplicates');
    await warning.waitFor();
    expect(await warning.getByTestId('possible-duplicate').count()).toBe(1);
    expect(await warning.textContent()).toContain(`${fullName} · Apr 23, 1987`);
    expect(await dialog.getByTestId('create-client-submit').textContent()).toBe('Add anyway');
    expect(page.url()).toMatch(/\/clients$/);
    await screenshot(page, '19c-possible-duplicate');

    // Open the record on record: the typed details are asked about, then left.
    await warning.getByRole('button', { name: fullName }).click();
    await page.getByTestId('discard-changes').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('client-name').textContent()).toBe(fullName);

    // Another date of birth but the same email: asked again, and "Add anyway" adds.
    await page.goto('/clients');
    await page.getByTestId('new-client').click();
    await dialog.getByLabel(/^Given name/).fill('Zoe');
    await dialog.getByLabel(/^Family name/).fill(`Angstrom-Muller ${suffix}`);
    await dialog.getByLabel(/^Date of birth/).fill('1990-01-01');
    await dialog.getByLabel(/^Email/).fill(`zoe.${suffix}@example.se`);
    await dialog.getByTestId('create-client-submit').click();
    await warning.waitFor();
    await dialog.getByTestId('create-client-submit').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('client-name').textContent()).toBe(`Zoe Angstrom-Muller ${suffix}`);
  });
});
