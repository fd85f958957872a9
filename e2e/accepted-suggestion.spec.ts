// The first hour walked in Chinese on an iPad in landscape (1180×820) where a walk by eye found
// developer text, and an analysis suggestion accepted into the zones and followed to the preview,
// the score, the plan, the session and both reports. What the walk found, each checked here:
// a zone taken from the analysis shown as `photo-scar-1` (and drawn zones as `fill-1`) in the
// editor, the render and the reports; the assessment's scar card titled `scar-1` and its error list
// giving `scars.0.lengthMm`; plan cautions and session targets naming `scar-1`; audited records
// shown as `treatment_plan`; a calendar day's weekday cut in two ("周 / 一"); the render's and the
// analysis's notes in English.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, PhotoZones, StaffMember } from '@stipple/core';
import { studioInstant } from '../packages/server/src/appointments/studio-time.js';
import {
  IPAD_LANDSCAPE,
  launchChromium,
  londonDate,
  newContext,
  ownerPage,
  pageApi,
  runSuffix,
  screenshot,
  uploadPhotoInPage,
} from './support/browser.js';
import { renderPdf } from './support/pdf.js';
import { makeScarPhoto } from './support/scar-photo.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const suffix = runSuffix();
const familyName = `Zhou ${suffix}`;
let clientId = '';
let consultationId = '';
let photoId = '';
const work = mkdtempSync(join(tmpdir(), 'stipple-accepted-'));

/** Ids of ours a reader must never see: zones by kind and number, scars, records, field paths. */
const OUR_IDS =
  /\b(photo-scar|scar|fill|exclude|hairline)-\d+\b|\bscars\.\d|\btreatment_plan\b|\bpreview_render\b/;

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await pageApi<T>(page, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** Three English words in a row: a sentence of ours left in English. */
const ENGLISH = /\b[A-Za-z]{2,}(?:[\s,;:]+[A-Za-z]{2,}){2,}/;

/** The text a person reads in `locator`, the rule ids a plan cites left out (they are citations). */
async function textOf(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const chip of copy.querySelectorAll('[data-testid^="rule-"]')) chip.remove();
    document.body.appendChild(copy);
    const read = copy.innerText;
    copy.remove();
    return read.replace(/\s+/g, ' ');
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, locale: 'zh-CN' });
  page = await ownerPage(context);
  // Leaving the assessment left with a wrong value on purpose: the browser asks, the artist leaves.
  page.on('dialog', (dialog) => void dialog.accept());
  await api('PATCH', '/api/me/preferences', { locale: 'zh-CN' });
  const today = londonDate(0);
  clientId = (
    await api<{ id: string }>('POST', '/api/clients', {
      givenName: '军',
      familyName,
      preferredLanguage: 'zh-CN',
    })
  ).id;
  // A strip scar 3 mm wide and four years old: eligible now, and stretched (a caution naming it).
  consultationId = (
    await api<{ id: string }>('POST', `/api/clients/${clientId}/consultations`, {
      assessment: {
        consultationDate: today,
        ageYears: 44,
        fitzpatrick: 'III',
        hairLoss: { scale: 'norwood', stage: 'IV' },
        scars: [{ id: 'scar-1', cause: 'fut', texture: 'flat', lengthMm: 160, widthMm: 3, ageMonths: 48 }],
      },
    })
  ).id;
  await api('POST', `/api/consultations/${consultationId}/plans`, { basedOnVersion: 0, overrides: [] });
  const photo = await makeScarPhoto(join(work, 'scar.jpg'));
  const uploaded = await uploadPhotoInPage(page, clientId, readFileSync(photo.path), {
    view: 'back',
    takenOn: today,
  });
  expect(uploaded.status).toBe(201);
  photoId = uploaded.body.id;
});
afterAll(async () => {
  await api('PATCH', '/api/me/preferences', { locale: 'en' }).catch(() => undefined);
  await browser.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the assessment and the plan in Chinese name scars and fields as the form does', () => {
  it('titles the scar card 疤痕 1 and lists a wrong field by its label, not its path', async () => {
    await page.goto(`/consultations/${consultationId}`);
    await page.getByTestId('assessment-form').waitFor();
    expect(await page.getByTestId('scar-0-name').textContent()).toBe('疤痕 1');
    await page.getByTestId('scar-0-length').fill('-180');
    await page.getByTestId('save-assessment').tap();
    const errors = page.getByTestId('assessment-errors');
    await errors.waitFor();
    await screenshot(page, '190-assessment-errors-zh', false);
    const text = await errors.innerText();
    expect(text).toContain('疤痕 1 › 长度（毫米）');
    expect(text).not.toMatch(/lengthMm|scars\./);
    await page.getByTestId('scar-0-length').fill('160');
  });

  it('names the scar of a caution 疤痕 1 in the plan, not its id', async () => {
    await page.goto(`/consultations/${consultationId}?tab=plan`);
    const plan = page.getByTestId('plan-document');
    await plan.waitFor();
    const scars = plan.getByTestId('statement-scars').first();
    await scars.waitFor();
    expect(await scars.textContent()).toBe('疤痕 1：');
    expect(await textOf(plan)).not.toMatch(OUR_IDS);
  });
});

