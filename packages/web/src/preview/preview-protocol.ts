// Messages between the zone editor and its preview worker.
import type { FieldMessage, Lab, ZoneSummary } from '@stipple/core';

export type PreviewLook = 'fresh' | 'healed' | 'faded';

/** The client's own hair for the blend: follicles in preview pixels (x, y interleaved) and tones. */
export interface PreviewHair {
  follicles: number[];
  stubbleLab: Lab | null;
  skinLab: Lab | null;
}

export type PreviewRequest =
  | { type: 'photo'; width: number; height: number; data: ArrayBuffer }
  | { type: 'hair'; hair: PreviewHair | null }
  | {
      type: 'render';
      seq: number;
      zones: unknown;
      stage: { look: PreviewLook; afterSession: number };
      /** For scar zones that match the surrounding follicle density (preview pixels). */
      analysis?: { follicles: { x: number; y: number }[] };
    }
  | { type: 'scar'; seq: number; zoneId: string }
  /** A frame's buffer back from the page once drawn, for the worker to write the next one into. */
  | { type: 'recycle'; data: ArrayBuffer };

/** The shade matched to the client's stubble, or why there is none. */
export type PreviewStubble =
  { shade: number } | { shade: null; reason: 'not-measured' | 'stubble-not-darker' };

export type PreviewResponse =
  | {
      type: 'frame';
      seq: number;
      width: number;
      height: number;
      /**
       * The pixels that changed ([x0, x1) × [y0, y1)), RGBA row after row from the start of `data`
       * (which may be longer); null: the whole image.
       */
      rect: { x0: number; y0: number; x1: number; y1: number } | null;
      data: ArrayBuffer;
      dots: number;
      change: 'full' | 'window' | 'appearance';
      /** Written into a buffer the page had sent back rather than a new one. */
      reusedBuffer: boolean;
      updateMs: number;
      renderMs: number;
      totalMs: number;
      /** The engine's stages (layers, compose, diff, sample, …) in ms, from the worker's clock. */
      stagesMs: Record<string, number>;
      summary: ZoneSummary[];
      stubble: PreviewStubble | null;
    }
  | {
      type: 'scar';
      seq: number;
      zoneId: string;
      width: number;
      height: number;
      /** The healed scar, RGBA, at the share of pigment expected for its texture and at the poor end. */
      expected: ArrayBuffer;
      poor: ArrayBuffer;
      retention: number;
      poorRetention: number;
      texture: string | null;
    }
  | {
      type: 'error';
      seq: number;
      message: string;
      field: string | null;
      /** A refusal the editor words itself (e.g. "match" round a scar), with its figures. */
      code?: string;
      params?: Record<string, number>;
      /** A value the zones file does not accept: the shared catalogue's `field.*` code and figures. */
      fieldMessage?: FieldMessage;
    };
