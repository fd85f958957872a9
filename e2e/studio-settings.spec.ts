// Studio settings that used to be reachable only through the API, as the owner works them in the
// browser: an artist's weekly working hours (with a lunch break, a closed day and a day off) that
// survive a reload; the next version of the aftercare template with a changed step, the earlier
// one still readable; a calendar feed made, fetched as a calendar app would, and revoked.
// Screenshots 90-* land in e2e/screenshots/.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AftercareTemplate, BookableArtist, WorkingHours } from '@stipple/core';
import {
  IPAD_PORTRAIT,
  baseUrl,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  runSuffix,
  screenshot as fullScreenshot,
  screenshotFromTop as screenshot,
  smallTouchTargets,
} from './support/browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let artist: BookableArtist;
let originalHours: WorkingHours;
const suffix = runSuffix();

/** YYYY-MM-DD in the studio's zone (London) of the Monday of this week, plus `days`. */
function thisWeek(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const noon = Date.parse(`${today}T12:00:00Z`);
  const monday = noon - ((new Date(noon).getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + days * 86_400_000).toISOString().slice(0, 10);
}
const wednesday = thisWeek(2);
const thursday = thisWeek(3);
const saturday = thisWeek(5);

/** A call to the API as the app makes it: the session cookie plus the CSRF header. */
const api = <T>(method: string, path: string, body?: unknown) => pageApi<T>(page, method, path, body);

async function chooseArtist(target: Page) {
  await target.getByRole('combobox', { name: 'Artist', exact: true }).click();
  await target.getByRole('option', { name: artist.name, exact: true }).click();
}

async function openWorkingHours(target: Page): Promise<Locator> {
  await target.goto('/calendar');
  await target.getByTestId('calendar-week').waitFor();
  await chooseArtist(target);
  await target.getByTestId('open-working-hours').click();
  const editor = target.getByTestId('working-hours-editor');
  await editor.waitFor();
  return editor;
}

/** The ranges of a weekday (0 = Sunday) in the editor, as "start-end" strings. */
async function rangesOf(editor: Locator, weekday: number): Promise<string[]> {
  const rows = editor.getByTestId(`weekday-${weekday}`).getByTestId('time-range');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push(
      `${await row.getByTestId('range-start').inputValue()}-${await row.getByTestId('range-end').inputValue()}`,
    );
  }
  return out;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser);
  page = await ownerPage(context);
  const artists = await api<{ items: BookableArtist[] }>('GET', '/api/calendar/artists');
  const found = artists.json.items.find((a) => a.role === 'artist');
  if (!found) throw new Error('the demo studio has no artist');
  artist = found;
  originalHours = (await api<WorkingHours>('GET', `/api/staff/${artist.id}/working-hours`)).json;
});
afterAll(async () => {
  // Other specs book the demo artist: leave the hours as the demo made them.
  if (originalHours) await api('PUT', `/api/staff/${artist.id}/working-hours`, originalHours);
  await browser.close();
});

