// The head and scalp map in the zone editor, on an iPad in landscape (1180×820, touch): the
// artist sees the automatic map over a real phone photo, taps a scalp region to take it out,
// brushes part of it back along the edge, tries an erase and undoes it, saves with the zones,
// reloads and finds the correction kept (the server's map says the same). Then the same page at
// phone size. Screenshots land in e2e/screenshots/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoSignIn,
  IPAD_LANDSCAPE,
  launchChromium,
  newContext,
  runSuffix,
  screenshot,
  signIn,
  uploadPhotoInPage,
} from './support/browser.js';

const PHOTO = fileURLToPath(new URL('../fixtures/photos/shaved-top-diffuse.jpg', import.meta.url));
const PHONE = { width: 390, height: 844 };

interface MapLabels {
  width: number;
  height: number;
  factor?: number;
  classesRle: number[];
}
interface ScalpMapAnswer {
  automatic: MapLabels | null;
  corrected: MapLabels | null;
  version: number;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let editorUrl = '';
let photoId = '';
let photoWidth = 0;
let photoHeight = 0;

const isScalp = (c: number) => c === 2 || c === 3;

function decode(map: MapLabels): Uint8Array {
  const out = new Uint8Array(map.width * map.height);
  let i = 0;
  for (let k = 0; k < map.classesRle.length; k += 2) {
    out.fill(map.classesRle[k]!, i, i + map.classesRle[k + 1]!);
    i += map.classesRle[k + 1]!;
  }
  return out;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: {
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as T };
    },
    { method, path, body },
  );
}

const scalpMap = async () => (await api<ScalpMapAnswer>('GET', `/api/photos/${photoId}/scalp-map`)).body;

/** The screen point of a map pixel's centre on the stage (the photo fitted in it). */
async function screenOf(map: MapLabels, mx: number, my: number) {
  const box = (await page.getByTestId('preview-canvas').boundingBox())!;
  const f = map.factor!;
  return {
    x: box.x + (((mx + 0.5) * f) / photoWidth) * box.width,
    y: box.y + (((my + 0.5) * f) / photoHeight) * box.height,
  };
}

/** The largest 4-connected region of scalp on the map: its pixels, row-major. */
function largestScalpRegion(map: MapLabels): number[] {
  const data = decode(map);
  const seen = new Uint8Array(data.length);
  let best: number[] = [];
  for (let s = 0; s < data.length; s++) {
    if (seen[s] || !isScalp(data[s]!)) continue;
    const cls = data[s]!;
    const region: number[] = [];
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      region.push(i);
      const x = i % map.width;
      for (const n of [x > 0 ? i - 1 : -1, x < map.width - 1 ? i + 1 : -1, i - map.width, i + map.width])
        if (n >= 0 && n < data.length && !seen[n] && data[n] === cls) {
          seen[n] = 1;
          stack.push(n);
        }
    }
    if (region.length > best.length) best = region;
  }
  return best;
}

/** The overlay's alpha at a map pixel (0 where the map is neither scalp nor face). */
const overlayAlpha = (i: number) =>
  page
    .getByTestId('scalp-map-canvas')
    .evaluate(
      (c: HTMLCanvasElement, i: number) =>
        c.getContext('2d')!.getImageData(i % c.width, Math.floor(i / c.width), 1, 1).data[3]!,
      i,
    );

