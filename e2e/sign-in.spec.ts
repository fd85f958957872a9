import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignIn, launchChromium, newContext, screenshot, signIn } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

describe('sign-in', () => {
  it('sends a visitor to sign-in, explains a wrong password plainly, and lets the owner in with the printed demo sign-in', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const owner = demoSignIn('owner');

    await page.goto('/clients');
    await page.waitForURL('**/sign-in?next=%2Fclients');
    await page.getByRole('heading', { name: 'Sign in to your studio' }).waitFor();
    // The language switch is there before anyone signs in.
    expect(await page.getByTestId('language-switch').isVisible()).toBe(true);
    await screenshot(page, '01-sign-in');

    await page.getByLabel(/^Email/).fill(owner.email);
    await page.getByLabel(/^Password/).fill(`${owner.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('The email or password is not right.');
    expect(page.url()).toContain('/sign-in');
    await screenshot(page, '02-sign-in-wrong-password');

    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/clients');
    expect(await page.getByTestId('studio-name').textContent()).toBe('Demo Studio');
    await page.getByTestId('client-table').waitFor();
    await screenshot(page, '03-client-list');
    // The demo clients are there (searched for, since other spec files may add clients first).
    await page.getByTestId('client-search').fill('nunez');
    await page.getByTestId('client-table').getByText('José Núñez').waitFor();
    await page.getByTestId('client-search').fill('王');
    await page.getByTestId('client-table').getByText('王芳').waitFor();
    await context.close();
  });

  it('signs out and keeps the user out until signed in again', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, demoSignIn('owner'));

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await page.getByText('You are signed out.').waitFor();

    await page.goto('/clients');
    await page.waitForURL('**/sign-in?next=%2Fclients');
    const status = await page.evaluate(async () => (await fetch('/api/auth/session')).status);
    expect(status).toBe(401);
    await context.close();
  });
});
