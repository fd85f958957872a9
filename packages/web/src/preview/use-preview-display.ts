import { useState } from 'react';
import type { PreviewLook } from './preview-protocol.js';

/** How the live preview is shown: which look (and after which session), the before/after split, the outlines. */
export function usePreviewDisplay() {
  const [look, setLook] = useState<PreviewLook>('healed');
  const [session, setSession] = useState(1);
  const [split, setSplit] = useState(0.5);
  const [showZones, setShowZones] = useState(true);
  return { look, setLook, session, setSession, split, setSplit, showZones, setShowZones };
}

export type PreviewDisplay = ReturnType<typeof usePreviewDisplay>;