describe('an analysis suggestion accepted into the zones, in Chinese', () => {
  it('is named 照片疤痕 1 in the editor, apart from the assessment’s 疤痕 1, and in the live preview', async () => {
    await page.goto(`/clients/${clientId}/photos/${photoId}/preview`);
    await page.getByTestId('zone-editor').waitFor({ timeout: 120_000 });
    await page.getByTestId('px-per-mm').fill('20');
    await page.getByTestId('apply-px-per-mm').tap();
    await page.getByTestId('calibration-value').waitFor();
    await page.getByTestId('run-analysis').tap();
    const accept = page.locator('[data-testid^="accept-"]').first();
    await accept.waitFor({ timeout: 300_000 });
    await accept.tap();
    const row = page.getByTestId('zone-row-photo-scar-1');
    await row.waitFor();
    expect(await row.getByTestId('zone-name-photo-scar-1').textContent()).toBe('照片疤痕 1');
    expect(await row.getByRole('button').last().getAttribute('aria-label')).toBe('删除 照片疤痕 1');
    await expect
      .poll(() => page.getByTestId('preview-timing').textContent(), { timeout: 60_000 })
      .toMatch(/\d/);
    // A scar is scar tissue: what the analysis detected in and round it is not the client's hair
    // (follicleCounted), so it gets its full density. Read once the preview has the hair (its
    // stubble line shows): no "no dots needed" for it, and no client hair counted in it.
    await page.getByTestId('stubble-shade').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('zone-warning-photo-scar-1').count()).toBe(0);
    const clientHair = page.getByTestId('client-hair');
    if ((await clientHair.count()) > 0) expect(await clientHair.textContent()).not.toContain('照片疤痕 1');
    await screenshot(page, '191-accepted-suggestion-zh', false);
    expect(await textOf(page.getByTestId('zone-list'))).not.toMatch(OUR_IDS);
    expect(await textOf(page.getByTestId('preview-insights'))).not.toMatch(OUR_IDS);
  });

  it('is scored under its name after the render, with no file name of ours on the stages', async () => {
    await page.getByTestId('save-zones').tap();
    await expect
      .poll(() => page.getByTestId('render-status').textContent(), { timeout: 300_000 })
      .toBe('完成');
    const score = page.getByTestId('camouflage-photo-scar-1');
    await score.waitFor();
    expect(await score.textContent()).toMatch(/^照片疤痕 1：ΔE00 [\d.]+ → [\d.]+/);
    const panel = page.getByTestId('render-panel');
    await panel.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, '192-accepted-suggestion-rendered-zh', false);
    expect(await textOf(panel)).not.toMatch(OUR_IDS);
    const alts = await panel
      .locator('img')
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt') ?? ''));
    expect(alts.filter((a) => /[a-z]-|healed|session|faded/.test(a))).toEqual([]);
  });

  it('is named apart from the assessment’s scar in the Chinese and the English report', async () => {
    // The report is printed in the client's language.
    try {
      for (const [language, zone] of [
        ['zh-CN', '照片疤痕 1：'],
        ['en', 'Photo scar 1:'],
      ] as const) {
        await api('PATCH', `/api/clients/${clientId}`, { preferredLanguage: language });
        await page.goto(`/consultations/${consultationId}`);
        const download = page.waitForEvent('download');
        await page.getByTestId('download-report').tap();
        const path = join(work, `report-${language}.pdf`);
        await (await download).saveAs(path);
        const { text } = await renderPdf(path, join(work, `report-${language}.png`));
        writeFileSync(join(work, `report-${language}.txt`), text);
        expect(text).toContain(zone);
        expect(text).not.toMatch(/photo-scar|scar-1|fill-1/);
      }
    } finally {
      await api('PATCH', `/api/clients/${clientId}`, { preferredLanguage: 'zh-CN' });
    }
  });

  it('words the render’s note and the analysis’s notes in Chinese, none in English', async () => {
    // Zones drawn at another scale than the photo's calibration: the render says so in a note.
    const saved = await api<PhotoZones>('GET', `/api/photos/${photoId}/zones`);
    await api('PUT', `/api/photos/${photoId}/zones`, {
      zones: { ...saved.zones, calibration: { pxPerMm: 24 } },
      version: saved.version,
    });
    await page.goto(`/clients/${clientId}/photos/${photoId}/preview`);
    await page.getByTestId('zone-editor').waitFor({ timeout: 120_000 });
    await expect
      .poll(() => page.getByTestId('render-status').textContent(), { timeout: 300_000 })
      .toBe('完成');
    const note = page.getByTestId('render-note').first();
    await note.waitFor();
    expect(await note.textContent()).toBe('区域是按每毫米 24 像素绘制的，但照片的校准为每毫米 20 像素。');
    const panel = page.getByTestId('render-panel');
    await note.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, '194-render-note-zh', false);
    expect(await textOf(panel)).not.toMatch(ENGLISH);
    expect(await textOf(page.getByTestId('analysis-panel'))).not.toMatch(ENGLISH);
  });
});

