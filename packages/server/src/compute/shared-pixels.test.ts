// Photos cross to the compute thread in shared memory, not by serializing 36 MB on the event loop:
// what a render job sends the thread and what the thread's render sends back are shared.
import { ZonesFile } from '@stipple/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { StageEvent } from './compute-tasks.js';
import { ComputeThread } from './compute-thread.js';
import { inSharedMemory, sharedCopy } from './shared-pixels.js';

const W = 160;
const H = 120;

function skin() {
  const data = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    data[3 * i] = 200 + (i % 7);
    data[3 * i + 1] = 160;
    data[3 * i + 2] = 140;
  }
  return { width: W, height: H, channels: 3 as const, data };
}

describe('inSharedMemory', () => {
  it('copies the pixels into shared memory and keeps the rest of the image', () => {
    const photo = skin();
    const shared = inSharedMemory(photo);
    expect(shared.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(photo.data.buffer).toBeInstanceOf(ArrayBuffer);
    expect(shared).toMatchObject({ width: W, height: H, channels: 3 });
    expect(Buffer.from(shared.data).equals(Buffer.from(photo.data))).toBe(true);
  });

  it('gives back the same image when its pixels are shared already (no second copy)', () => {
    const shared = inSharedMemory(skin());
    expect(inSharedMemory(shared)).toBe(shared);
  });

  it('copies a view of part of a buffer, not the whole buffer', () => {
    const whole = new Uint8Array(100).map((_, i) => i);
    const copy = sharedCopy(whole.subarray(10, 20));
    expect([...copy]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(copy.buffer.byteLength).toBe(10);
  });
});

describe('a render in the compute thread', () => {
  const compute = new ComputeThread({ nice: 0, idleMs: 1000 });
  afterAll(() => compute.close());

  it('reports every stage in shared memory, so the healed stage goes back to the thread as is', async () => {
    const photo = inSharedMemory(skin());
    const zones = ZonesFile.parse({
      calibration: { pxPerMm: 10 },
      seed: 1,
      sessions: 2,
      zones: [
        {
          id: 'crown',
          kind: 'fill',
          polygon: [
            [20, 20],
            [140, 20],
            [140, 100],
            [20, 100],
          ],
          densityPerCm2: 60,
        },
      ],
    });
    const stages: StageEvent[] = [];
    const done = await compute.run('renderStages', [photo, zones, undefined, undefined], (e) =>
      stages.push(e),
    );
    expect(done.impressions).toBeGreaterThan(0);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const { image } of stages) {
      expect(image.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(image.data.length).toBe(W * H * 3);
    }
    // The last stage differs from the photo (dots were drawn), and the photo itself is untouched.
    const last = stages.at(-1)!.image.data;
    expect(Buffer.from(last).equals(Buffer.from(photo.data))).toBe(false);
    expect(Buffer.from(photo.data).equals(Buffer.from(skin().data))).toBe(true);
  });
});
