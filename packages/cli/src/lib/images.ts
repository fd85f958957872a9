import { stat } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { RgbImage } from '@stipple/core';
import { UsageError } from './usage-error.js';

// One file, many images: no cache of decoded files between commands.
sharp.cache({ files: 0 });

/** Decodes a photo to 8-bit RGB with its EXIF orientation applied; refuses what cannot be read. */
export async function readPhoto(path: string, what = 'photo'): Promise<RgbImage> {
  const file = await stat(path).catch(() => null);
  if (!file) throw new UsageError(`${what} ${path}: no such file`);
  if (!file.isFile()) throw new UsageError(`${what} ${path}: is not a file`);
  let meta: Metadata;
  try {
    meta = await sharp(path).metadata();
  } catch (err) {
    throw new UsageError(
      `${what} ${path}: not an image this tool can read (JPEG, PNG, WebP or TIFF): ${(err as Error).message}`,
    );
  }
  if (meta.format === 'heif' && meta.compression !== 'av1') {
    throw new UsageError(
      `${what} ${path}: HEIC photos are not supported yet; export it as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible)`,
    );
  }
  try {
    const { data, info } = await sharp(path, { failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch (err) {
    throw new UsageError(`${what} ${path}: cannot be decoded (${(err as Error).message.split('\n')[0]})`);
  }
}

/** A sharp pipeline reading the image's pixels in place (no copy). */
function fromPixels(image: RgbImage): Sharp {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: image.channels },
  });
}

/** Writes an RGB or RGBA image as a PNG. */
export async function writePng(image: RgbImage, path: string): Promise<void> {
  await fromPixels(image).png({ compressionLevel: 4 }).toFile(path);
}

/** Two images side by side, each scaled to `height`, with a gap. */
export async function sideBySide(
  left: RgbImage,
  right: RgbImage,
  path: string,
  height: number,
): Promise<void> {
  const scaled = async (img: RgbImage) =>
    fromPixels(img)
      .resize({ height: Math.min(height, img.height) })
      .png()
      .toBuffer({ resolveWithObject: true });
  const a = await scaled(left);
  const b = await scaled(right);
  const gap = 16;
  await sharp({
    create: {
      width: a.info.width + gap + b.info.width,
      height: Math.max(a.info.height, b.info.height),
      channels: 3,
      background: '#ffffff',
    },
  })
    .composite([
      { input: a.data, left: 0, top: 0 },
      { input: b.data, left: a.info.width + gap, top: 0 },
    ])
    .png({ compressionLevel: 6 })
    .toFile(path);
}
