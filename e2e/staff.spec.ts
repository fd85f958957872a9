import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  runSuffix,
  screenshot,
} from './support/browser.js';

let browser: Browser;
let ownerContext: BrowserContext;
let owner: Page;
const suffix = runSuffix();
const invitee = { name: 'Mei Lin', email: `mei.lin.${suffix}@demo-studio.example` };
let acceptUrl = '';

beforeAll(async () => {
  browser = await launchChromium();
  ownerContext = await newContext(browser);
  owner = await ownerPage(ownerContext);
});
afterAll(async () => {
  await browser.close();
});

describe('staff', () => {
  it('lets the owner invite a staff member and shows the one-time link', async () => {
    await owner.getByTestId('nav-staff').click();
    await owner.waitForURL('**/staff');
    await owner.getByTestId('staff-table').waitFor();
    expect(await owner.getByTestId('staff-row').count()).toBeGreaterThanOrEqual(3);
    await screenshot(owner, '30-staff');

    await owner.getByTestId('invite-staff').click();
    const dialog = owner.getByRole('dialog', { name: 'Invite a staff member' });
    await dialog.getByLabel(/^Name/).fill(invitee.name);
    await dialog.getByLabel(/^Email/).fill(invitee.email);
    await dialog.getByTestId('invite-role').click();
    await owner.getByRole('option', { name: 'Front desk' }).click();
    await dialog.getByTestId('invite-submit').click();

    const link = owner.getByTestId('accept-url');
    await link.waitFor();
    acceptUrl = await link.inputValue();
    expect(acceptUrl).toMatch(new RegExp(`^${baseUrl()}/invite/[^/]{20,}$`));
    await screenshot(owner, '31-invitation-link');
    await owner.getByRole('button', { name: 'Done' }).click();
    await owner.getByTestId('invitation-table').getByText(invitee.email).waitFor();
  });

  it('the invite link works in a second browser: set a password with strength feedback, then signed in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(acceptUrl);
    await page.getByRole('heading', { name: 'Join Demo Studio' }).waitFor();
    await page.getByText('you were invited as Front desk').waitFor();

    await page.getByTestId('new-password').fill('password1234');
    await expect
      .poll(() => page.getByTestId('password-strength').getAttribute('data-score'))
      .toMatch(/^[01]$/);
    expect(await page.getByTestId('password-strength').textContent()).toMatch(
      /Password strength: (very weak|weak)/,
    );
    await screenshot(page, '32-accept-weak-password');

    // Long enough for the form, too weak for the server: its field error lands on the password.
    await page.getByTestId('new-password-confirm').fill('password1234');
    await page.getByTestId('accept-submit').click();
    const password = page.getByTestId('new-password');
    // Mantine marks a PasswordInput's inner input with data-invalid (not aria-invalid).
    await expect.poll(() => password.getAttribute('data-invalid')).toBe('true');
    const errorId = ((await password.getAttribute('aria-describedby')) ?? '')
      .split(/\s+/)
      .find((id) => id.includes('error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'Too easy to guess: make it longer, or use a few unrelated words',
    );
    expect(page.url()).toContain('/invite/');

    const strong = 'velvet otter tangerine lighthouse';
    await page.getByTestId('new-password').fill(strong);
    await expect.poll(() => page.getByTestId('password-strength').getAttribute('data-score')).toBe('4');
    await page.getByTestId('new-password-confirm').fill(`${strong}!`);
    await page.getByTestId('accept-submit').click();
    await page.getByText('The two passwords are not the same').waitFor();
    await page.getByTestId('new-password-confirm').fill(strong);
    await screenshot(page, '33-accept-strong-password');
    await page.getByTestId('accept-submit').click();

    await page.waitForURL('**/clients');
    await page.getByTestId('client-table').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByText(`Signed in as ${invitee.name}`).waitFor();
    await page.keyboard.press('Escape');
    // Front desk staff see no owner areas.
    expect(await page.getByTestId('nav-staff').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await screenshot(page, '34-new-staff-signed-in');

    // The link works once.
    const again = await newContext(browser);
    const againPage = await again.newPage();
    await againPage.goto(acceptUrl);
    await againPage.getByTestId('invitation-invalid').waitFor();
    await again.close();
    await context.close();
  });

  it('shows the new member in the staff list and lets the owner change the role', async () => {
    await owner.reload();
    const row = owner.getByTestId('staff-row').filter({ hasText: invitee.email });
    await row.waitFor();
    await owner.getByTestId(`staff-role-${invitee.email}`).click();
    await owner.getByRole('option', { name: 'Artist' }).click();
    await owner.getByText(`${invitee.name} is now Artist.`).waitFor();
    expect(await owner.getByTestId('invitation-table').count()).toBe(0);
  });

  it('keeps the language an invitation was read in: accepted in Chinese, the app opens in Chinese', async () => {
    const invited = await pageApi<{ acceptUrl: string }>(owner, 'POST', '/api/staff/invitations', {
      name: '林梅',
      email: `lin.mei.${suffix}@demo-studio.example`,
      role: 'front_desk',
    });
    expect(invited.status).toBe(201);
    const context = await newContext(browser, undefined, { locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(new URL(invited.json.acceptUrl, baseUrl()).href);
    await page.getByTestId('accept-submit').waitFor();
    // Mantine names the eye button "Toggle password visibility" unless told otherwise.
    const eyes = await page
      .locator('[data-testid="new-password"], [data-testid="new-password-confirm"]')
      .evaluateAll((inputs) =>
        inputs.map((i) =>
          i.closest('.mantine-PasswordInput-root')?.querySelector('button')?.getAttribute('aria-label'),
        ),
      );
    expect(eyes).toEqual(['显示或隐藏密码', '显示或隐藏密码']);
    const strong = 'velvet otter tangerine harbour';
    await page.getByTestId('new-password').fill(strong);
    await page.getByTestId('new-password-confirm').fill(strong);
    await page.getByTestId('accept-submit').click();
    await page.waitForURL('**/clients');
    await page.getByRole('heading', { name: '客户' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, '37-accepted-in-chinese');
    await context.close();
  });

  it('shows the audit log to the owner, filtered by action', async () => {
    await owner.getByTestId('nav-audit').click();
    await owner.waitForURL('**/audit');
    await owner.getByTestId('audit-table').waitFor();
    await screenshot(owner, '35-audit-log');

    await owner.getByTestId('audit-action-filter').click();
    await owner.getByRole('option', { name: 'Staff joined' }).click();
    await owner.waitForURL((url) => url.searchParams.get('action') === 'staff.join');
    // The unfiltered rows stay on screen until the filtered answer arrives.
    const actions = () => owner.getByTestId('audit-row').locator('td:nth-child(3)').allTextContents();
    await expect.poll(async () => (await actions()).every((a) => a.startsWith('Staff joined'))).toBe(true);
    expect((await actions()).length).toBeGreaterThan(0);
    expect((await owner.getByTestId('audit-row').allTextContents()).join('|')).toContain(invitee.name);
    await screenshot(owner, '36-audit-log-filtered');
  });
});
