// The live preview off the main thread: the same @stipple/core that renders on the server,
// incrementally (PreviewEngine), on the screen-sized photo. One request at a time; the page sends
// the newest state only when the last frame is back, so a drag never queues up stale frames.
import { PreviewEngine, ZoneError, ZonesFile, renderStage, type RgbImage, type Stage } from '@stipple/core';
import type { PreviewRequest, PreviewResponse } from './preview-protocol.js';

let photo: RgbImage | undefined;
let engine: PreviewEngine | undefined;

const reply = (message: PreviewResponse, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);

self.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const request = event.data;
  if (request.type === 'photo') {
    photo = {
      width: request.width,
      height: request.height,
      channels: 4,
      data: new Uint8ClampedArray(request.data),
    };
    engine = new PreviewEngine(photo);
    return;
  }
  if (!photo || !engine) {
    reply({ type: 'error', seq: request.seq, message: 'no photo yet', field: null });
    return;
  }
  const started = performance.now();
  const parsed = ZonesFile.safeParse(request.zones);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    reply({ type: 'error', seq: request.seq, message: issue.message, field: issue.path.join('.') });
    return;
  }
  try {
    const frame = engine.update(
      parsed.data,
      request.analysis
        ? { follicles: request.analysis.follicles, density: { perCm2Median: request.analysis.perCm2Median } }
        : undefined,
    );
    const updated = performance.now();
    const stage: Stage =
      request.stage.look === 'faded'
        ? { look: 'faded', afterSession: frame.sessions, years: parsed.data.fadeYears }
        : { look: request.stage.look, afterSession: Math.min(frame.sessions, request.stage.afterSession) };
    const image = renderStage(photo, frame.impressions, stage);
    const done = performance.now();
    const data = image.data.buffer as ArrayBuffer;
    reply(
      {
        type: 'frame',
        seq: request.seq,
        width: image.width,
        height: image.height,
        data,
        dots: frame.impressions.count,
        change: frame.change.kind,
        updateMs: updated - started,
        renderMs: done - updated,
        totalMs: done - started,
      },
      [data],
    );
  } catch (err) {
    reply({
      type: 'error',
      seq: request.seq,
      message: err instanceof Error ? err.message : String(err),
      field: err instanceof ZoneError ? err.path.join('.') : null,
    });
  }
};
