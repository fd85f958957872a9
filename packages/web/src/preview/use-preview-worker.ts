import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreviewLook, PreviewRequest, PreviewResponse } from './preview-protocol.js';

export interface PreviewFrameImage {
  image: ImageData;
  dots: number;
  change: string;
  updateMs: number;
  renderMs: number;
  totalMs: number;
}

/**
 * The preview worker of one photo: `request` asks for the newest zones and stage; while the worker
 * is busy only the latest request waits, so frames never lag behind a drag.
 */
export function usePreviewWorker(photo: ImageData | null) {
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const pending = useRef<Omit<Extract<PreviewRequest, { type: 'render' }>, 'seq'> | null>(null);
  const seq = useRef(0);
  const [frame, setFrame] = useState<PreviewFrameImage | null>(null);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);

  const flush = useCallback(() => {
    const w = worker.current;
    const next = pending.current;
    if (!w || busy.current || !next) return;
    pending.current = null;
    busy.current = true;
    seq.current += 1;
    w.postMessage({ ...next, seq: seq.current } satisfies PreviewRequest);
  }, []);

  useEffect(() => {
    if (!photo) return;
    const w = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    busy.current = false;
    const copy = new Uint8ClampedArray(photo.data);
    w.postMessage(
      { type: 'photo', width: photo.width, height: photo.height, data: copy.buffer } satisfies PreviewRequest,
      [copy.buffer],
    );
    w.onmessage = (event: MessageEvent<PreviewResponse>) => {
      const m = event.data;
      busy.current = false;
      if (m.type === 'frame') {
        setError(null);
        setFrame({
          image: new ImageData(new Uint8ClampedArray(m.data), m.width, m.height),
          dots: m.dots,
          change: m.change,
          updateMs: m.updateMs,
          renderMs: m.renderMs,
          totalMs: m.totalMs,
        });
      } else setError({ message: m.message, field: m.field });
      flush();
    };
    flush();
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [photo, flush]);

  const request = useCallback(
    (
      zones: unknown,
      stage: { look: PreviewLook; afterSession: number },
      analysis?: Extract<PreviewRequest, { type: 'render' }>['analysis'],
    ) => {
      pending.current = { type: 'render', zones, stage, ...(analysis ? { analysis } : {}) };
      flush();
    },
    [flush],
  );

  return { frame, error, request, clear: () => setFrame(null) };
}
