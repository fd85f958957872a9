// The alignment as the API gives it: the row with both photos' sizes, the refusal and warnings
// in the request's language.
import {
  AlignmentRefusalReason,
  alignmentRefusalMessage,
  renderMessage,
  type MessageParams,
  type PhotoAlignment,
  type UiLocale,
} from '@stipple/core';
import type { PhotoRow } from '../photos/photo.repository.js';
import type { AlignmentRow } from './alignment.repository.js';

/** A warning kept on the row as a catalogue key, rendered when read. */
export interface AlignmentWarning {
  key: string;
  params?: MessageParams;
}

export function toAlignment(
  row: AlignmentRow,
  earlier: PhotoRow,
  later: PhotoRow,
  locale: UiLocale,
): PhotoAlignment {
  const quality = row.quality as {
    agreement: number;
    overlap: number;
    inliers?: number;
    matches?: number;
  } | null;
  const reason = AlignmentRefusalReason.safeParse(row.refusalReason);
  return {
    photoId: row.photoId,
    referencePhotoId: row.referencePhotoId,
    status: row.status,
    method: row.method,
    corrected: row.corrected,
    model: row.model,
    earlierFromLater: row.earlierFromLater,
    laterFromEarlier: row.laterFromEarlier,
    residualPx: row.residualPx,
    quality: quality
      ? {
          agreement: quality.agreement,
          overlap: quality.overlap,
          inliers: quality.inliers ?? null,
          matches: quality.matches ?? null,
        }
      : null,
    pairs: (row.pointPairs as PhotoAlignment['pairs']) ?? null,
    difference: (row.difference as PhotoAlignment['difference']) ?? null,
    refusal: reason.success ? refusalOf(reason.data, row.refusalDetails ?? {}, locale) : null,
    warnings: (row.warnings as AlignmentWarning[]).map((w) => renderMessage(locale, w.key, w.params)),
    earlierSize: { width: earlier.width, height: earlier.height },
    laterSize: { width: later.width, height: later.height },
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function refusalOf(
  reason: AlignmentRefusalReason,
  details: Record<string, number>,
  locale: UiLocale,
): PhotoAlignment['refusal'] {
  const { key, params } = alignmentRefusalMessage(reason, details);
  return { reason, details, message: renderMessage(locale, key, params) };
}
