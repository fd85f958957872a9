import { z } from 'zod';

/*
 * What the photo analysis and the preview render tell the artist (a caveat, or why a job failed),
 * kept as a message reference: a code and its figures, worded by each app in the reader's
 * language through the catalogue (`note.<code>`, translateNote). A zone is named by its id in
 * `params.zone` and shown by its zone name. Rows written before notes had codes hold English
 * text, shown as it is.
 */
export const NOTE_CODES = [
  // The photo analysis.
  'uncalibrated',
  'noScalp',
  'noScalpInRegion',
  'headTooFar',
  'tooFewPxPerMm',
  'unresolved',
  'densityTooLittleArea',
  'densityNoArea',
  'analysisPhotoMissing',
  'analysisFailed',
  // The preview render.
  'photoSizeMismatch',
  'calibrationMismatch',
  'camouflageNeedsAnalysis',
  'camouflageFailed',
  'renderZoneOutside',
  'renderMatchNoAnalysis',
  'renderMatchUnresolved',
  'renderMatchTooFew',
  'renderMatchTooDense',
  'renderZonesInvalid',
  'renderPhotoMissing',
  'renderFailed',
] as const;
export const NoteCode = z.enum(NOTE_CODES);
export type NoteCode = z.infer<typeof NoteCode>;

export const Note = z.object({
  code: NoteCode,
  params: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type Note = z.infer<typeof Note>;

/** A note as rows hold it: a message reference, or the English text of a row written before. */
export const StoredNote = z.union([Note, z.string()]);
export type StoredNote = z.infer<typeof StoredNote>;

export const noteOf = (code: NoteCode, params: Note['params'] = {}): Note => ({ code, params });

/** The causes an `unresolved` note counts regions of: the region status, and its param. */
export const UNRESOLVED_CAUSES = [
  ['blur', 'blur'],
  ['noise', 'noise'],
  ['no-detail', 'noDetail'],
  ['overexposed', 'overexposed'],
] as const;
