import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignIn, launchChromium, newContext, ownerPage, screenshot } from './support/browser.js';
import en from '../packages/web/src/i18n/en.json' with { type: 'json' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

async function chooseLanguage(page: Page, label: 'English' | '简体中文') {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: label }).click();
}

/** English texts of the shell and the client list that must not be left on a Chinese page. */
const englishShellTexts = [
  ...Object.values(en.nav),
  en.shell.signOut,
  en.clients.title,
  en.clients.new,
  en.clients.name,
  en.clients.dateOfBirth,
  en.clients.phone,
  en.clients.email,
  en.clients.filterActive,
  en.clients.filterArchived,
  en.clients.searchLabel,
].filter((s) => !s.includes('{{'));

describe('language', () => {
  it('switches the shell and the client list to Chinese, keeps it on the account, and switches back', async () => {
    const context = await newContext(browser);
    const page = await ownerPage(context);

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.status() === 200);
    await chooseLanguage(page, '简体中文');
    await page.getByRole('heading', { name: '客户' }).waitFor();
    await saved;
    // Reloaded with a search for the demo client 王芳 (other spec files may add clients first);
    // the page stays Chinese because the choice was saved to the account.
    await page.goto(`/clients?q=${encodeURIComponent('王')}`);
    await page.getByRole('heading', { name: '客户' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('nav-clients').textContent()).toContain('客户');
    expect(await page.getByTestId('nav-consultations').textContent()).toContain('咨询与方案');
    expect(await page.getByTestId('nav-consultations').getAttribute('href')).toBe('/consultations');
    expect(await page.getByTestId('nav-reports').textContent()).toContain('即将推出');
    expect(await page.getByTestId('nav-staff').textContent()).toContain('员工');
    const table = page.getByTestId('client-table');
    const headers = await table.locator('th').allTextContents();
    expect(headers).toEqual(['姓名', '出生日期', '电话', '邮箱']);
    // Chinese order for a Chinese name, Chinese date format.
    await table.getByText('王芳').waitFor();
    expect(await table.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.getByTestId('client-total').textContent()).toMatch(/共 \d+ 位客户/);

    const lines = new Set((await page.locator('body').innerText()).split('\n').map((l) => l.trim()));
    const leftovers = englishShellTexts.filter((text) => lines.has(text));
    expect(leftovers).toEqual([]);
    await screenshot(page, '20-client-list-zh');

    await page.getByTestId('client-table').getByRole('link', { name: /王芳/ }).click();
    await page.getByTestId('client-page').waitFor();
    await page.getByText('基本信息').waitFor();
    await screenshot(page, '21-client-page-zh');

    // The choice is saved to the account: a fresh visit in another browser context is Chinese too.
    const second = await newContext(browser);
    const secondPage = await ownerPage(second);
    await secondPage.getByRole('heading', { name: '客户' }).waitFor();
    await second.close();

    await chooseLanguage(page, 'English');
    await page.getByText('Details').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto('/clients');
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    expect(await page.getByTestId('nav-clients').textContent()).toContain('Clients');
    await screenshot(page, '22-client-list-en-again');
    await context.close();
  });

  it('switches language before sign-in and remembers it on this device', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await chooseLanguage(page, '简体中文');
    await page.getByRole('heading', { name: '登录工作室' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '登录工作室' }).waitFor();

    // A wrong password is explained in Chinese too.
    await page.getByLabel(/^邮箱/).fill(demoSignIn('owner').email);
    await page.getByLabel(/^密码/).fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('sign-in-error').waitFor();
    expect(await page.getByTestId('sign-in-error').textContent()).toContain('邮箱或密码不正确');
    await screenshot(page, '23-sign-in-zh');
    await context.close();
  });
});