async function pickTool(label: string) {
  await page.getByTestId('scalp-map-tool').getByText(label, { exact: true }).tap();
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
  page = await context.newPage();
  // The editor loads the photo, the map and the preview worker: generous on a busy machine.
  page.setDefaultTimeout(45_000);
  page.setDefaultNavigationTimeout(90_000);
  await signIn(page, demoSignIn('artist'));
  // The client, the photo (a real phone photo of a head, at web size), its calibration, an
  // analysis and one zone come through the API: this spec is about the map.
  const client = await api<{ id: string }>('POST', '/api/clients', {
    givenName: 'Wei',
    familyName: `Zhang-${runSuffix()}`,
  });
  expect(client.status).toBe(201);
  const jpeg = await sharp(readFileSync(PHOTO)).resize(1200).jpeg({ quality: 88 }).toBuffer();
  const uploaded = await uploadPhotoInPage(page, client.body.id, jpeg, {
    view: 'top',
    takenOn: '2026-11-20',
  });
  expect(uploaded.status).toBe(201);
  photoId = uploaded.body.id;
  photoWidth = uploaded.body.width;
  photoHeight = uploaded.body.height;
  expect((await api('PATCH', `/api/photos/${photoId}`, { calibration: { pxPerMm: 6 } })).status).toBe(200);
  expect((await api('POST', `/api/photos/${photoId}/analysis`)).status).toBe(202);
  // expect.poll belongs to tests; here the analysis is waited for by hand.
  const deadline = Date.now() + 180_000;
  let status = '';
  while (status !== 'done' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    status = (await api<{ status: string }>('GET', `/api/photos/${photoId}/analysis`)).body.status;
    if (status === 'failed') throw new Error('the photo analysis failed');
  }
  expect(status).toBe('done');
  const zones = await api('PUT', `/api/photos/${photoId}/zones`, {
    version: 0,
    zones: {
      calibration: { pxPerMm: 6 },
      seed: 1,
      sessions: 2,
      zones: [
        {
          id: 'crown',
          kind: 'fill',
          polygon: [
            [photoWidth * 0.4, photoHeight * 0.3],
            [photoWidth * 0.6, photoHeight * 0.3],
            [photoWidth * 0.6, photoHeight * 0.5],
            [photoWidth * 0.4, photoHeight * 0.5],
          ],
          densityPerCm2: 60,
          shade: 30,
        },
      ],
    },
  });
  expect(zones.status).toBe(200);
  editorUrl = `/clients/${client.body.id}/photos/${photoId}/preview`;
}, 300_000);
afterAll(async () => {
  await browser.close();
});

