// The zone editor as a test reaches into it: photo pixels to screen points on its canvas, the
// points and area of a zone's polygon, a drag of the brush across the photo, and what the live
// preview shows inside a zone against the plain photo.
import type { Page } from 'playwright-core';
import type { ScarPhoto } from './scar-photo.js';

/** The screen point of a photo pixel on the zone editor's canvas (fitted, not rotated). */
export async function screenPoint(page: Page, photo: ScarPhoto, x: number, y: number) {
  await page.getByTestId('zone-stage').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('preview-canvas').boundingBox())!;
  return { x: box.x + (x / photo.width) * box.width, y: box.y + (y / photo.height) * box.height };
}

/** Canvas pixels per photo pixel (the zones' points are in canvas pixels). */
export async function canvasScale(page: Page, photo: ScarPhoto): Promise<number> {
  return (await page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => c.width)) / photo.width;
}

/** The points of a zone's polygon, in photo pixels. */
export async function zonePoints(page: Page, photo: ScarPhoto, id: string): Promise<[number, number][]> {
  const k = await canvasScale(page, photo);
  return (await page
    .locator(`[data-zone="${id}"]`)
    .evaluate((p: SVGPolygonElement) => p.getAttribute('points')))!
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map((v) => Number(v) / k) as [number, number]);
}

/** A polygon's area (shoelace). */
export const polygonArea = (pts: [number, number][]) =>
  Math.abs(
    pts.reduce(
      (a, [x, y], i) => a + x * pts[(i + 1) % pts.length]![1] - pts[(i + 1) % pts.length]![0] * y,
      0,
    ),
  ) / 2;

/** A mouse drag across the photo, from one photo pixel to another. */
export async function dragOnPhoto(
  page: Page,
  photo: ScarPhoto,
  from: [number, number],
  to: [number, number],
  steps = 24,
): Promise<void> {
  const start = await screenPoint(page, photo, ...from);
  const end = await screenPoint(page, photo, ...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps });
  await page.mouse.up();
}

/**
 * What the preview canvas shows inside the scar zone against the plain photo (fetched again from
 * the server): the share of zone pixels that differ, their mean darkening, and a checksum of the
 * zone's pixels. Only the part right of the before/after split shows the preview.
 */
export async function previewInZone(page: Page, zoneId: string) {
  return page.evaluate(async (id) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="preview-canvas"]')!;
    const polygon = document.querySelector<SVGPolygonElement>(`[data-zone="${id}"]`)!;
    const points = polygon
      .getAttribute('points')!
      .trim()
      .split(/\s+/)
      .map((p) => p.split(',').map(Number) as [number, number]);
    const w = canvas.width;
    const h = canvas.height;
    const shown = canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
    const photoId = /\/photos\/([0-9a-f-]{36})\/preview$/.exec(location.pathname)![1]!;
    const img = new Image();
    img.src = `/api/photos/${photoId}/file?size=preview`;
    await img.decode();
    const plain = document.createElement('canvas');
    plain.width = w;
    plain.height = h;
    const ctx = plain.getContext('2d')!;
    ctx.drawImage(img, 0, 0, w, h);
    const before = ctx.getImageData(0, 0, w, h).data;
    const inside = (x: number, y: number) => {
      let hit = false;
      for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
        const [xi, yi] = points[i]!;
        const [xj, yj] = points[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
      return hit;
    };
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    let count = 0;
    let differ = 0;
    let darkening = 0;
    let sum = 0;
    for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++)
      for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
        if (x < 0 || y < 0 || x >= w || y >= h || !inside(x + 0.5, y + 0.5)) continue;
        const o = (y * w + x) * 4;
        const lum = (d: Uint8ClampedArray) => 0.299 * d[o]! + 0.587 * d[o + 1]! + 0.114 * d[o + 2]!;
        const delta = lum(before) - lum(shown);
        count++;
        if (Math.abs(delta) > 6) differ++;
        darkening += delta;
        sum = (sum * 31 + shown[o]! + 7 * shown[o + 1]! + 13 * shown[o + 2]!) % 1_000_000_007;
      }
    // Far from the zone (the top rows of the photo) the preview leaves the skin alone.
    let outside = 0;
    let outsideDiffer = 0;
    for (let y = 0; y < Math.min(...ys) - 40; y += 3)
      for (let x = 0; x < w; x += 3) {
        const o = (y * w + x) * 4;
        outside++;
        if (Math.abs(before[o]! - shown[o]!) > 6) outsideDiffer++;
      }
    return {
      pixels: count,
      differ: differ / Math.max(1, count),
      darkening: darkening / Math.max(1, count),
      checksum: sum,
      outsideDiffer: outsideDiffer / Math.max(1, outside),
    };
  }, zoneId);
}

/** The zone editor of the demo studio's crown photo with its four example zones. */
export async function demoCrownEditorUrl(page: Page): Promise<string> {
  const list = await page.evaluate(async () => {
    const res = await fetch('/api/previews');
    return (await res.json()) as {
      items: { photoId: string; clientId: string; zoneCount: number; view: string }[];
    };
  });
  const demo = list.items.find((i) => i.zoneCount === 4 && i.view === 'top');
  if (!demo) throw new Error('the demo studio has no preview of the crown photo');
  return `/clients/${demo.clientId}/photos/${demo.photoId}/preview`;
}
