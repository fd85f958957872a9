// Every use of sharp in one module: recognising formats from their bytes, checking pixel limits,
// decoding in full (so that truncated files are caught), applying the EXIF orientation and
// writing images without any metadata (sharp drops EXIF, GPS, XMP and IPTC unless asked to keep
// them), and the smaller renditions.
import { rm } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';

// Photos are large and seldom the same twice: no cache of decoded files.
sharp.cache({ files: 0, items: 20, memory: 64 });

export type SniffedFormat = 'jpeg' | 'png' | 'webp' | 'heif' | 'avif' | 'gif' | 'tiff' | 'unknown';
export type AcceptedFormat = 'jpeg' | 'png' | 'webp';

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** What the bytes are, whatever the file is called or labelled. */
export function sniffFormat(data: Buffer): SniffedFormat {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
    const brand = data.toString('latin1', 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (HEIF_BRANDS.has(brand)) return 'heif';
  }
  if (data.length >= 6 && data.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (
    data.length >= 4 &&
    (data.toString('latin1', 0, 4) === 'II*\0' || data.toString('latin1', 0, 4) === 'MM\0*')
  )
    return 'tiff';
  return 'unknown';
}

export class PixelLimitError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly limit: number,
  ) {
    super(`image of ${width}×${height} pixels exceeds the limit of ${limit} pixels`);
    this.name = 'PixelLimitError';
  }
}

