import { useCallback, useEffect, useRef, useState } from 'react';
import type { ZoneSummary } from '@stipple/core';
import type {
  PreviewHair,
  PreviewLook,
  PreviewRequest,
  PreviewResponse,
  PreviewStubble,
} from './preview-protocol.js';

export interface PreviewFrameImage {
  image: ImageData;
  dots: number;
  change: string;
  updateMs: number;
  renderMs: number;
  totalMs: number;
  summary: ZoneSummary[];
  stubble: PreviewStubble | null;
}

export interface ScarComparison {
  zoneId: string;
  expected: ImageData;
  poor: ImageData;
  retention: number;
  poorRetention: number;
  texture: string | null;
}

/** One edit's time in the worker, as the browser test reads it (window.__stipplePreviewTimings). */
export interface PreviewTiming {
  change: string;
  dots: number;
  /** The frame was written into a buffer the page had sent back. */
  reusedBuffer: boolean;
  updateMs: number;
  renderMs: number;
  totalMs: number;
  /** The engine's stages within `updateMs`. */
  stagesMs: Record<string, number>;
  /** From posting the request to the frame being back on the page. */
  roundTripMs: number;
}

type RenderRequest = Omit<Extract<PreviewRequest, { type: 'render' }>, 'seq'>;

declare global {
  interface Window {
    __stipplePreviewTimings?: PreviewTiming[];
  }
}

/**
 * The preview worker of one photo: `request` asks for the newest zones and stage; while the worker
 * is busy only the latest request waits, so frames never lag behind a drag. A frame patches the
 * pixels it changed into the image the page shows.
 */
export function usePreviewWorker(photo: ImageData | null, hair: PreviewHair | null) {
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const pending = useRef<RenderRequest | null>(null);
  const pendingScar = useRef<string | null>(null);
  const sentAt = useRef(0);
  const seq = useRef(0);
  const pixels = useRef<ImageData | null>(null);
  const [frame, setFrame] = useState<PreviewFrameImage | null>(null);
  const [scar, setScar] = useState<ScarComparison | null>(null);
  const [error, setError] = useState<Omit<
    Extract<PreviewResponse, { type: 'error' }>,
    'type' | 'seq'
  > | null>(null);

  const flush = useCallback(() => {
    const w = worker.current;
    if (!w || busy.current) return;
    const next = pending.current;
    if (next) {
      pending.current = null;
      busy.current = true;
      seq.current += 1;
      sentAt.current = performance.now();
      w.postMessage({ ...next, seq: seq.current } satisfies PreviewRequest);
      return;
    }
    const zoneId = pendingScar.current;
    if (zoneId) {
      pendingScar.current = null;
      busy.current = true;
      seq.current += 1;
      w.postMessage({ type: 'scar', seq: seq.current, zoneId } satisfies PreviewRequest);
    }
  }, []);

  useEffect(() => {
    if (!photo) return;
    const w = new Worker(new URL('./preview.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    busy.current = false;
    pixels.current = null;
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
        let image = pixels.current;
        if (!m.rect || !image)
          image = new ImageData(
            m.rect
              ? new Uint8ClampedArray(photo.data)
              : new Uint8ClampedArray(m.data, 0, m.width * m.height * 4),
            m.width,
            m.height,
          );
        if (m.rect) {
          const { x0, y0, x1, y1 } = m.rect;
          const rw = x1 - x0;
          const data = new Uint8ClampedArray(m.data, 0, rw * (y1 - y0) * 4);
          for (let y = y0; y < y1; y++)
            image.data.set(data.subarray((y - y0) * rw * 4, (y - y0 + 1) * rw * 4), (y * m.width + x0) * 4);
          // Copied into the page's image: the worker writes the next frame into it.
          w.postMessage({ type: 'recycle', data: m.data } satisfies PreviewRequest, [m.data]);
        }
        pixels.current = image;
        const timing: PreviewTiming = {
          change: m.change,
          dots: m.dots,
          reusedBuffer: m.reusedBuffer,
          updateMs: m.updateMs,
          renderMs: m.renderMs,
          totalMs: m.totalMs,
          stagesMs: m.stagesMs,
          roundTripMs: performance.now() - sentAt.current,
        };
        (window.__stipplePreviewTimings ??= []).push(timing);
        // A new ImageData over the same pixels, so that the canvas draws the patched image.
        setFrame({
          image: new ImageData(image.data, image.width, image.height),
          dots: m.dots,
          change: m.change,
          updateMs: m.updateMs,
          renderMs: m.renderMs,
          totalMs: m.totalMs,
          summary: m.summary,
          stubble: m.stubble,
        });
      } else if (m.type === 'scar') {
        setScar({
          zoneId: m.zoneId,
          expected: new ImageData(new Uint8ClampedArray(m.expected), m.width, m.height),
          poor: new ImageData(new Uint8ClampedArray(m.poor), m.width, m.height),
          retention: m.retention,
          poorRetention: m.poorRetention,
          texture: m.texture,
        });
      } else {
        const { type: _type, seq: _seq, ...rest } = m;
        setError(rest);
      }
      flush();
    };
    flush();
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [photo, flush]);

  // The client's hair goes to the worker once, and again when it changes.
  useEffect(() => {
    worker.current?.postMessage({ type: 'hair', hair } satisfies PreviewRequest);
  }, [hair, photo]);

  const request = useCallback(
    (
      zones: unknown,
      stage: { look: PreviewLook; afterSession: number },
      analysis?: RenderRequest['analysis'],
    ) => {
      pending.current = { type: 'render', zones, stage, ...(analysis ? { analysis } : {}) };
      flush();
    },
    [flush],
  );

  const compareScar = useCallback(
    (zoneId: string | null) => {
      if (!zoneId) {
        setScar(null);
        return;
      }
      pendingScar.current = zoneId;
      flush();
    },
    [flush],
  );

  return { frame, scar, error, request, compareScar, clear: () => setFrame(null) };
}