describe('correcting the head and scalp map', () => {
  let automatic: MapLabels;
  /** A map pixel of the region tapped away that the brush brings back, and one it leaves out. */
  let brushed = 0;
  let leftOut = 0;

  it('shows the automatic map over the photo', async () => {
    await page.goto(editorUrl);
    await page.getByTestId('scalp-map-canvas').waitFor();
    expect(await page.getByTestId('scalp-map-source').textContent()).toBe('Automatic');
    automatic = (await scalpMap()).automatic!;
    const canvas = await page
      .getByTestId('scalp-map-canvas')
      .evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    expect(canvas).toEqual([automatic.width, automatic.height]);
    await page.getByTestId('zone-stage').scrollIntoViewIfNeeded();
    await screenshot(page, '90-scalp-map-automatic-ipad', false);
  });

  it('taps a scalp region away and brushes part of it back along the edge', async () => {
    const region = largestScalpRegion(automatic);
    expect(region.length).toBeGreaterThan(50);
    const shareBefore = await page.getByTestId('scalp-map-share').textContent();
    // Tap the region at a pixel well inside it (its median row, the middle of that row's run).
    const rows = region.map((i) => Math.floor(i / automatic.width)).sort((a, b) => a - b);
    const row = rows[Math.floor(rows.length / 2)]!;
    const inRow = region
      .filter((i) => Math.floor(i / automatic.width) === row)
      .map((i) => i % automatic.width);
    inRow.sort((a, b) => a - b);
    const col = inRow[Math.floor(inRow.length / 2)]!;
    await pickTool('Tap');
    const at = await screenOf(automatic, col, row);
    await page.touchscreen.tap(at.x, at.y);
    await expect.poll(() => page.getByTestId('scalp-map-share').textContent()).not.toBe(shareBefore);
    await expect.poll(() => overlayAlpha(row * automatic.width + col)).toBe(0);
    await screenshot(page, '91-scalp-map-region-removed-ipad', false);

    // Brush a short stroke back onto the tapped point; the region's far end stays out.
    await pickTool('Add');
    brushed = row * automatic.width + col;
    const farthest = region.reduce((best, i) => {
      const d = ((i % automatic.width) - col) ** 2 + (Math.floor(i / automatic.width) - row) ** 2;
      const bd = ((best % automatic.width) - col) ** 2 + (Math.floor(best / automatic.width) - row) ** 2;
      return d > bd ? i : best;
    }, region[0]!);
    leftOut = farthest;
    const from = await screenOf(automatic, col - 2, row);
    const to = await screenOf(automatic, col + 2, row);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let s = 1; s <= 8; s++)
      await page.mouse.move(from.x + ((to.x - from.x) * s) / 8, from.y + ((to.y - from.y) * s) / 8);
    await page.mouse.up();

    await expect.poll(() => overlayAlpha(brushed)).toBeGreaterThan(0);
    expect(await overlayAlpha(leftOut)).toBe(0);

    // An erase stroke over the same place, undone: the undo button brings it back.
    await pickTool('Erase');
    await page.mouse.move(at.x - 10, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 10, at.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => overlayAlpha(brushed)).toBe(0);
    await page.getByTestId('scalp-map-undo').tap();
    await expect.poll(() => overlayAlpha(brushed)).toBeGreaterThan(0);
    expect(await page.getByTestId('scalp-map-source').textContent()).toBe('Corrected by the artist');
    await pickTool('View');
    await screenshot(page, '92-scalp-map-corrected-ipad', false);
  });

  it('saves the map with the zones, and after a reload the correction is still there', async () => {
    await page.getByTestId('save-zones').tap();
    await expect.poll(async () => (await scalpMap()).corrected !== null).toBe(true);
    const saved = await scalpMap();
    expect(saved.version).toBe(2);
    const labels = decode(saved.corrected!);
    expect(isScalp(labels[brushed]!)).toBe(true);
    expect(isScalp(labels[leftOut]!)).toBe(false);

    await page.reload();
    await page.getByTestId('scalp-map-canvas').waitFor();
    await expect
      .poll(() => page.getByTestId('scalp-map-source').textContent())
      .toBe('Corrected by the artist');
    // What the overlay draws is the saved correction: the left-out pixel carries no colour.
    expect(await overlayAlpha(leftOut)).toBe(0);
    expect(await overlayAlpha(brushed)).toBeGreaterThan(0);
    // The analysis runs again inside the corrected map.
    await expect
      .poll(
        async () =>
          (await api<{ status: string; scalpMap: string | null }>('GET', `/api/photos/${photoId}/analysis`))
            .body,
        { timeout: 120_000, interval: 500 },
      )
      .toMatchObject({ status: 'done', scalpMap: 'corrected' });
    await page.getByTestId('zone-stage').scrollIntoViewIfNeeded();
    await screenshot(page, '93-scalp-map-after-reload-ipad', false);
  }, 300_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByTestId('scalp-map-canvas').waitFor();
    await page.getByTestId('scalp-map-panel').scrollIntoViewIfNeeded();
    await screenshot(page, '94-scalp-map-panel-phone', false);
    await page.getByTestId('zone-stage').scrollIntoViewIfNeeded();
    await screenshot(page, '95-scalp-map-stage-phone', false);
  });

  it('speaks Chinese on the phone too', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expect.poll(() => page.getByTestId('scalp-map-source').textContent()).toBe('纹绣师已修正');
    await page.getByTestId('scalp-map-tool').getByText('擦除', { exact: true }).tap();
    const panel = (await page.getByTestId('scalp-map-panel').textContent())!;
    expect(panel).toContain('头部与头皮分区图');
    expect(panel).toContain('不属于头皮');
    await page.getByTestId('scalp-map-panel').scrollIntoViewIfNeeded();
    await screenshot(page, '96-scalp-map-panel-phone-zh', false);
    // Back to English for whoever signs in next in this browser.
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });
});
