import { useMemo, useState } from 'react';
import type { Photo, PhotoZones, Plan, ZonesFileInput } from '@stipple/core';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';
import { scaleZones, sessionsFromPlan, type ZoneInput } from './zone-editing.js';

/** The zones being edited, in the preview image's pixels. */
export interface Draft {
  seed: number;
  sessions: number;
  sessionShares?: number[] | undefined;
  fadeYears: number;
  zones: ZoneInput[];
}

/**
 * The editor's draft: the saved zones scaled onto the preview image (`k` preview pixels per photo
 * pixel) or, for a photo without zones, the plan's sessions; whether it has unsaved changes; and
 * the zones file the live preview renders once the photo is calibrated and a zone is drawn.
 */
export function useZoneDraft(photo: Photo, saved: PhotoZones, plan: Plan | null, k: number) {
  const [draft, setDraft] = useState<Draft>(() => {
    if (saved.zones) {
      const scaled = scaleZones(saved.zones, k);
      return {
        seed: saved.zones.seed,
        sessions: saved.zones.sessions,
        sessionShares: saved.zones.sessionShares,
        fadeYears: saved.zones.fadeYears,
        zones: scaled.zones,
      };
    }
    return { seed: 1, fadeYears: 5, zones: [], ...sessionsFromPlan(plan) };
  });
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);

  const change = (fn: (d: Draft) => Draft) => {
    setDraft(fn);
    setDirty(true);
  };

  const zonesFile = useMemo<ZonesFileInput | null>(() => {
    if (!photo.pxPerMm || draft.zones.length === 0) return null;
    return {
      calibration: { pxPerMm: photo.pxPerMm * k },
      seed: draft.seed,
      sessions: draft.sessions,
      ...(draft.sessionShares ? { sessionShares: draft.sessionShares } : {}),
      fadeYears: draft.fadeYears,
      zones: draft.zones,
    };
  }, [photo.pxPerMm, k, draft]);

  return { draft, change, dirty, setDirty, zonesFile };
}
