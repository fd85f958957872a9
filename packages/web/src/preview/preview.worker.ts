// The live preview off the main thread: the same @stipple/core that renders on the server,
// incrementally (PreviewEngine, PreviewRenderer), on the screen-sized photo. One request at a time;
// the page sends the newest state only when the last frame is back, so a drag never queues up
// stale frames. A frame carries only the pixels that changed.
import {
  messageOfIssue,
  PreviewEngine,
  PreviewRenderer,
  ZoneError,
  ZonesFile,
  renderStage,
  type ClientHair,
  type PreviewFrame,
  type RgbImage,
  type Stage,
} from '@stipple/core';
import { FrameBuffers } from './frame-buffers.js';
import type { PreviewHair, PreviewRequest, PreviewResponse } from './preview-protocol.js';

let photo: RgbImage | undefined;
let engine: PreviewEngine | undefined;
let renderer: PreviewRenderer | undefined;
let hair: ClientHair | undefined;
let last: PreviewFrame | undefined;

const reply = (message: PreviewResponse, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(message, transfer);

const toHair = (h: PreviewHair | null): ClientHair | undefined =>
  h ? { follicles: Float32Array.from(h.follicles), stubbleLab: h.stubbleLab, skinLab: h.skinLab } : undefined;

/** Frames are written into the buffers the page sends back (see FrameBuffers). */
let buffers: FrameBuffers | undefined;

/** RGBA pixels of `rect` of an image, row after row from the buffer's start (to transfer). */
function crop(
  image: RgbImage,
  rect: { x0: number; y0: number; x1: number; y1: number },
  pool?: FrameBuffers,
): { buffer: ArrayBuffer; reused: boolean } {
  const w = rect.x1 - rect.x0;
  const bytes = Math.max(0, w * (rect.y1 - rect.y0) * 4);
  const taken = pool ? pool.take(bytes) : { buffer: new ArrayBuffer(bytes), reused: false };
  const out = new Uint8ClampedArray(taken.buffer, 0, bytes);
  for (let y = rect.y0; y < rect.y1; y++)
    out.set(
      image.data.subarray((y * image.width + rect.x0) * 4, (y * image.width + rect.x1) * 4),
      (y - rect.y0) * w * 4,
    );
  return taken;
}

self.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const request = event.data;
  if (request.type === 'photo') {
    photo = {
      width: request.width,
      height: request.height,
      channels: 4,
      data: new Uint8ClampedArray(request.data),
    };
    engine = new PreviewEngine(photo, performance);
    renderer = new PreviewRenderer(photo);
    buffers = new FrameBuffers(photo.width * photo.height * 4);
    last = undefined;
    return;
  }
  if (request.type === 'recycle') {
    buffers?.giveBack(request.data);
    return;
  }
  if (request.type === 'hair') {
    hair = toHair(request.hair);
    return;
  }
  if (!photo || !engine || !renderer) {
    reply({ type: 'error', seq: request.seq, message: 'no photo yet', field: null });
    return;
  }
  if (request.type === 'scar') {
    scarCompare(request.seq, request.zoneId);
    return;
  }
  const started = performance.now();
  // reportInput: the catalogue tells a missing value from a wrong one by the input.
  const parsed = ZonesFile.safeParse(request.zones, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    reply({
      type: 'error',
      seq: request.seq,
      message: issue.message,
      field: issue.path.join('.'),
      fieldMessage: messageOfIssue(issue),
    });
    return;
  }
  try {
    const frame = engine.update(parsed.data, request.analysis, hair);
    last = frame;
    const updated = performance.now();
    const stage: Stage =
      request.stage.look === 'faded'
        ? { look: 'faded', afterSession: frame.sessions, years: parsed.data.fadeYears }
        : { look: request.stage.look, afterSession: Math.min(frame.sessions, request.stage.afterSession) };
    const { image, rect } = renderer.render(frame.impressions, stage, frame.dirty);
    const whole = { x0: 0, y0: 0, x1: image.width, y1: image.height };
    const { buffer: data, reused } = crop(image, rect ?? whole, buffers);
    const done = performance.now();
    reply(
      {
        type: 'frame',
        seq: request.seq,
        width: image.width,
        height: image.height,
        rect,
        data,
        dots: frame.impressions.count,
        change: frame.change.kind,
        reusedBuffer: reused,
        updateMs: updated - started,
        renderMs: done - updated,
        totalMs: done - started,
        stagesMs: frame.timingsMs,
        summary: frame.summary,
        stubble: frame.stubble
          ? frame.stubble.shade === null
            ? { shade: null, reason: frame.stubble.reason }
            : { shade: frame.stubble.shade }
          : null,
      },
      [data],
    );
  } catch (err) {
    reply({
      type: 'error',
      seq: request.seq,
      message: err instanceof Error ? err.message : String(err),
      field: err instanceof ZoneError ? err.path.join('.') : null,
      ...(err instanceof ZoneError && err.code ? { code: err.code, params: err.params ?? {} } : {}),
    });
  }
};

/** The healed scar as expected and at the poor end of its texture's range, cropped round the zone. */
function scarCompare(seq: number, zoneId: string): void {
  const zone = last?.zones.findIndex((z) => z.id === zoneId) ?? -1;
  if (!photo || !last || zone < 0 || last.zones[zone]!.kind !== 'scar') {
    reply({ type: 'error', seq, message: 'not a scar zone', field: null });
    return;
  }
  const set = last.impressions;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < set.count; i++)
    if (set.zone[i] === zone) {
      x0 = Math.min(x0, set.x[i]!);
      y0 = Math.min(y0, set.y[i]!);
      x1 = Math.max(x1, set.x[i]!);
      y1 = Math.max(y1, set.y[i]!);
    }
  if (!Number.isFinite(x0)) {
    reply({ type: 'error', seq, message: 'the scar has no dots yet', field: null });
    return;
  }
  const margin = 4 * last.pxPerMm;
  const rect = {
    x0: Math.max(0, Math.floor(x0 - margin)),
    y0: Math.max(0, Math.floor(y0 - margin)),
    x1: Math.min(photo.width, Math.ceil(x1 + margin)),
    y1: Math.min(photo.height, Math.ceil(y1 + margin)),
  };
  // Rendered on the crop alone, the dots moved with it (exactly: whole pixels off float32 centres):
  // two renders of the whole photo per frame, and their 30 MB of buffers, slowed every scar edit.
  const local: RgbImage = {
    width: rect.x1 - rect.x0,
    height: rect.y1 - rect.y0,
    channels: 4,
    data: new Uint8ClampedArray(crop(photo, rect).buffer),
  };
  const moved = { ...set, x: set.x.map((x) => x - rect.x0), y: set.y.map((y) => y - rect.y0) };
  const healed = { look: 'healed' as const, afterSession: last.sessions };
  const expected = renderStage(local, moved, healed).data.buffer as ArrayBuffer;
  const poor = renderStage(local, moved, { ...healed, scarRetention: 'poor' }).data.buffer as ArrayBuffer;
  const z = last.zones[zone]!;
  reply(
    {
      type: 'scar',
      seq,
      zoneId,
      width: rect.x1 - rect.x0,
      height: rect.y1 - rect.y0,
      expected,
      poor,
      retention: z.retention,
      poorRetention: z.poorRetention,
      texture: z.texture,
    },
    [expected, poor],
  );
}
