import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Photo, PhotoZones, ZonesFileInput } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { renderFinished } from '../components/preview/job-status.js';
import type { ScalpMapCorrection } from './use-scalp-map-correction.js';
import type { Draft } from './use-zone-draft.js';
import { scaleZones } from './zone-editing.js';

/**
 * Saving the zones (in the photo's own pixels, with the scalp map's correction) against the version
 * read, and following the full-resolution render each save starts.
 */
export function useSaveAndRender({
  photo,
  saved,
  draft,
  k,
  scalpMap,
  onSaved,
}: {
  photo: Photo;
  saved: PhotoZones;
  draft: Draft;
  k: number;
  scalpMap: ScalpMapCorrection;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(saved.version);
  const [renderId, setRenderId] = useState<string | null>(saved.latestRender?.id ?? null);

  const save = useMutation({
    mutationFn: () => {
      const file: ZonesFileInput = {
        calibration: { pxPerMm: photo.pxPerMm! },
        seed: draft.seed,
        sessions: draft.sessions,
        ...(draft.sessionShares ? { sessionShares: draft.sessionShares } : {}),
        fadeYears: draft.fadeYears,
        zones: scaleZones({ calibration: { pxPerMm: 1 }, zones: draft.zones }, 1 / k).zones,
      };
      return api.saveZones(photo.id, { zones: file, version, ...scalpMap.toSave() });
    },
    onSuccess: (result) => {
      setVersion(result.version);
      onSaved();
      scalpMap.saved();
      setRenderId(result.latestRender?.id ?? null);
      queryClient.setQueryData(['zones', photo.id], result);
      void queryClient.invalidateQueries({ queryKey: ['previews'] });
      notifications.show({ color: 'teal', message: t('editor.saved') });
    },
  });
  const progress = useQuery({
    queryKey: ['render-progress', renderId],
    queryFn: () => api.renderProgress(renderId!),
    enabled: Boolean(renderId),
    refetchInterval: (q) => (q.state.data && renderFinished(q.state.data.status) ? false : 1000),
  });
  const finished = progress.data ? renderFinished(progress.data.status) : false;
  const render = useQuery({
    queryKey: ['render', renderId, finished],
    queryFn: () => api.getRender(renderId!),
    enabled: Boolean(renderId) && finished,
  });
  return { save, renderId, progress: progress.data ?? null, render: render.data ?? null };
}