describe('studio settings', () => {
  it("sets an artist's working hours from the calendar; they survive a reload", async () => {
    const editor = await openWorkingHours(page);
    expect(await rangesOf(editor, 3)).toEqual(['09:00-19:00']);
    await screenshot(page, '90-working-hours-demo', false);

    // Wednesday: a lunch break, i.e. two ranges. The new range starts empty (13:00–13:00): refused.
    const wed = editor.getByTestId('weekday-3');
    await wed.getByTestId('range-end').first().fill('13:00');
    await wed.getByTestId('weekday-add-range').click();
    // Saturday: closed. A day off on Thursday for training.
    await editor.getByTestId('weekday-6').getByTestId('weekday-close').click();
    await editor.getByTestId('add-exception').click();
    const exception = editor.getByTestId('working-hours-exception');
    const date = exception.getByTestId('exception-date');
    await date.fill(thursday);
    await date.press('Enter');
    await date.blur();
    await exception.getByTestId('exception-reason').fill(`Training ${suffix}`);
    await page.getByTestId('save-working-hours').click();
    await editor.getByTestId('working-hours-invalid').waitFor();
    const second = wed.getByTestId('time-range').nth(1);
    expect(await second.textContent()).toContain('must be after the start');
    await screenshot(page, '91-working-hours-invalid', false);

    await second.getByTestId('range-start').fill('14:00');
    await second.getByTestId('range-end').fill('19:00');
    expect(await rangesOf(editor, 3)).toEqual(['09:00-13:00', '14:00-19:00']);
    await screenshot(page, '92-working-hours-filled', false);
    await page.getByTestId('save-working-hours').click();
    await page.getByText(`Working hours of ${artist.name} saved.`).waitFor();
    expect(await editor.count()).toBe(0);

    // The calendar shows the artist's hours on each day.
    const wedHours = page.getByTestId(`day-${wednesday}`).getByTestId('day-hours');
    await expect.poll(() => wedHours.textContent()).toBe('09:00–13:00, 14:00–19:00');
    expect(await page.getByTestId(`day-${saturday}`).getByTestId('day-hours').textContent()).toBe('Closed');
    expect(await page.getByTestId(`day-${thursday}`).getByTestId('day-hours').textContent()).toBe('Closed');
    await screenshot(page, '93-calendar-working-hours');

    const saved = (await api<WorkingHours>('GET', `/api/staff/${artist.id}/working-hours`)).json;
    expect(saved.weekly.filter((w) => w.weekday === 3)).toEqual([
      { weekday: 3, start: 540, end: 780 },
      { weekday: 3, start: 840, end: 1140 },
    ]);
    expect(saved.weekly.some((w) => w.weekday === 6)).toBe(false);
    expect(saved.exceptions).toEqual([
      { date: thursday, start: null, end: null, reason: `Training ${suffix}` },
    ]);

    await page.reload();
    const again = await openWorkingHours(page);
    expect(await rangesOf(again, 3)).toEqual(['09:00-13:00', '14:00-19:00']);
    expect(await rangesOf(again, 1)).toEqual(['09:00-19:00']);
    expect(await again.getByTestId('weekday-6').getByTestId('weekday-closed').isVisible()).toBe(true);
    expect(await again.getByTestId('exception-date').inputValue()).toBe(thursday);
    expect(await again.getByTestId('exception-reason').inputValue()).toBe(`Training ${suffix}`);
    await screenshot(page, '94-working-hours-after-reload', false);
    await page.keyboard.press('Escape');

    // The same hours from the staff page, where the owner sees everyone.
    const staff = await api<{ items: { id: string; email: string }[] }>('GET', '/api/staff');
    const email = staff.json.items.find((m) => m.id === artist.id)!.email;
    await page.goto('/staff');
    await page.getByTestId(`staff-hours-${email}`).click();
    const fromStaff = page.getByTestId('working-hours-editor');
    await fromStaff.waitFor();
    expect(await rangesOf(fromStaff, 3)).toEqual(['09:00-13:00', '14:00-19:00']);
    await page.keyboard.press('Escape');
    await fromStaff.waitFor({ state: 'detached' });
    await screenshot(page, '94b-staff-working-hours');
  });

  it('publishes the next version of the aftercare template; the earlier one stays readable', async () => {
    const before = (await api<{ items: AftercareTemplate[] }>('GET', '/api/aftercare-templates')).json;
    const current = before.items.find((x) => x.current && x.language === 'en')!;
    const last = current.steps.length - 1;

    await page.goto('/consent?tab=aftercare');
    const card = page.getByTestId('aftercare-template').filter({ hasText: 'English' });
    await card.getByTestId('aftercare-version').waitFor();
    expect(await card.getByTestId('aftercare-version').textContent()).toContain(
      `Version ${current.version},`,
    );
    await card.getByTestId('aftercare-new-version').click();
    const editor = page.getByTestId('aftercare-editor');
    await editor.waitFor();
    const steps = editor.getByTestId('aftercare-step-editor');
    expect(await steps.count()).toBe(current.steps.length);
    expect(await steps.first().getByTestId('step-title').inputValue()).toBe(current.steps[0]!.title);

    // The last step: its instructions changed; a check-in step added after it, first with its
    // "until" day before its "from" day (refused, next to that field), then fixed.
    const changedText = `${current.steps[last]!.instructions} Ask us about touch-ups (${suffix}).`.trim();
    await steps.nth(last).getByTestId('step-instructions').fill(changedText);
    await editor.getByTestId('add-step').click();
    const added = steps.nth(current.steps.length);
    await added.getByTestId('step-from').fill('30');
    await added.getByTestId('step-until').fill('20');
    await added.getByTestId('step-title').fill(`Check-in ${suffix}`);
    await added.getByTestId('step-instructions').fill('Send us a photo of the healed scalp.');
    await editor.getByTestId('publish-aftercare').click();
    await editor.getByTestId('aftercare-invalid').waitFor();
    expect(await added.textContent()).toContain('Must not be before the first day');
    await screenshot(page, '95-aftercare-invalid', false);
    await added.getByTestId('step-until').fill('');
    // Reordering: the new step moved up and back down again.
    await added.getByTestId('step-up').click();
    expect(await steps.nth(last).getByTestId('step-title').inputValue()).toBe(`Check-in ${suffix}`);
    await steps.nth(last).getByTestId('step-down').click();
    expect(await steps.nth(current.steps.length).getByTestId('step-title').inputValue()).toBe(
      `Check-in ${suffix}`,
    );
    await screenshot(page, '96-aftercare-editor', false);
    await editor.getByTestId('publish-aftercare').click();
    await page.getByText(`version ${current.version + 1}, published`).waitFor();

    await expect
      .poll(() => card.getByTestId('aftercare-version').textContent())
      .toContain(`Version ${current.version + 1},`);
    const table = (await card.getByTestId('aftercare-step').allTextContents()).join('\n');
    expect(table).toContain(`Check-in ${suffix}`);
    expect(table).toContain(changedText);
    const earlier = card
      .getByTestId('aftercare-earlier-version')
      .filter({ hasText: `Version ${current.version},` });
    await earlier.getByRole('button').click();
    const old = (await earlier.getByTestId('aftercare-step').allTextContents()).join('\n');
    expect(old).toContain(current.steps[0]!.title);
    expect(old).not.toContain(suffix);
    await screenshot(page, '97-aftercare-published');

    const after = (await api<{ items: AftercareTemplate[] }>('GET', '/api/aftercare-templates')).json;
    const next = after.items.find((x) => x.current && x.language === 'en')!;
    expect(next.version).toBe(current.version + 1);
    expect(next.steps).toHaveLength(current.steps.length + 1);
    expect(next.steps[last]!.instructions).toBe(changedText);
    expect(next.steps[current.steps.length]).toEqual({
      fromDay: 30,
      untilDay: null,
      title: `Check-in ${suffix}`,
      instructions: 'Send us a photo of the healed scalp.',
      remind: false,
    });
    expect(after.items.find((x) => x.id === current.id)).toMatchObject({
      current: false,
      steps: current.steps,
    });
  });

  it('makes calendar feeds for an artist and a client, and revokes one', async () => {
    const clients = await api<{ items: { id: string; givenName: string; familyName: string }[] }>(
      'GET',
      '/api/clients?pageSize=50',
    );
    const latin = /^[A-Za-z]+$/;
    const client = clients.json.items.find((c) => latin.test(c.givenName) && latin.test(c.familyName))!;
    const clientName = `${client.givenName} ${client.familyName}`;

    await page.goto('/calendar');
    await page.getByTestId('open-calendar-feeds').click();
    const feeds = page.getByTestId('calendar-feeds');
    await feeds.waitFor();
    await feeds.getByTestId('feed-subject').click();
    await page.getByRole('option', { name: artist.name, exact: true }).click();
    await feeds.getByTestId('create-feed').click();
    const url = feeds.getByTestId('feed-url');
    await url.waitFor();
    const artistUrl = await url.inputValue();
    expect(artistUrl.startsWith(`${baseUrl()}/api/feeds/`)).toBe(true);
    expect(artistUrl.endsWith('.ics')).toBe(true);
    await screenshot(page, '98-calendar-feed-created', false);

    // Subscribed to as a calendar app would: no cookie.
    const first = await fetch(artistUrl);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('BEGIN:VCALENDAR');

    await feeds.getByText('For a client').click();
    await feeds.getByTestId('feed-subject').fill(client.familyName);
    await page.getByRole('option', { name: clientName }).first().click();
    await feeds.getByTestId('create-feed').click();
    await expect.poll(() => url.inputValue()).not.toBe(artistUrl);
    const clientUrl = await url.inputValue();
    const clientFeed = await fetch(clientUrl);
    expect(clientFeed.status).toBe(200);
    expect(await clientFeed.text()).toContain('BEGIN:VCALENDAR');

    const artistRow = feeds.getByTestId('feed-row').filter({ hasText: artist.name });
    await expect.poll(() => feeds.getByTestId('feed-row').filter({ hasText: clientName }).count()).toBe(1);
    expect(await artistRow.count()).toBeGreaterThanOrEqual(1);
    const activeBefore = await feeds.getByTestId('feed-row').count();
    // The newest feed of the artist is the one just made (the list is newest first or last: find it by id).
    const list = (
      await api<{ items: { id: string; kind: string; subjectId: string; revokedAt: string | null }[] }>(
        'GET',
        '/api/calendar-feeds',
      )
    ).json.items;
    const artistFeeds = list.filter((f) => f.kind === 'artist' && f.subjectId === artist.id && !f.revokedAt);
    expect(artistFeeds).toHaveLength(1);
    await screenshot(page, '99-calendar-feeds-list', false);

    await artistRow.getByTestId('revoke-feed').click();
    await page.getByText('The feed was revoked').waitFor();
    await expect.poll(() => feeds.getByTestId('feed-row').count()).toBe(activeBefore - 1);
    expect(await feeds.getByTestId('feed-revoked-row').filter({ hasText: artist.name }).count()).toBe(1);
    await screenshot(page, '99b-calendar-feed-revoked', false);

    const gone = await fetch(artistUrl);
    expect([404, 410]).toContain(gone.status);
    expect(await gone.text()).not.toContain('BEGIN:VCALENDAR');
    // Only that feed stopped working.
    expect((await fetch(clientUrl)).status).toBe(200);
    await page.keyboard.press('Escape');
  });

  it('works on an iPad in portrait: no sideways scrolling, fingertip-sized controls', async () => {
    const tablet = await newContext(browser, IPAD_PORTRAIT, { tablet: true });
    const ipad = await ownerPage(tablet);
    try {
      const editor = await openWorkingHours(ipad);
      expect(await hasHorizontalScroll(ipad)).toBe(false);
      expect(await smallTouchTargets(editor)).toEqual([]);
      await fullScreenshot(ipad, '90b-ipad-working-hours', false);
      await ipad.keyboard.press('Escape');
      await editor.waitFor({ state: 'detached' });

      await ipad.goto('/staff');
      await ipad.getByTestId('staff-table').waitFor();
      expect(await hasHorizontalScroll(ipad)).toBe(false);
      await fullScreenshot(ipad, '94c-ipad-staff', false);

      await ipad.goto('/consent?tab=aftercare');
      await ipad.getByTestId('aftercare-new-version').first().tap();
      const aftercare = ipad.getByTestId('aftercare-editor');
      await aftercare.waitFor();
      expect(await hasHorizontalScroll(ipad)).toBe(false);
      expect(await smallTouchTargets(aftercare)).toEqual([]);
      await fullScreenshot(ipad, '95b-ipad-aftercare-editor', false);
      await ipad.keyboard.press('Escape');
      await aftercare.waitFor({ state: 'detached' });

      await ipad.goto('/calendar');
      await ipad.getByTestId('open-calendar-feeds').tap();
      const feeds = ipad.getByTestId('calendar-feeds');
      await feeds.getByTestId('feed-row').first().waitFor();
      expect(await hasHorizontalScroll(ipad)).toBe(false);
      expect(await smallTouchTargets(feeds)).toEqual([]);
      await fullScreenshot(ipad, '98b-ipad-calendar-feeds', false);
    } finally {
      await tablet.close();
    }
  });
});
