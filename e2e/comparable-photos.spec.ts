// Comparable photos on an iPad in landscape (1180×820, touch), with Chromium's fake camera
// showing a follow-up made at test time from the real crown photo (turned 8°, nearer, relit, with
// new dots): the artist opens the camera for the view, sees the last photo as a ghost over the
// live picture, takes the photo; the follow-up is aligned to the earlier one on upload (within
// 2 px of the known transform), the comparison shows the aligned pair under a before/after wipe
// that the artist moves, the difference, and a correction by three tapped point pairs. Then the
// comparison at phone size. Screenshots land in e2e/screenshots/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Matrix3, PhotoAlignment, PhotoPixels } from '@stipple/core';
import { apply } from '@stipple/core/registration/matrix3';
import { syntheticFollowUp } from '@stipple/core/registration/testing/synthetic-follow-up';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoSignIn,
  hasHorizontalScroll,
  IPAD_LANDSCAPE,
  launchChromium,
  newContext,
  pageApi,
  PHONE,
  runSuffix,
  screenshot,
  signIn,
  uploadPhotoInPage,
} from './support/browser.js';
import { fakeCameraArgs, writeY4m } from './support/fake-camera.js';

const CROWN = fileURLToPath(new URL('../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url));

let browser: Browser;
let page: Page;
let dir: string;
let clientId = '';
let earlier: { id: string; width: number; height: number };
/** Earlier-photo pixels to the follow-up's: the camera's picture was made with it. */
let truth: Matrix3;

async function alignmentOf(photoId: string): Promise<PhotoAlignment | null> {
  const res = await pageApi<PhotoAlignment | null>(page, 'GET', `/api/photos/${photoId}/alignment`);
  expect(res.status).toBe(200);
  return res.json;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stipple-camera-'));
  const { data, info } = await sharp(CROWN)
    .resize({ width: 1280 })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const source: PhotoPixels = {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data),
  };
  const made = syntheticFollowUp(source, {
    angleDeg: 8,
    scale: 0.95,
    shift: [0.02, -0.015],
    gain: 1.15,
    gamma: 0.9,
    gradient: 0.35,
    dotsSeed: 4,
  });
  truth = made.laterFromSource;
  await writeY4m(join(dir, 'follow-up.y4m'), made.later);

  browser = await launchChromium(fakeCameraArgs(join(dir, 'follow-up.y4m')));
  const context = await newContext(browser, IPAD_LANDSCAPE, { tablet: true });
  page = await context.newPage();
  await signIn(page, demoSignIn('artist'));
  const client = await pageApi<{ id: string }>(page, 'POST', '/api/clients', {
    givenName: 'Tomasz',
    familyName: `Kowal-${runSuffix()}`,
  });
  expect(client.status).toBe(201);
  clientId = client.json.id;
  // The first session's photo of the crown came through the API: this spec is about the follow-up.
  const jpeg = await sharp(Buffer.from(source.data), {
    raw: { width: source.width, height: source.height, channels: 3 },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
  const uploaded = await uploadPhotoInPage(page, clientId, jpeg, { view: 'top', takenOn: '2026-10-01' });
  expect(uploaded.status).toBe(201);
  earlier = uploaded.body;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a follow-up photo lined up with the last one', () => {
  let followUpId = '';

  it('shows the last photo of the view as a ghost over the live camera, and takes the follow-up', async () => {
    await page.goto(`/clients/${clientId}?tab=photos`);
    await page.getByTestId('take-photo').tap();
    const ghost = page.getByTestId('camera-ghost');
    await ghost.waitFor();
    // The ghost is the earlier photo, loaded, half see-through over a playing camera.
    await expect
      .poll(() => ghost.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    expect(await ghost.getAttribute('src')).toContain(earlier.id);
    expect(
      Number(await ghost.evaluate((img: HTMLImageElement) => getComputedStyle(img).opacity)),
    ).toBeCloseTo(0.4, 2);
    await expect
      .poll(() => page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 60_000,
      })
      .toBe(1280);
    await screenshot(page, '95-camera-ghost-ipad', false);

    await page.getByTestId('camera-shoot').tap();
    await page.getByTestId('photo-comparison').waitFor();
    const photos = await pageApi<{ items: { id: string; width: number; takenOn: string }[] }>(
      page,
      'GET',
      `/api/clients/${clientId}/photos`,
    );
    expect(photos.json.items).toHaveLength(2);
    const taken = photos.json.items.find((p) => p.id !== earlier.id)!;
    expect(taken.width).toBe(1280);
    followUpId = taken.id;
  });

  it('aligns the follow-up to the earlier photo on upload, within 2 px', async () => {
    // The job registers the two photos: seconds, far longer on a busy machine.
    await page.getByTestId('compare-slider').waitFor({ timeout: 240_000 });
    const a = (await alignmentOf(followUpId))!;
    expect(a.status).toBe('done');
    expect(a.referencePhotoId).toBe(earlier.id);
    expect(a.method).toBe('features');
    // Carry follow-up pixels back with the stored transform and with the truth.
    const back = (p: { x: number; y: number }) => apply(a.earlierFromLater as unknown as Matrix3, p);
    let worst = 0;
    for (const [fx, fy] of [
      [0.3, 0.3],
      [0.7, 0.3],
      [0.5, 0.5],
      [0.3, 0.7],
      [0.7, 0.7],
    ] as const) {
      const e = { x: fx * earlier.width, y: fy * earlier.height };
      const got = back(apply(truth, e));
      worst = Math.max(worst, Math.hypot(got.x - e.x, got.y - e.y));
    }
    expect(worst).toBeLessThan(2);
    expect(await page.getByTestId('alignment-quality').textContent()).toContain('Aligned automatically');
  });

  it('moves the before/after wipe over the aligned pair, and shows the difference', async () => {
    const aligned = page.getByTestId('compare-aligned');
    await expect
      .poll(() => aligned.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: 60_000,
      })
      .toBe(earlier.width > 1600 ? 1600 : earlier.width);
    const clip = () => aligned.evaluate((img: HTMLImageElement) => img.style.clipPath);
    expect(await clip()).toBe('inset(0px 0px 0px 50%)');
    const thumb = page.getByRole('slider', { name: 'Before and after' });
    await thumb.focus();
    await page.keyboard.press('Home');
    expect(await clip()).toBe('inset(0px 0px 0px 0%)');
    // A tap at three quarters along the track moves the wipe there.
    const track = (await page.getByTestId('compare-wipe').boundingBox())!;
    await page.touchscreen.tap(track.x + track.width * 0.75, track.y + track.height / 2);
    await expect.poll(async () => parseFloat((await clip()).replace(/.* /, ''))).toBeGreaterThan(65);
    await screenshot(page, '96-compare-slider-ipad', false);

    await page.getByTestId('compare-mode').getByText('Difference', { exact: true }).tap();
    const diff = page.getByTestId('compare-difference');
    await expect
      .poll(() => diff.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page, '97-compare-difference-ipad', false);
  });

  it('takes the alignment from three tapped point pairs', async () => {
    await page.getByTestId('compare-mode').getByText('Correct with points', { exact: true }).tap();
    const at = async (
      side: 'earlier' | 'later',
      p: { x: number; y: number },
      size: { width: number; height: number },
    ) => {
      const picture = page.getByTestId(`points-${side}`);
      await picture.scrollIntoViewIfNeeded();
      const box = (await picture.boundingBox())!;
      await page.touchscreen.tap(
        box.x + ((p.x + 0.5) / size.width) * box.width,
        box.y + ((p.y + 0.5) / size.height) * box.height,
      );
    };
    for (const [fx, fy] of [
      [0.3, 0.3],
      [0.7, 0.35],
      [0.45, 0.7],
    ] as const) {
      const e = { x: fx * earlier.width, y: fy * earlier.height };
      await at('earlier', e, earlier);
      await at('later', apply(truth, e), { width: 1280, height: 960 });
    }
    await screenshot(page, '98-compare-points-ipad', false);
    await page.getByTestId('points-save').tap();
    await expect
      .poll(() => page.getByTestId('alignment-quality').textContent(), { timeout: 240_000 })
      .toContain('Corrected by the artist');
    const a = (await alignmentOf(followUpId))!;
    expect(a.method).toBe('points');
    expect(a.corrected).toBe(true);
    expect(a.pairs).toHaveLength(3);
    // Taps land on screen pixels: the pairs are right to a few photo pixels, not to a tenth.
    const got = apply(a.laterFromEarlier as unknown as Matrix3, { x: 640, y: 480 });
    const want = apply(truth, { x: 640, y: 480 });
    expect(Math.hypot(got.x - want.x, got.y - want.y)).toBeLessThan(8);
    await page.getByTestId('compare-slider').waitFor({ timeout: 240_000 });
  });

  it("aligns again automatically when asked, in place of the artist's correction", async () => {
    await page.getByRole('button', { name: 'Align again automatically' }).tap();
    await expect
      .poll(() => page.getByTestId('alignment-quality').textContent(), { timeout: 240_000 })
      .toContain('Aligned automatically');
    const a = (await alignmentOf(followUpId))!;
    expect(a.method).toBe('features');
    expect(a.corrected).toBe(false);
    expect(a.pairs).toBeNull();
  });

  it('fits a phone', async () => {
    await page.setViewportSize(PHONE);
    // Every way of looking stays on screen: none cut off at the right edge.
    for (const label of ['Side by side', 'Slider', 'Difference', 'Correct with points']) {
      const box = (await page.getByTestId('compare-mode').getByText(label, { exact: true }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByTestId('compare-slider').scrollIntoViewIfNeeded();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByTestId('compare-mode').scrollIntoViewIfNeeded();
    await screenshot(page, '99-compare-phone', false);
  });
});
