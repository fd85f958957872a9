// What a render tells the artist about itself, as notes the apps word in the reader's language
// (catalogue `note.*`): the photo or its calibration not as the zones expect, and why it failed.
import { noteOf, ZoneError, zoneErrorNote, type Note, type ZonesFile } from '@stipple/core';

/** A failure the render knows the reason of, as its note. */
export class RenderFailure extends Error {
  constructor(readonly note: Note) {
    super(note.code);
  }
}

/** The stored photo's size, and the scale the zones were drawn at, where they differ from the photo's record. */
export function photoNotes(
  decoded: { width: number; height: number },
  photo: { width: number; height: number; pxPerMm: number | null },
  zones: ZonesFile,
): Note[] {
  const notes: Note[] = [];
  if (decoded.width !== photo.width || decoded.height !== photo.height)
    notes.push(
      noteOf('photoSizeMismatch', {
        width: decoded.width,
        height: decoded.height,
        expectedWidth: photo.width,
        expectedHeight: photo.height,
      }),
    );
  const zonesPxPerMm = 'pxPerMm' in zones.calibration ? zones.calibration.pxPerMm : null;
  if (photo.pxPerMm && zonesPxPerMm && Math.abs(zonesPxPerMm / photo.pxPerMm - 1) > 0.05)
    notes.push(
      noteOf('calibrationMismatch', {
        zonesPxPerMm: round2(zonesPxPerMm),
        photoPxPerMm: round2(photo.pxPerMm),
      }),
    );
  return notes;
}

/** Why the render failed, for the reader: a known reason's note, or a generic one (the details are logged). */
export function failureNote(err: unknown, zones: ZonesFile): Note {
  const known =
    err instanceof RenderFailure ? err.note : err instanceof ZoneError ? zoneErrorNote(err, zones) : null;
  return known ?? noteOf('renderFailed');
}

const round2 = (v: number) => Math.round(v * 100) / 100;
