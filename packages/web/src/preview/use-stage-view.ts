import { useCallback, useEffect, useRef, useState } from 'react';
import { useElementSize } from '@mantine/hooks';
import { clampScale, type View } from '../components/preview/ZoneStage.js';

/** The editor's view of the photo: the stage's size, and the zoom and pan, fitted once at first. */
export function useStageView(pixels: ImageData) {
  const { ref: stageBox, width: stageWidth } = useElementSize();
  const stageHeight = Math.max(
    360,
    Math.min(720, Math.round((stageWidth || 800) * (pixels.height / pixels.width))),
  );
  const [view, setView] = useState<View>({ scale: 1, tx: 0, ty: 0 });
  const fitted = useRef(false);

  const fit = useCallback(() => {
    if (!stageWidth) return;
    const scale = Math.min(stageWidth / pixels.width, stageHeight / pixels.height);
    setView({
      scale,
      tx: (stageWidth - pixels.width * scale) / 2,
      ty: (stageHeight - pixels.height * scale) / 2,
    });
  }, [stageWidth, stageHeight, pixels]);
  useEffect(() => {
    if (!fitted.current && stageWidth) {
      fitted.current = true;
      fit();
    }
  }, [stageWidth, fit]);
  const zoomBy = (factor: number) =>
    setView((v) => {
      const cx = (stageWidth || 800) / 2;
      const cy = stageHeight / 2;
      const scale = clampScale(v.scale * factor);
      return { scale, tx: cx - ((cx - v.tx) / v.scale) * scale, ty: cy - ((cy - v.ty) / v.scale) * scale };
    });
  const actualSize = () => {
    // 100 %: one pixel of the preview image per screen pixel, centred where the view is centred.
    setView((v) => {
      const cx = (stageWidth || 800) / 2;
      const cy = stageHeight / 2;
      return { scale: 1, tx: cx - (cx - v.tx) / v.scale, ty: cy - (cy - v.ty) / v.scale };
    });
  };
  return { stageBox, stageHeight, view, setView, fit, zoomBy, actualSize };
}
