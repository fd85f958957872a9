// The rest of the client portal on a phone, and signing on the studio tablet. A visitor books on
// the demo studio's page and opens the emailed link; the studio (through its API, as the staff app
// would) consults, plans, renders a preview on a real photo with a scar and completes a session
// three days ago. The client then reads the plan, sees the preview marked as a simulation with the
// poor end for the scar, ticks aftercare days off (kept after a reload; days to come cannot be
// ticked), and downloads their data. On an iPad the owner opens the kiosk for a Chinese-speaking
// client: the tablet shows that one document in Chinese and nothing of the staff app, takes the
// signature and locks; leaving needs a staff sign-in. Its own server (demo data, real SMTP);
// screenshots portal-more-* land in e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSmtpSink,
  type Delivery,
  type SmtpSink,
} from '../packages/server/src/test-support/smtp-sink.js';
import { studioInstant } from '../packages/server/src/appointments/studio-time.js';
import {
  IPAD_LANDSCAPE,
  PHONE,
  drawSignature,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  screenshotFromTop as screenshot,
  smallTouchTargets,
} from './support/browser.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

const PASSWORD = 'amber falcon naps under nine bridges';
const OWNER_EMAIL = 'owner@demo-studio.example';
const CLIENT_EMAIL = 'ana.ribeiro@portal-more.example';
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'photos', name);

let browser: Browser;
let sink: SmtpSink;
let server: ServerProcess;
let staffContext: BrowserContext;
let staff: { api: APIRequestContext; csrf: string };
let clientId = '';
let sessionId = '';
let performedOn = '';

const londonDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** 10:00 in London on the latest weekday at least `daysBack` days ago: a session that took place. */
function pastWeekdayAtTen(daysBack: number): { date: string; startsAt: string } {
  for (let back = daysBack; ; back++) {
    const date = londonDate(-back);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6)
      return { date, startsAt: studioInstant(date, 10 * 60, 'Europe/London').toISOString() };
  }
}

async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  path: string,
  data?: unknown,
  raw?: Buffer,
): Promise<T> {
  // A render runs in the same server: an answer may take a while on a busy machine.
  const res = await staff.api.fetch(path, {
    timeout: 120_000,
    method,
    headers: {
      'x-csrf-token': staff.csrf,
      ...(raw ? { 'content-type': 'image/jpeg' } : {}),
    },
    ...(raw ? { data: raw } : data === undefined ? {} : { data }),
  });
  const text = await res.text();
  if (res.status() >= 300) throw new Error(`${method} ${path} answered ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function signaturePng(): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><path d="M20 80 C 80 10, 140 110, 200 50 S 320 90, 380 40" stroke="black" stroke-width="4" fill="none"/></svg>`;
  return `data:image/png;base64,${(await sharp(Buffer.from(svg)).png().toBuffer()).toString('base64')}`;
}

/** The first email to `address` whose subject matches, once the outbox has sent it. */
async function mailTo(address: string, subject: RegExp): Promise<Delivery> {
  const find = () => sink.deliveries.find((d) => d.to.includes(address) && subject.test(d.parsed.subject));
  await expect.poll(() => find() !== undefined, { timeout: 60_000 }).toBe(true);
  return find()!;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  server = await startServerProcess(port, {
    STIPPLE_DEMO_DATA: 'true',
    STIPPLE_DEMO_PASSWORD: PASSWORD,
    STIPPLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    STIPPLE_SMTP_URL: sink.url,
    STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
  });
  browser = await launchChromium();
  staffContext = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, baseURL: server.url });
  const login = await staffContext.request.post('/api/auth/login', {
    data: { email: OWNER_EMAIL, password: PASSWORD },
  });
  expect(login.status()).toBe(200);
  staff = { api: staffContext.request, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
}, 300_000);

afterAll(async () => {
  await staffContext?.close();
  await browser?.close();
  await server?.stop();
  await sink?.close();
});

