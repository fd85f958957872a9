// The head and scalp map in the zone editor: the automatic map and the saved correction from the
// server, the artist's edits on top (tap a region, brush an edge) with an undo history, and what
// the next save of the zones sends. Saved with the zones, in the same version.
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { PhotoScalpMap, SaveZonesInput } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import {
  brushRegion,
  decodeRuns,
  encodeRuns,
  scalpShare,
  toggleRegion,
  type Labels,
} from './scalp-map-editing.js';

export type ScalpMapTool = 'off' | 'tap' | 'add' | 'erase';

/** Undo keeps this many steps (each a copy of the map: a few hundred kB at most). */
const UNDO_DEPTH = 40;

export interface ScalpMapCorrection {
  /** Null before an analysis made the automatic map. */
  automatic: (Labels & { factor: number }) | null;
  /** The map as it stands: the saved correction or the automatic map, with the artist's edits. */
  current: Labels | null;
  corrected: boolean;
  dirty: boolean;
  loading: boolean;
  visible: boolean;
  setVisible: (v: boolean) => void;
  tool: ScalpMapTool;
  setTool: (t: ScalpMapTool) => void;
  /** Brush radius in map pixels. */
  brushRadius: number;
  setBrushRadius: (r: number) => void;
  tapAt: (mx: number, my: number) => void;
  brush: (stroke: [number, number][]) => void;
  canUndo: boolean;
  undo: () => void;
  /** Back to the automatic map (saved as "no correction"). */
  reset: () => void;
  scalpShare: number | null;
  /** What the next save sends: the map when it changed, nothing otherwise. */
  toSave: () => Pick<SaveZonesInput, 'scalpMap'>;
  /** After a save: the edits are the saved correction; the analysis reruns inside it. */
  saved: () => void;
}

export function useScalpMapCorrection(photoId: string, onEdit: () => void): ScalpMapCorrection {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['scalp-map', photoId], queryFn: () => api.getScalpMap(photoId) });
  const automatic = useMemo(() => {
    const a = query.data?.automatic;
    return a ? { ...decodeRuns(a.width, a.height, a.classesRle), factor: a.factor } : null;
  }, [query.data]);
  const savedMap = useMemo(() => {
    const c = query.data?.corrected;
    return c ? decodeRuns(c.width, c.height, c.classesRle) : null;
  }, [query.data]);
  // The edits (null while the map is as saved) and their undo history, made on the automatic map of
  // this size: a newer analysis with another map size drops them.
  const mapKey = automatic ? `${automatic.width}x${automatic.height}` : '';
  const [session, setSession] = useState<{
    key: string;
    edited: Uint8Array | null;
    history: (Uint8Array | null)[];
  }>({ key: '', edited: null, history: [] });
  const { edited, history } = session.key === mapKey ? session : { edited: null, history: [] };
  const [visible, setVisible] = useState(true);
  const [tool, setTool] = useState<ScalpMapTool>('off');
  const [brushRadius, setBrushRadius] = useState(3);

  const base = savedMap && automatic && savedMap.width === automatic.width ? savedMap : automatic;
  const current: Labels | null = automatic && base ? { ...base, data: edited ?? base.data } : null;

  const push = (next: Uint8Array | null) => {
    setSession({ key: mapKey, edited: next, history: [...history.slice(-(UNDO_DEPTH - 1)), edited] });
    onEdit();
  };

  const tapAt = (mx: number, my: number) => {
    if (!current || !automatic) return;
    const next = toggleRegion(current, automatic, mx, my);
    if (next) push(next);
  };
  const brush = (stroke: [number, number][]) => {
    if (!current || !automatic || stroke.length === 0) return;
    push(brushRegion(current, automatic, stroke, brushRadius, tool === 'erase' ? 'erase' : 'add'));
  };
  const undo = () => {
    if (!history.length) return;
    setSession({ key: mapKey, edited: history[history.length - 1]!, history: history.slice(0, -1) });
    onEdit();
  };
  const reset = () => automatic && push(automatic.data.slice());

  const toSave = (): Pick<SaveZonesInput, 'scalpMap'> => {
    if (!edited || !automatic) return {};
    const same = edited.every((v, i) => v === automatic.data[i]);
    // A map edited back to the automatic one is no correction.
    if (same) return { scalpMap: null };
    return { scalpMap: { width: automatic.width, height: automatic.height, classesRle: encodeRuns(edited) } };
  };

  const saved = () => {
    const sent = toSave();
    if ('scalpMap' in sent)
      queryClient.setQueryData<PhotoScalpMap>(['scalp-map', photoId], (old) =>
        old ? { ...old, corrected: sent.scalpMap ?? null } : old,
      );
    setSession({ key: mapKey, edited: null, history: [] });
    void queryClient.invalidateQueries({ queryKey: ['scalp-map', photoId] });
    void queryClient.invalidateQueries({ queryKey: ['analysis', photoId] });
  };

  return {
    automatic,
    current,
    corrected: edited ? !edited.every((v, i) => v === automatic?.data[i]) : Boolean(savedMap),
    dirty: edited !== null,
    loading: query.isLoading,
    visible,
    setVisible,
    tool,
    setTool,
    brushRadius,
    setBrushRadius,
    tapAt,
    brush,
    canUndo: history.length > 0,
    undo,
    reset,
    scalpShare: current ? scalpShare(current.data) : null,
    toSave,
    saved,
  };
}
