import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneNameMessage } from '@stipple/core';
import { catalogueMessage } from './messages.js';

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