describe('the studio prepares a client’s care', () => {
  let link = '';

  it('takes a booking from the public page and has a plan, a rendered preview and a completed session', async () => {
    const slots = await call<{ slots: { startsAt: string }[] }>(
      'GET',
      `/api/public/studios/demo-studio/slots?type=consultation&from=${londonDate()}&days=14`,
    );
    const slot = slots.slots.find((s) => Date.parse(s.startsAt) > Date.now() + 3 * 86_400_000)!;
    const receipt = await call<{ bookingId: string }>('POST', '/api/public/studios/demo-studio/bookings', {
      type: 'consultation',
      startsAt: slot.startsAt,
      givenName: 'Ana',
      familyName: 'Ribeiro',
      email: CLIENT_EMAIL,
      phone: '+44 7700 900123',
      locale: 'en',
      concerns: ['scar'],
      message: '',
      privacyAccepted: true,
    });
    const mail = await mailTo(CLIENT_EMAIL, /Ribeiro|booking|consultation/i);
    link = /https?:\/\/[^\s]+\/p\/[A-Za-z0-9_-]{40,}/.exec(mail.parsed.text)![0];
    clientId = (await call<{ clientId: string }>('GET', `/api/bookings/${receipt.bookingId}`)).clientId;

    const consultation = await call<{ id: string }>('POST', `/api/clients/${clientId}/consultations`, {
      assessment: {
        consultationDate: londonDate(-10),
        ageYears: 41,
        fitzpatrick: 'III',
        hairLoss: { scale: 'norwood', stage: 'III-vertex' },
        hairColour: 'dark-brown',
        goal: ['scar-camouflage', 'density'],
        scars: [
          {
            id: 'strip',
            cause: 'fut',
            texture: 'flat',
            colour: 'hypo',
            lengthMm: 60,
            widthMm: 3,
            ageMonths: 18,
            location: { region: 'vertex', point: { x: 0.5, y: 0.5 } },
          },
        ],
        screening: {
          keloidHistory: false,
          anticoagulants: false,
          pregnant: false,
          chemotherapyMonthsAgo: null,
        },
      },
    });
    await call('POST', `/api/consultations/${consultation.id}/plans`, { basedOnVersion: 0 });

    // A real phone photo of a shaved crown, with a strip scar drawn along a line of it.
    const jpeg = await sharp(readFileSync(fixture('shaved-crown-stubble.jpg')))
      .resize(2016)
      .jpeg({ quality: 90 })
      .toBuffer();
    const photo = await call<{ id: string }>(
      'POST',
      `/api/clients/${clientId}/photos?view=top&takenOn=${londonDate(-10)}`,
      undefined,
      jpeg,
    );
    await call('PATCH', `/api/photos/${photo.id}`, { calibration: { pxPerMm: 10 } });
    const scar: [number, number][] = [
      [665, 1055],
      [950, 1090],
      [1240, 1115],
      [1250, 1145],
      [945, 1125],
      [660, 1085],
    ];
    const zones = await call<{ latestRender: { id: string } }>('PUT', `/api/photos/${photo.id}/zones`, {
      version: 0,
      zones: {
        calibration: { pxPerMm: 10 },
        seed: 3,
        sessions: 3,
        zones: [
          { id: 'strip', kind: 'scar', polygon: scar, densityPerCm2: 80, texture: 'flat', featherMm: 2 },
        ],
      },
    });
    for (let i = 0; ; i++) {
      const r = await call<{ status: string }>('GET', `/api/renders/${zones.latestRender.id}`);
      if (r.status === 'done') break;
      expect(r.status).not.toBe('failed');
      expect(i).toBeLessThan(900);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const templates = await call<{
      items: { id: string; kind: string; language: string; current: boolean }[];
    }>('GET', '/api/consent-templates');
    const treatment = templates.items.find(
      (t) => t.kind === 'treatment' && t.language === 'en' && t.current,
    )!;
    await call('POST', `/api/clients/${clientId}/consents`, {
      templateId: treatment.id,
      signerName: 'Ana Ribeiro',
      signature: await signaturePng(),
    });
    const me = await call<{ user: { id: string } }>('GET', '/api/auth/session');
    const course = await call<{ id: string }>('POST', `/api/clients/${clientId}/courses`, { title: 'Scar' });
    const took = pastWeekdayAtTen(3);
    const appointment = await call<{ id: string; startsAt: string }>('POST', '/api/appointments', {
      clientId,
      artistId: me.user.id,
      kind: 'session',
      courseId: course.id,
      startsAt: took.startsAt,
      durationMinutes: 45,
    });
    // A session is completed from its own day on: this one took place a few days ago.
    performedOn = took.date;
    // A session is completed with the pigment lot used (a lot recall finds clients by it).
    const inventory = await call<{ items: { kind: string; lots: { id: string; expired: boolean }[] }[] }>(
      'GET',
      '/api/inventory',
    );
    const lotId = inventory.items
      .filter((p) => p.kind === 'pigment')
      .flatMap((p) => p.lots)
      .find((l) => !l.expired)!.id;
    sessionId = (
      await call<{ id: string }>('PUT', `/api/appointments/${appointment.id}/session`, {
        performedOn,
        zones: ['scar'],
        materials: [{ lotId }],
        complete: true,
      })
    ).id;
    expect(sessionId).not.toBe('');
  });

  describe('the client’s portal on a phone', () => {
    let phoneContext: BrowserContext;
    let phone: Page;

    beforeAll(async () => {
      phoneContext = await newContext(browser, PHONE, { phone: true, baseURL: server.url, locale: 'en-GB' });
      phone = await phoneContext.newPage();
      phone.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    });
    afterAll(() => phoneContext?.close());

    it('opens by the emailed link and shows the plan in plain words, session by session', async () => {
      await phone.goto(link);
      await phone.getByTestId('open-portal').click();
      await phone.waitForURL('**/portal**');
      await phone.getByTestId('portal-nav-plan').click();
      await phone.getByTestId('portal-plan').waitFor();
      await phone.getByTestId('plan-session-1').waitFor();
      expect(await phone.getByTestId('plan-eligibility').textContent()).toBe(
        'You can go ahead with treatment',
      );
      const first = await phone.getByTestId('plan-session-1').textContent();
      expect(first).toMatch(/Session 1/);
      expect(first).toMatch(/adds \d+ % of the dots, reaching \d+ % of the final density/);
      expect(await phone.getByTestId('plan-expectations').textContent()).toContain('not a promise');
      expect(await smallTouchTargets(phone.getByRole('navigation'))).toEqual([]);
      expect(await hasHorizontalScroll(phone)).toBe(false);
      await screenshot(phone, 'portal-more-10-phone-plan');
    });

    it('shows the preview marked as a simulation, with the poor end for the scar', async () => {
      await phone.getByTestId('portal-nav-preview').click();
      await phone.getByTestId('preview-disclaimer').waitFor();
      expect(await phone.getByTestId('preview-disclaimer').textContent()).toContain(
        'A simulation, not a promise',
      );
      for (const key of ['photo', 'healed', 'poor']) {
        const img = phone.getByTestId(`preview-image-${key}`);
        await img.waitFor();
        await expect
          .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 30_000 })
          .toBeGreaterThan(500);
      }
      expect(await phone.getByTestId('preview-scar-range').textContent()).toMatch(/about \d+ %.*about \d+ %/);
      expect(await hasHorizontalScroll(phone)).toBe(false);
      await screenshot(phone, 'portal-more-11-phone-preview');
    });

    it('lists aftercare day by day with the reminders; ticks are kept, days to come cannot be ticked', async () => {
      await phone.getByTestId('portal-nav-aftercare').click();
      await phone.getByTestId(`aftercare-${sessionId}`).waitFor();
      expect(await phone.getByTestId('aftercare-reminders').textContent()).toContain(CLIENT_EMAIL);
      const day = (n: number) => phone.getByTestId('aftercare-day-' + n).getByTestId('aftercare-tick');
      // Today's day of the aftercare: 3 days after the session or more (it took place on the latest
      // weekday at least 3 days ago: on a Tuesday that is last Friday, day 4).
      const today = Math.round((Date.parse(londonDate()) - Date.parse(performedOn)) / 86_400_000);
      expect(today).toBeGreaterThanOrEqual(3);
      // The box follows the server: it shows ticked once the tick is stored.
      await day(0).click();
      await expect.poll(() => day(0).isChecked()).toBe(true);
      await day(today).click();
      await expect.poll(() => day(today).isChecked()).toBe(true);
      expect(await day(today + 1).isDisabled()).toBe(true);
      expect(await phone.getByTestId(`aftercare-day-${today}`).getAttribute('data-today')).toBe('true');
      await screenshot(phone, 'portal-more-12-phone-aftercare', false);
      await phone.reload();
      await phone.getByTestId(`aftercare-${sessionId}`).waitFor();
      expect(await day(0).isChecked()).toBe(true);
      expect(await day(today).isChecked()).toBe(true);
      expect(await day(1).isChecked()).toBe(false);
      // The coming week shows; the rest of the healing weeks on request.
      expect(await phone.getByTestId('aftercare-day-30').count()).toBe(0);
      await phone.getByTestId('aftercare-all-days').click();
      await phone.getByTestId('aftercare-day-30').waitFor();
      expect(await hasHorizontalScroll(phone)).toBe(false);
      await screenshot(phone, 'portal-more-13-phone-aftercare-full');
    });

    it('downloads the client’s own data as JSON', async () => {
      await phone.getByTestId('portal-nav-data').click();
      await phone.getByTestId('portal-data').waitFor();
      await screenshot(phone, 'portal-more-14-phone-data');
      const [download] = await Promise.all([
        phone.waitForEvent('download'),
        phone.getByTestId('portal-download').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        client: { id: string; email: string };
        sessions: { id: string; aftercareDaysTicked: string[] }[];
        photos: { url: string }[];
      };
      expect(data.client).toMatchObject({ id: clientId, email: CLIENT_EMAIL });
      expect(data.sessions[0]).toMatchObject({ id: sessionId });
      expect(data.sessions[0]!.aftercareDaysTicked.sort()).toEqual([performedOn, londonDate()].sort());
      expect(data.photos).toHaveLength(1);
    });
  });
});

