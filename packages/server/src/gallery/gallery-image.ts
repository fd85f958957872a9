// The picture of one side of a before-and-after pair: the stored original, cropped only (the
// after photo to the rectangle the alignment carries the crop to: never warped, never retouched),
// scaled for the screen, with the studio's watermark.
import { applyTransform as apply, invertTransform as invert, type Matrix3 } from '@stipple/core';
import sharp from 'sharp';

export const GALLERY_LONG_EDGE = 900;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The crop in the after photo's pixels: the box round the crop's corners carried by the transform. */
export function afterCrop(
  crop: Rect,
  afterToBefore: readonly number[] | null,
  width: number,
  height: number,
): Rect {
  if (!afterToBefore) return clip(crop, width, height);
  const back = invert(afterToBefore as unknown as Matrix3);
  if (!back) return clip(crop, width, height);
  const corners = [
    [crop.x, crop.y],
    [crop.x + crop.w, crop.y],
    [crop.x, crop.y + crop.h],
    [crop.x + crop.w, crop.y + crop.h],
  ].map(([x, y]) => apply(back, { x: x!, y: y! }));
  const x0 = Math.floor(Math.min(...corners.map((p) => p.x)));
  const y0 = Math.floor(Math.min(...corners.map((p) => p.y)));
  const x1 = Math.ceil(Math.max(...corners.map((p) => p.x)));
  const y1 = Math.ceil(Math.max(...corners.map((p) => p.y)));
  return clip({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, width, height);
}

function clip(r: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.min(r.x, width - 1));
  const y = Math.max(0, Math.min(r.y, height - 1));
  return {
    x,
    y,
    w: Math.max(1, Math.min(r.x + r.w, width) - x),
    h: Math.max(1, Math.min(r.y + r.h, height) - y),
  };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** The cropped original as a JPEG with the watermark (studio name and the photo's date) along the bottom. */
export async function pairImage(
  original: Buffer,
  rect: Rect,
  watermark: { studio: string; date: string },
): Promise<Buffer> {
  const cropped = await sharp(original, { limitInputPixels: false })
    .autoOrient()
    .extract({ left: rect.x, top: rect.y, width: rect.w, height: rect.h })
    .resize(GALLERY_LONG_EDGE, GALLERY_LONG_EDGE, { fit: 'inside', withoutEnlargement: true })
    .toBuffer({ resolveWithObject: true });
  const { width, height } = cropped.info;
  const size = Math.max(11, Math.round(Math.min(width, height) / 22));
  const text = escapeXml(`© ${watermark.studio} · ${watermark.date}`);
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
       <rect x="0" y="${height - size * 1.9}" width="${width}" height="${size * 1.9}" fill="black" fill-opacity="0.35"/>
       <text x="${width - size * 0.6}" y="${height - size * 0.6}" font-family="DejaVu Sans, Noto Sans SC, sans-serif"
             font-size="${size}" fill="white" fill-opacity="0.9" text-anchor="end">${text}</text>
     </svg>`,
  );
  return sharp(cropped.data)
    .composite([{ input: svg }])
    .jpeg({ quality: 88 })
    .toBuffer();
}
