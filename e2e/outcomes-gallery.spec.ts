// Outcomes and the before-and-after gallery, as an artist works through them: a client's earlier
// photo with zones and a healed follow-up (the preview's own render of session 1 with the scar
// keeping 45 % of its pigment), measured in the Outcomes tab into a table per zone; the pair is
// refused for the gallery without the client's consent to the use of their photos (the consent
// whose text allows the gallery and the website), enters it once the client signs, shows on the
// studio's public page, and leaves both at once when the client withdraws the consent.
import type { RgbImage, StudioSettings } from '@stipple/core';
import { healedFollowUp, sceneZones, skinPhoto } from '@stipple/core/outcome/testing/follow-up-scene';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IPAD_LANDSCAPE,
  PHONE,
  baseUrl,
  hasHorizontalScroll,
  launchChromium,
  newContext,
  ownerPage,
  pageApi,
  runSuffix,
  screenshot,
  smallTouchTargets,
} from './support/browser.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let clientId: string;
let slug: string;
const familyName = `Haddad-${runSuffix()}`;

const png = (image: RgbImage) =>
  sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();

/** Uploads a PNG as the app does (raw body), from the signed-in page. */
async function upload(bytes: Buffer, takenOn: string): Promise<string> {
  return page.evaluate(
    async ({ base64, clientId, takenOn }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const body = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const res = await fetch(
        `/api/clients/${clientId}/photos?view=top&takenOn=${takenOn}&filename=scalp.png`,
        {
          method: 'POST',
          headers: { 'content-type': 'image/png', 'x-csrf-token': session.csrfToken },
          body,
        },
      );
      return ((await res.json()) as { id: string }).id;
    },
    { base64: bytes.toString('base64'), clientId, takenOn },
  );
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
  page = await ownerPage(context);
  const created = await pageApi<{ id: string }>(page, 'POST', '/api/clients', {
    givenName: 'Rana',
    familyName,
    preferredLanguage: 'en',
  });
  expect(created.status).toBe(201);
  clientId = created.json.id;
  const earlierId = await upload(await png(skinPhoto()), '2026-09-01');
  const saved = await pageApi(page, 'PUT', `/api/photos/${earlierId}/zones`, {
    zones: sceneZones(),
    version: 0,
  });
  expect(saved.status).toBe(200);
  await upload(await png(healedFollowUp(0.45)), '2026-10-20');
  slug = (await pageApi<StudioSettings>(page, 'GET', '/api/studio')).json.slug;
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('outcomes and the gallery', () => {
  it('measures the healed follow-up into a table per zone', async () => {
    await page.goto(`/clients/${clientId}?tab=outcomes`);
    await page.getByTestId('outcomes-tab').waitFor();
    await page.getByTestId('outcome-follow-up').click();
    await page
      .getByRole('option', { name: /20 Oct 2026|2026-10-20|Oct/ })
      .first()
      .click();
    await page.getByTestId('outcome-earlier').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('outcome-measure').click();
    const table = page.getByTestId('outcome-table');
    await table.waitFor({ timeout: 60_000 });
    const retention = await table
      .getByTestId('outcome-zone-strip')
      .getByTestId('outcome-retention')
      .textContent();
    // "45 % ± 1": the measured share, then its uncertainty.
    const [kept, plusMinus] = (retention!.match(/\d+/g) ?? []).map(Number);
    expect(Math.abs(kept! - 45)).toBeLessThanOrEqual(4);
    expect(plusMinus).toBeLessThanOrEqual(5);
    expect(await table.getByTestId('outcome-zone-crown').textContent()).toContain('Density fill');
    // The studio's figures count the new measurement at once: one flat scar, the default beside it.
    await expect
      .poll(() => page.getByTestId('studio-retention').textContent())
      .toMatch(/Flat scar.*All skin types.*1.*85 %/);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await smallTouchTargets(page.getByTestId('outcomes-tab'))).toEqual([]);
    await screenshot(page, '90-outcomes-table-ipad');

    // On a phone, in Chinese: the table scrolls inside its frame; the page itself does not.
    expect((await pageApi(page, 'PATCH', '/api/me/preferences', { locale: 'zh-CN' })).status).toBe(200);
    const phone = await newContext(browser, PHONE, { phone: true, locale: 'zh-CN' });
    const phonePage = await ownerPage(phone, 'new-client');
    await phonePage.goto(`/clients/${clientId}?tab=outcomes`);
    const phoneTable = phonePage.getByTestId('outcome-table');
    await phoneTable.waitFor();
    expect(await phoneTable.textContent()).toContain('实测保留率');
    expect(await hasHorizontalScroll(phonePage)).toBe(false);
    await screenshot(phonePage, '90-outcomes-table-phone-zh');
    await phone.close();
    expect((await pageApi(page, 'PATCH', '/api/me/preferences', { locale: 'en' })).status).toBe(200);
  });

  it('refuses the pair for the gallery without the photo-use consent, saying why', async () => {
    await page.getByTestId('outcome-to-gallery').click();
    const refused = page.getByTestId('gallery-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('no active consent to the use of their photos');
    await screenshot(page, '91-gallery-refused-ipad');
  });

  it('with the consent signed, the pair enters the gallery and the public page', async () => {
    const templates = await pageApi<{
      items: { id: string; kind: string; language: string; current: boolean }[];
    }>(page, 'GET', '/api/consent-templates');
    const photoUse = templates.json.items.find(
      (t) => t.kind === 'photo' && t.language === 'en' && t.current,
    )!;
    const signature = await sharp(
      Buffer.from(
        '<svg width="300" height="100" xmlns="http://www.w3.org/2000/svg"><path d="M10 70 C 60 10, 90 90, 140 40 S 220 80, 290 30" stroke="#111" stroke-width="4" fill="none"/></svg>',
      ),
    )
      .png()
      .toBuffer();
    const signed = await pageApi(page, 'POST', `/api/clients/${clientId}/consents`, {
      templateId: photoUse.id,
      signerName: `Rana ${familyName}`,
      signature: `data:image/png;base64,${signature.toString('base64')}`,
    });
    expect(signed.status).toBe(201);
    await page.getByTestId('outcome-to-gallery').click();
    await expect.poll(() => page.getByTestId('gallery-refused').count()).toBe(0);

    await page.goto('/consent?tab=gallery');
    const pair = page
      .getByTestId('gallery-pairs')
      .getByTestId('gallery-pair')
      .filter({ hasText: familyName });
    await pair.waitFor();
    expect(await pair.textContent()).toContain('Unretouched originals, cropped only');
    await expect
      .poll(() => pair.getByTestId('pair-after').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page, '92-gallery-pair-ipad');

    const phone = await newContext(browser, PHONE, { phone: true });
    const visitor = await phone.newPage();
    await visitor.goto(`${baseUrl()}/s/${slug}`);
    const publicGallery = visitor.getByTestId('public-gallery');
    await publicGallery.waitFor();
    expect(await publicGallery.getByTestId('gallery-pair').count()).toBeGreaterThan(0);
    expect(await publicGallery.textContent()).not.toContain(familyName);
    await expect
      .poll(() =>
        publicGallery
          .getByTestId('pair-before')
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await hasHorizontalScroll(visitor)).toBe(false);
    await publicGallery.scrollIntoViewIfNeeded();
    await screenshot(visitor, '93-public-gallery-phone');
    await phone.close();
  });

  it('withdrawing the photo-use consent takes the pair off the gallery and the public page at once', async () => {
    const before = (await pageApi<{ items: unknown[] }>(page, 'GET', `/api/public/studios/${slug}/gallery`))
      .json.items.length;
    await page.goto(`/clients/${clientId}?tab=consents`);
    const record = page
      .getByTestId('consent-record')
      .filter({ hasText: /use of my photos/i })
      .first();
    await record.getByTestId('withdraw-consent').click();
    await page.getByTestId('withdraw-reason').fill('No longer wants to appear');
    await page.getByTestId('confirm-withdraw').click();
    await expect.poll(() => record.getByTestId('consent-status').textContent()).toMatch(/Withdrawn/i);

    await page.goto('/consent?tab=gallery');
    await page.getByTestId('gallery-pairs').waitFor();
    await expect
      .poll(() =>
        page.getByTestId('gallery-pairs').getByTestId('gallery-pair').filter({ hasText: familyName }).count(),
      )
      .toBe(0);
    await screenshot(page, '94-gallery-after-withdrawal-ipad');
    const after = (await pageApi<{ items: unknown[] }>(page, 'GET', `/api/public/studios/${slug}/gallery`))
      .json.items.length;
    expect(after).toBe(before - 1);
  });
});
