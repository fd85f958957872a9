import { useState } from 'react';
import type { Plan } from '@stipple/core';
import type { StageTool } from '../components/preview/ZoneStage.js';
import { applyBrushStroke } from './brush-editing.js';
import type { Draft } from './use-zone-draft.js';
import { newZone } from './zone-drafting.js';
import type { Point, ZoneInput } from './zone-editing.js';

export type BrushKind = 'scar' | 'fill' | 'exclude';

/**
 * The brush paints and erases area zones: into the selected zone, or a new zone of the chosen kind
 * when none (or a hairline) is selected. Its size is in millimetres on the calibrated photo.
 */
export function useBrush({
  tool,
  pxPerMm,
  draft,
  plan,
  selectedId,
  change,
  select,
}: {
  tool: StageTool;
  /** Preview pixels per millimetre; 0 before the photo is calibrated. */
  pxPerMm: number;
  draft: Draft;
  plan: Plan | null;
  selectedId: string | null;
  change: (fn: (d: Draft) => Draft) => void;
  select: (id: string | null) => void;
}) {
  const [brushMm, setBrushMm] = useState(3);
  const [brushKind, setBrushKind] = useState<BrushKind>('scar');
  const radius = brushMm * pxPerMm;
  const selectedZone = draft.zones.find((z) => z.id === selectedId);
  const paintsNewZone = tool === 'paint' && (!selectedZone || selectedZone.kind === 'hairline');
  const stroke = (points: Point[]) => {
    if (!radius || (tool !== 'paint' && tool !== 'erase')) return;
    const result = applyBrushStroke(
      draft.zones,
      selectedId,
      { points, radius, mode: tool },
      (id, polygon) =>
        newZone(brushKind, id, polygon, plan, draft.sessions) as Exclude<ZoneInput, { kind: 'hairline' }>,
      brushKind,
    );
    change((d) => ({ ...d, zones: result.zones }));
    select(result.selectedId);
  };
  return { brushMm, setBrushMm, brushKind, setBrushKind, radius, selectedZone, paintsNewZone, stroke };
}

export type Brush = ReturnType<typeof useBrush>;
