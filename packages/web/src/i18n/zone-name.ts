import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneNameMessage, type StoredNote } from '@stipple/core';
import { catalogueMessage, catalogueNote } from './messages.js';

/**
 * Names a zone of a photo in the UI language ("密度填充 1" for `fill-1`, "照片疤痕 1" for a zone
 * taken from the analysis), never by its id; a zone the artist named keeps her name.
 */
export function useZoneName(): (id: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (id: string) => {
      const message = zoneNameMessage(id);
      return message ? catalogueMessage(t, message.key, message.params) : id;
    },
    [t],
  );
}

/** Words a note of the photo analysis or the preview render in the UI language, zones by name. */
export function useNoteText(): (note: StoredNote) => string {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  return useCallback((note: StoredNote) => catalogueNote(t, note, zoneName), [t, zoneName]);
}
