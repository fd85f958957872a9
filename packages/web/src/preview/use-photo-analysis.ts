import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider.js';
import { coveredShare, type Point, type ZoneInput } from './zone-editing.js';

/**
 * The photo's analysis in the editor: its state (followed while it runs), running it, the follicles
 * it found and the scar suggestions not yet taken or dismissed, all in preview pixels (`k` per photo
 * pixel).
 */
export function usePhotoAnalysis(photoId: string, k: number, zones: readonly ZoneInput[]) {
  const api = useApi();
  const queryClient = useQueryClient();
  const analysis = useQuery({
    queryKey: ['analysis', photoId],
    queryFn: () => api.getAnalysis(photoId),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 1000 : false,
  });
  const run = useMutation({
    mutationFn: () => api.startAnalysis(photoId),
    onSuccess: (record) => queryClient.setQueryData(['analysis', photoId], record),
  });
  const [handled, setHandled] = useState<Set<string>>(() => new Set());
  const [showFollicles, setShowFollicles] = useState(false);
  const analysed = analysis.data?.status === 'done' ? analysis.data : null;
  // A finished analysis brings a new automatic head and scalp map with it.
  const analysedAt = analysed?.finishedAt ?? null;
  useEffect(() => {
    if (analysedAt) void queryClient.invalidateQueries({ queryKey: ['scalp-map', photoId] });
  }, [analysedAt, photoId, queryClient]);
  // Accepted suggestions are zones now (also after a reload): only the others are offered.
  const openSuggestions = (analysed?.suggestions ?? [])
    .filter((sug) => !handled.has(sug.id))
    .map((sug) => ({ ...sug, polygon: sug.polygon.map(([x, y]) => [x * k, y * k] as Point) }))
    .filter((sug) => coveredShare(sug.polygon, zones) < 0.5);
  const follicles = useMemo(() => (analysed ? analysed.follicles.map((v) => v * k) : null), [analysed, k]);
  // Scar zones may match the follicle density the analysis measured round them.
  const followed = useMemo(() => {
    if (!follicles) return undefined;
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i + 1 < follicles.length; i += 2) points.push({ x: follicles[i]!, y: follicles[i + 1]! });
    return { follicles: points };
  }, [follicles]);

  return {
    record: analysis.data,
    analysed,
    run,
    openSuggestions,
    handle: (id: string) => setHandled((h) => new Set([...h, id])),
    follicles,
    followed,
    showFollicles,
    setShowFollicles,
  };
}

export type PhotoAnalysisState = ReturnType<typeof usePhotoAnalysis>;
