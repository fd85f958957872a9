import { useQueries, useQuery } from '@tanstack/react-query';
import type { PhotoView } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';

/** A follicle density the photo analysis measured on one of the client's photos. */
export interface MeasuredDensity {
  photoId: string;
  view: PhotoView;
  takenOn: string;
  perCm2: number;
}

/**
 * The densities finished analyses measured on the client's photos, newest photo first: what the
 * assessment can take as the hair density around a scar instead of leaving it "not known".
 */
export function useMeasuredDensities(clientId: string): MeasuredDensity[] {
  const api = useApi();
  const photos = useQuery({ queryKey: ['photos', clientId], queryFn: () => api.listPhotos(clientId) });
  const items = photos.data?.items ?? [];
  const analyses = useQueries({
    queries: items.map((photo) => ({
      queryKey: ['analysis', photo.id],
      queryFn: () => api.getAnalysis(photo.id),
    })),
  });
  return items
    .flatMap((photo, i) => {
      const a = analyses[i]?.data;
      const perCm2 = a?.status === 'done' ? a.density?.perCm2Median : undefined;
      return perCm2 === undefined || perCm2 === null
        ? []
        : [{ photoId: photo.id, view: photo.view, takenOn: photo.takenOn, perCm2: Math.round(perCm2) }];
    })
    .sort((a, b) => b.takenOn.localeCompare(a.takenOn));
}
