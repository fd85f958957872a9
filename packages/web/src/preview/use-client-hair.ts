import { useMemo } from 'react';
import type { PhotoAnalysisRecord } from '@stipple/core';
import type { PreviewHair } from './preview-protocol.js';

/**
 * The client's own hair for the preview, from the photo's finished analysis, in preview pixels
 * (`k` preview pixels per photo pixel): the follicles the dots fill round and the stubble's tone.
 */
export function useClientHair(
  analysis: PhotoAnalysisRecord | null | undefined,
  k: number,
): PreviewHair | null {
  return useMemo(() => {
    if (!analysis || analysis.status !== 'done' || analysis.stale) return null;
    return {
      follicles: analysis.follicles.map((v) => v * k),
      stubbleLab: analysis.stubbleLab,
      skinLab: analysis.skinLab,
    };
  }, [analysis, k]);
}