describe('the session, the calendar and the audit log in Chinese', () => {
  it('names the scars of the session targets 疤痕 1', async () => {
    const staff = await api<{ items: StaffMember[] }>('GET', '/api/staff');
    const artist = staff.items.find((s) => s.role === 'artist' && s.active)!;
    const course = await api<{ id: string }>('POST', `/api/clients/${clientId}/courses`, {
      title: '疤痕遮盖',
      consultationId,
    });
    let appointment: Appointment | undefined;
    for (let day = 1; !appointment && day < 30; day++) {
      const date = londonDate(day);
      if ([0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay())) continue;
      for (const hour of [10, 13, 15]) {
        const res = await pageApi<Appointment>(page, 'POST', '/api/appointments', {
          clientId,
          artistId: artist.id,
          kind: 'session',
          courseId: course.id,
          startsAt: studioInstant(date, hour * 60, 'Europe/London').toISOString(),
          durationMinutes: 120,
        });
        if (res.status === 201) {
          appointment = res.json;
          break;
        }
      }
    }
    expect(appointment).toBeDefined();
    await page.goto(`/appointments/${appointment!.id}/session`);
    const targets = page.getByTestId('session-targets');
    await targets.waitFor();
    expect(await targets.getByTestId('session-target-scars').first().textContent()).toContain('疤痕 1');
    expect(await textOf(targets)).not.toMatch(OUR_IDS);

    // A dilution is kept with its pigment lot: typed without one, it is refused, not dropped.
    const lot = page.getByTestId('pigment-lot');
    const chosen = await lot.inputValue();
    if (chosen) {
      // The studio's current lot comes chosen; a tap on the chosen option clears it.
      await lot.click();
      await page.getByRole('option', { name: chosen }).click();
      await expect.poll(() => lot.inputValue()).toBe('');
    }
    await page.getByTestId('dilution').fill('1:20 蒸馏水');
    await page.getByTestId('save-session').tap();
    await expect.poll(() => page.getByTestId('dilution').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('请选择使用此稀释比例的色素批次').waitFor();
    const record = await pageApi<{ materials?: unknown[] } | null>(
      page,
      'GET',
      `/api/appointments/${appointment!.id}/session`,
    );
    expect(record.status === 404 || (record.json?.materials ?? []).length === 0).toBe(true);
    // Choosing a lot puts the dilution right: its refusal goes at once, not at the next save.
    await lot.click();
    await page.getByRole('option').first().click();
    await expect.poll(() => lot.inputValue()).not.toBe('');
    await expect.poll(() => page.getByTestId('dilution').getAttribute('aria-invalid')).not.toBe('true');
    await expect.poll(() => page.getByText('请选择使用此稀释比例的色素批次').count()).toBe(0);
    // A work date months from the appointment is most likely mistyped: the page says so.
    const workDay = page.getByTestId('session-performed-on');
    await workDay.click();
    await workDay.fill('');
    await workDay.pressSequentially('2020-01-15');
    await page.getByText(/与 .* 的预约相差 \d+ 天：请核对日期。/).waitFor();
    await page.keyboard.press('Escape');
    await screenshot(page, '192b-session-date-far-from-appointment-zh', false);
  });

  it("writes a calendar day's title on whole pieces: the weekday is never cut", async () => {
    await page.goto('/calendar');
    await page.getByTestId('calendar-week').waitFor();
    const cut = await page
      .getByTestId('day-title')
      .evaluateAll((titles) =>
        titles.flatMap((title) =>
          [...title.querySelectorAll('span')]
            .filter((piece) => piece.getClientRects().length > 1)
            .map((piece) => piece.textContent),
        ),
      );
    expect(cut).toEqual([]);
    await screenshot(page, '193-calendar-zh-ipad', false);
  });

  it('names every kind of record in the audit log', async () => {
    // The plan and the render this spec opened, each shown by the name of its kind.
    for (const action of ['plan.read', 'render.read']) {
      await page.goto(`/audit?action=${action}`);
      await page.getByTestId('audit-row').first().waitFor();
      const text = await textOf(page.getByTestId('audit-table'));
      expect(text).toMatch(/治疗方案|效果渲染/);
      expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|\bconsultation\b/);
    }
  });
});
