// Checks an uploaded photo before anything is stored: the label (content type and file name)
// must match the bytes, HEIC is refused with a way out, size and pixel limits hold, and the file
// must decode in full. Every refusal is a 4xx naming the field.
import { AppError } from '../http/app-error.js';
import {
  normaliseUpload,
  PixelLimitError,
  sniffFormat,
  UndecodableImageError,
  type AcceptedFormat,
  type NormalisedImage,
  type SniffedFormat,
} from '../media/image-processing.js';
import type { SpooledUpload } from './upload-spool.js';

export const HEIC_MESSAGE =
  'HEIC/HEIF photos cannot be read yet. Send a JPEG instead: on an iPhone set Settings > Camera > ' +
  'Formats > Most Compatible, or share the photo and choose JPEG (e.g. "Options > Most Compatible" ' +
  'when sharing, or export it from Photos as JPEG).';

const LABELS: Record<string, AcceptedFormat | 'heif'> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heif',
  'image/heif': 'heif',
  'image/heic-sequence': 'heif',
  'image/heif-sequence': 'heif',
};

const EXTENSIONS: Record<string, AcceptedFormat | 'heif'> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  png: 'png',
  webp: 'webp',
  heic: 'heif',
  heif: 'heif',
  hif: 'heif',
};

const FORMAT_NAMES: Record<SniffedFormat, string> = {
  jpeg: 'a JPEG image',
  png: 'a PNG image',
  webp: 'a WebP image',
  heif: 'a HEIC/HEIF image',
  avif: 'an AVIF image',
  gif: 'a GIF image',
  tiff: 'a TIFF image',
  unknown: 'not an image this server recognises',
};

export const CONTENT_TYPES: Record<AcceptedFormat, 'image/jpeg' | 'image/png' | 'image/webp'> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const heic = (field: { in: 'headers' | 'body' | 'query'; field: string }) =>
  new AppError(415, 'unsupported_media_type', HEIC_MESSAGE, [
    { ...field, message: 'is HEIC/HEIF: send a JPEG' },
  ]);

export interface IntakeInput {
  contentType: string | undefined;
  filename: string | undefined;
  /** The body as spooled to disk (undefined when there was none). */
  body: SpooledUpload | undefined;
}

export interface IntakeLimits {
  maxPixels: number;
  /** Where the re-encoded photo is written. */
  outPath: string;
}

export interface AcceptedPhoto extends NormalisedImage {
  format: AcceptedFormat;
}

/** Validates and normalises an upload; throws AppError (4xx) for anything it will not store. */
export async function intakePhoto(input: IntakeInput, limits: IntakeLimits): Promise<AcceptedPhoto> {
  const label = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const labelled = LABELS[label];
  if (labelled === 'heif') throw heic({ in: 'headers', field: 'content-type' });
  if (!labelled)
    throw new AppError(
      415,
      'unsupported_media_type',
      'Send the photo as the request body with content-type image/jpeg, image/png or image/webp',
      [{ in: 'headers', field: 'content-type', message: 'must be image/jpeg, image/png or image/webp' }],
    );
  const body = input.body;
  if (!body || body.bytes === 0)
    throw new AppError(400, 'validation_failed', 'The photo is empty (0 bytes)', [
      { in: 'body', field: 'body', message: 'is empty (0 bytes): send the image file' },
    ]);

  const actual = sniffFormat(body.head);
  if (actual === 'heif') throw heic({ in: 'body', field: 'body' });
  if (actual !== 'jpeg' && actual !== 'png' && actual !== 'webp')
    throw new AppError(
      415,
      'unsupported_media_type',
      `The file is ${FORMAT_NAMES[actual]}, not a JPEG, PNG or WebP photo`,
      [{ in: 'body', field: 'body', message: `is ${FORMAT_NAMES[actual]}: send a JPEG, PNG or WebP photo` }],
    );
  if (actual !== labelled)
    throw new AppError(
      415,
      'unsupported_media_type',
      `The content type says ${label} but the file is ${FORMAT_NAMES[actual]}`,
      [
        {
          in: 'headers',
          field: 'content-type',
          message: `says ${label} but the file is ${FORMAT_NAMES[actual]}`,
        },
      ],
    );

  if (input.filename) {
    const ext = /\.([a-z0-9]{1,8})$/i.exec(input.filename)?.[1]?.toLowerCase();
    const named = ext ? EXTENSIONS[ext] : undefined;
    if (named === 'heif') throw heic({ in: 'query', field: 'filename' });
    if (named !== actual)
      throw new AppError(
        400,
        'validation_failed',
        `The file name ${ext ? `ends in .${ext}` : 'has no image extension'} but the file is ${FORMAT_NAMES[actual]}`,
        [
          {
            in: 'query',
            field: 'filename',
            message: `${ext ? `ends in .${ext}` : 'has no image extension'} but the file is ${FORMAT_NAMES[actual]}`,
          },
        ],
      );
  }

  try {
    return {
      ...(await normaliseUpload(body.path, actual, limits.maxPixels, limits.outPath)),
      format: actual,
    };
  } catch (err) {
    if (err instanceof PixelLimitError)
      throw new AppError(
        422,
        'too_many_pixels',
        `The photo has ${err.width}×${err.height} pixels; the limit is ${(err.limit / 1e6).toFixed(0)} megapixels`,
        [
          {
            in: 'body',
            field: 'body',
            message: `has ${((err.width * err.height) / 1e6).toFixed(1)} megapixels, more than the ${(err.limit / 1e6).toFixed(0)} allowed: scale it down`,
          },
        ],
      );
    if (err instanceof UndecodableImageError)
      throw new AppError(422, 'undecodable_image', 'The photo is damaged or incomplete and cannot be read', [
        {
          in: 'body',
          field: 'body',
          message: 'is damaged or truncated: it cannot be decoded; send the file again',
        },
      ]);
    throw err;
  }
}
