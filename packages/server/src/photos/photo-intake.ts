// Checks an uploaded photo before anything is stored: the label (content type and file name)
// must match the bytes, HEIC is refused with a way out, size and pixel limits hold, and the file
// must decode in full. Every refusal is a 4xx naming the field.
import { AppError, bodyField } from '../http/app-error.js';
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

/** Format names, the same in every language (a file of no known format has its own message). */
const FORMAT_NAMES: Record<Exclude<SniffedFormat, 'unknown'>, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  heif: 'HEIC/HEIF',
  avif: 'AVIF',
  gif: 'GIF',
  tiff: 'TIFF',
};

export const CONTENT_TYPES: Record<AcceptedFormat, 'image/jpeg' | 'image/png' | 'image/webp'> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

const heic = (where: { in: 'headers' | 'body' | 'query'; field: string }) =>
  new AppError(415, 'unsupported_media_type', 'photoHeic', {}, [{ ...where, code: 'photoHeic' }]);

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
    throw new AppError(415, 'unsupported_media_type', 'photoType', {}, [
      { in: 'headers', field: 'content-type', code: 'photoType' },
    ]);
  const body = input.body;
  if (!body || body.bytes === 0)
    throw new AppError(400, 'validation_failed', 'photoEmpty', {}, [bodyField('body', 'photoEmpty')]);

  const actual = sniffFormat(body.head);
  if (actual === 'heif') throw heic({ in: 'body', field: 'body' });
  if (actual === 'unknown')
    throw new AppError(415, 'unsupported_media_type', 'photoNotAnImage', {}, [
      bodyField('body', 'photoNotAnImage'),
    ]);
  if (actual !== 'jpeg' && actual !== 'png' && actual !== 'webp')
    throw new AppError(
      415,
      'unsupported_media_type',
      'photoIsOtherFormat',
      { actual: FORMAT_NAMES[actual] },
      [bodyField('body', 'photoIsOtherFormat', { actual: FORMAT_NAMES[actual] })],
    );
  if (actual !== labelled) {
    const params = { label, actual: FORMAT_NAMES[actual] };
    throw new AppError(415, 'unsupported_media_type', 'photoLabelMismatch', params, [
      { in: 'headers', field: 'content-type', code: 'photoLabelMismatch', params },
    ]);
  }

  if (input.filename) {
    const ext = /\.([a-z0-9]{1,8})$/i.exec(input.filename)?.[1]?.toLowerCase();
    const named = ext ? EXTENSIONS[ext] : undefined;
    if (named === 'heif') throw heic({ in: 'query', field: 'filename' });
    if (named !== actual) {
      const params = { actual: FORMAT_NAMES[actual] };
      throw new AppError(400, 'validation_failed', 'photoNameMismatch', params, [
        { in: 'query', field: 'filename', code: 'photoNameMismatch', params },
      ]);
    }
  }

  try {
    return {
      ...(await normaliseUpload(body.path, actual, limits.maxPixels, limits.outPath)),
      format: actual,
    };
  } catch (err) {
    if (err instanceof PixelLimitError) {
      const params = {
        megapixels: ((err.width * err.height) / 1e6).toFixed(1),
        limit: (err.limit / 1e6).toFixed(0),
      };
      throw new AppError(422, 'too_many_pixels', 'photoTooManyPixels', params, [
        bodyField('body', 'photoTooManyPixels', params),
      ]);
    }
    if (err instanceof UndecodableImageError)
      throw new AppError(422, 'undecodable_image', 'photoUndecodable', {}, [
        bodyField('body', 'photoUndecodable'),
      ]);
    throw err;
  }
}