export class UndecodableImageError extends Error {
  constructor(cause: unknown) {
    super(`the image cannot be decoded: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'UndecodableImageError';
  }
}

export interface NormalisedImage {
  /** The re-encoded file (the caller stores it and removes it). */
  path: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Decodes the whole upload (refusing truncated or corrupt files), applies the EXIF orientation
 * and re-encodes it at full size in the same format with no metadata at all, file to file. This
 * is the "original" the studio keeps: the raw upload bytes are not stored, since they carry EXIF
 * GPS.
 */
export async function normaliseUpload(
  input: string,
  format: AcceptedFormat,
  maxPixels: number,
  outPath: string,
): Promise<NormalisedImage> {
  let header: Metadata;
  try {
    // The header alone first: a 100-megapixel PNG is refused before any pixel is decoded.
    header = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new UndecodableImageError(err);
  }
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width * height > maxPixels) throw new PixelLimitError(width, height, maxPixels);
  try {
    const pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: maxPixels }).autoOrient();
    const encoded =
      format === 'jpeg'
        ? pipeline.jpeg({ quality: 95, chromaSubsampling: '4:4:4', mozjpeg: false })
        : format === 'png'
          ? pipeline.png({ compressionLevel: 6 })
          : pipeline.webp({ quality: 95 });
    const info = await encoded.toFile(outPath);
    return { path: outPath, bytes: info.size, width: info.width, height: info.height };
  } catch (err) {
    await rm(outPath, { force: true });
    if (err instanceof Error && /pixel limit/i.test(err.message))
      throw new PixelLimitError(width, height, maxPixels);
    throw new UndecodableImageError(err);
  }
}

/** A JPEG no larger than `longEdge` on its longer side (never enlarged), without metadata. */
export async function rendition(data: Buffer, longEdge: number): Promise<Buffer> {
  return sharp(data, { limitInputPixels: false })
    .autoOrient()
    .resize(longEdge, longEdge, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82 })
    .toBuffer();
}

export const PREVIEW_LONG_EDGE = 1600;
export const THUMB_LONG_EDGE = 320;

/** True when a drawn signature has no ink: fully transparent, or white all over. */
export async function isBlankImage(data: Buffer): Promise<boolean> {
  const stats = await sharp(data, { limitInputPixels: 20_000_000 }).stats();
  const [r, g, b, alpha] = stats.channels;
  if (alpha && alpha.max === 0) return true;
  if (alpha) return false;
  return [r, g, b].every((c) => !c || c.min > 240);
}

/** Whether the bytes decode as a PNG (signatures). */
export async function isPng(data: Buffer): Promise<boolean> {
  if (sniffFormat(data) !== 'png') return false;
  try {
    await sharp(data, { failOn: 'truncated', limitInputPixels: 20_000_000 }).stats();
    return true;
  } catch {
    return false;
  }
}

/** The largest drawn signature kept: far above any signature pad (an iPad's is about 1400×500). */
export const SIGNATURE_MAX = { width: 4000, height: 2000 } as const;

export class SignatureTooLargeError extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(
      `signature image of ${width}×${height} pixels exceeds ${SIGNATURE_MAX.width}×${SIGNATURE_MAX.height}`,
    );
    this.name = 'SignatureTooLargeError';
  }
}

/**
 * A drawn signature as the studio keeps it: decoded and written again as a PNG, so nothing but
 * its pixels survives (no text chunks, EXIF, ICC profile or trailing bytes). Refuses images
 * larger than SIGNATURE_MAX before decoding them.
 */
export async function normaliseSignature(data: Buffer): Promise<Buffer> {
  const header = await sharp(data, { limitInputPixels: false }).metadata();
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  if (width > SIGNATURE_MAX.width || height > SIGNATURE_MAX.height)
    throw new SignatureTooLargeError(width, height);
  return sharp(data, { failOn: 'truncated', limitInputPixels: SIGNATURE_MAX.width * SIGNATURE_MAX.height })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Decoded 8-bit RGB pixels, row-major, as the simulation core reads and writes them. */
export interface RawRgb {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** Decodes a stored image to RGB pixels, optionally no larger than `longEdge`. */
export async function decodeRgb(data: Uint8Array, longEdge?: number): Promise<RawRgb> {
  let pipeline = sharp(data, { limitInputPixels: false }).autoOrient().removeAlpha();
  if (longEdge) pipeline = pipeline.resize(longEdge, longEdge, { fit: 'inside', withoutEnlargement: true });
  const { data: pixels, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data: pixels, width: info.width, height: info.height, channels: 3 };
}

const rawInput = (image: { width: number; height: number; channels: number }) => ({
  raw: { width: image.width, height: image.height, channels: image.channels as 3 | 4 },
  limitInputPixels: false as const,
});

/**
 * A full-size render stage: JPEG at quality 92 without chroma subsampling (dots 0.2 mm across
 * stay crisp at 100 %), without the second pass of optimised Huffman tables: a 12-megapixel stage
 * encodes in about a tenth of a second, where a PNG takes over half a second and is 8 times larger.
 */
export function encodeStageJpeg(image: {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: number;
}): Promise<Buffer> {
  return sharp(image.data, rawInput(image))
    .jpeg({ quality: 92, chromaSubsampling: '4:4:4', optimiseCoding: false })
    .toBuffer();
}

/** A part of a JPEG (right and bottom exclusive, clipped to the image), as a JPEG, enlarged to at least 600 px wide for print. */
export async function cropJpeg(
  data: Buffer,
  rect: { left: number; top: number; right: number; bottom: number },
): Promise<Buffer> {
  const meta = await sharp(data).metadata();
  const left = Math.max(0, Math.min(rect.left, (meta.width ?? 1) - 1));
  const top = Math.max(0, Math.min(rect.top, (meta.height ?? 1) - 1));
  const width = Math.max(1, Math.min(rect.right, meta.width ?? 1) - left);
  const height = Math.max(1, Math.min(rect.bottom, meta.height ?? 1) - top);
  const pipeline = sharp(data).extract({ left, top, width, height });
  if (width < 600) pipeline.resize({ width: 600, kernel: 'nearest' });
  return pipeline.jpeg({ quality: 90 }).toBuffer();
}

/** A JPEG of RGB(A) pixels no larger than `longEdge`, for screens and reports. */
export function encodeJpegRendition(
  image: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: number },
  longEdge: number,
): Promise<Buffer> {
  return sharp(image.data, rawInput(image))
    .resize(longEdge, longEdge, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A one-channel 8-bit PNG of labels (the head and scalp map: class values 0-3, one per map pixel). */
export async function encodeLabelPng(labels: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength), {
    raw: { width, height, channels: 1 },
  })
    .png({ compressionLevel: 9, palette: false })
    .toBuffer();
}

export async function decodeLabelPng(
  data: Buffer,
): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data: raw, info } = await sharp(data, { limitInputPixels: 20_000_000 })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
    width: info.width,
    height: info.height,
  };
}
/** A studio logo for pages and letterheads: a PNG at most 800×400 (never enlarged), no metadata. */
export async function logoImage(data: Buffer): Promise<Buffer> {
  return sharp(data, { limitInputPixels: false })
    .autoOrient()
    .resize(800, 400, { fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/**
 * RGBA pixels as a WebP that keeps transparency (the aligned follow-up is transparent where it
 * does not reach): lossy at quality 88 for the picture, exact alpha.
 */
export function encodeRgbaWebp(image: {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}): Promise<Buffer> {
  return sharp(image.data, rawInput({ ...image, channels: 4 }))
    .webp({ quality: 88, alphaQuality: 100 })
    .toBuffer();
}
