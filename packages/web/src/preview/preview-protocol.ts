// Messages between the zone editor and its preview worker.
export type PreviewLook = 'fresh' | 'healed' | 'faded';

export type PreviewRequest =
  | { type: 'photo'; width: number; height: number; data: ArrayBuffer }
  | {
      type: 'render';
      seq: number;
      zones: unknown;
      stage: { look: PreviewLook; afterSession: number };
      /** For scar zones that match the surrounding follicle density (preview pixels). */
      analysis?: { follicles: { x: number; y: number }[]; perCm2Median: number | null };
    };

export type PreviewResponse =
  | {
      type: 'frame';
      seq: number;
      width: number;
      height: number;
      data: ArrayBuffer;
      dots: number;
      change: 'full' | 'window' | 'appearance';
      updateMs: number;
      renderMs: number;
      totalMs: number;
    }
  | { type: 'error'; seq: number; message: string; field: string | null };