describe('signing on the studio tablet', () => {
  let page: Page;

  it('opens the kiosk for one client and one document, showing nothing of the staff app', async () => {
    const clients = await call<{ items: { id: string; givenName: string }[] }>(
      'GET',
      '/api/clients?q=%E7%8E%8B',
    );
    const wang = clients.items.find((c) => c.givenName === '芳')!;
    const tablet = await newContext(browser, IPAD_LANDSCAPE, { tablet: true, baseURL: server.url });
    page = await tablet.newPage();
    await page.goto('/sign-in');
    await page.getByLabel(/^Email/).fill(OWNER_EMAIL);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.waitForURL('**/clients');
    await page.goto(`/clients/${wang.id}`);
    await page.getByTestId('tab-consents').click();
    await page.getByTestId('open-kiosk').click();
    // The suggestion: the treatment consent in the client's language.
    expect(await page.getByTestId('kiosk-document').inputValue()).toMatch(/治疗|zh-CN/);
    await screenshot(page, 'portal-more-20-ipad-open-kiosk', false);
    await page.getByTestId('kiosk-start').click();
    await page.waitForURL('**/kiosk/**');
    await page.getByTestId('kiosk').waitFor();
    expect(await page.getByTestId('kiosk-client').textContent()).toContain('王芳');
    expect(await page.getByTestId('consent-text').textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByTestId('nav-clients').count()).toBe(0);
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'portal-more-21-ipad-kiosk-document');
  });

  it('takes the signature, then locks; leaving needs a staff sign-in', async () => {
    await drawSignature(page, page.getByTestId('sign-treatment').locator('canvas'));
    await page.getByTestId('sign-treatment-submit').click();
    await page.waitForURL('**/kiosk/locked');
    await page.getByTestId('kiosk-thanks').waitFor();
    await screenshot(page, 'portal-more-22-ipad-kiosk-locked', false);
    // The spent ticket shows the locked screen again, not the document.
    await page.goBack();
    await page.waitForURL(/\/(kiosk\/locked|sign-in)/);
    // Nothing of the staff app without signing in again.
    await page.goto('/clients');
    await page.waitForURL('**/sign-in**');
    expect(await page.getByTestId('client-table').count()).toBe(0);
    const consents = await call<{ items: { kind: string; witnessedBy: unknown }[] }>(
      'GET',
      `/api/clients/${(await call<{ items: { id: string; givenName: string }[] }>('GET', '/api/clients?q=%E7%8E%8B')).items.find((c) => c.givenName === '芳')!.id}/consents`,
    );
    expect(consents.items.map((c) => c.kind)).toContain('treatment');
    await page.context().close();
  });
});
