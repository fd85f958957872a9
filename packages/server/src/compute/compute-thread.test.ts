// The compute thread's Node options: the process's, less the modules it preloads (a test server's
// exit-with-parent preload, run again in a thread whose stdin is closed, ended the whole process).
// And the tasks that take stored photos' bytes and decode them in the thread (analysis, registration,
// a render's photo).
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ComputeThread, withoutPreloads } from './compute-thread.js';

describe('withoutPreloads', () => {
  it('drops --import, --require and loaders with their values, in both spellings', () => {
    expect(
      withoutPreloads([
        '--import',
        '/x/exit-with-parent.mjs',
        '--conditions',
        'source',
        '--require=/y/hook.cjs',
        '-r',
        'z',
        '--experimental-loader=tsx',
        '--max-old-space-size=2048',
      ]),
    ).toEqual(['--conditions', 'source', '--max-old-space-size=2048']);
  });

  it('keeps options that only look alike', () => {
    expect(withoutPreloads(['--import-meta-x', '--enable-source-maps'])).toEqual([
      '--import-meta-x',
      '--enable-source-maps',
    ]);
  });
});

describe('the analysis task in the compute thread', () => {
  const compute = new ComputeThread({ nice: 0, idleMs: 1000 });
  afterAll(() => compute.close());

  /** A small light-skinned photo with dark dots, as a JPEG: what the blob store keeps. */
  async function photoBytes(): Promise<Buffer> {
    const w = 240;
    const h = 180;
    const data = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) data.set([205, 165, 145], 3 * i);
    for (let y = 6; y < h; y += 12)
      for (let x = 6; x < w; x += 12) data.set([70, 55, 50], 3 * (y * w + x + ((y / 12) % 2) * 5));
    return sharp(data, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
  }

  it('decodes the stored photo in the thread and analyses it there', async () => {
    const { result, automatic } = await compute.run('analyzePhoto', [
      await photoBytes(),
      { calibration: { pxPerMm: 6 } },
      null,
    ]);
    expect(result.pxPerMm).toBe(6);
    expect(Array.isArray(result.follicles)).toBe(true);
    expect(result.scalpMap).toBeDefined();
    // Without a correction the analysis makes its own map and there is none to store apart.
    expect(automatic).toBeNull();
  });

  it('fails the task, not the thread, on bytes that are not a photo; the next task runs', async () => {
    await expect(compute.run('analyzePhoto', [Buffer.from('not a photo'), {}, null])).rejects.toThrow(
      /unsupported image format|Input buffer/i,
    );
    const { result } = await compute.run('analyzePhoto', [await photoBytes(), {}, null]);
    expect(result.follicles).toBeDefined();
  });

  it('moves handed-over bytes to the thread instead of copying them; a Buffer from the pool is copied', async () => {
    const bytes = new Uint8Array(await photoBytes());
    const size = bytes.byteLength;
    // Named twice (as a caller handing over both photos of a pair might): moved once.
    const running = compute.run('analyzePhoto', [bytes, {}, null], undefined, { handOver: [bytes, bytes] });
    const { result } = await running;
    expect(result.follicles).toBeDefined();
    expect(size).toBeGreaterThan(0);
    expect(bytes.byteLength).toBe(0);

    // A small Buffer shares Node's pool with others: moving its memory would empty them too.
    const neighbour = Buffer.from('a neighbour in the pool');
    const pooled = Buffer.from('not a photo');
    await expect(
      compute.run('analyzePhoto', [pooled, {}, null], undefined, { handOver: [pooled] }),
    ).rejects.toThrow();
    expect(pooled.toString()).toBe('not a photo');
    expect(neighbour.toString()).toBe('a neighbour in the pool');
  });

  it('fails a task whose arguments cannot cross to the thread, and runs the next', async () => {
    const cannotCross = { calibration: { pxPerMm: 6 }, clock: () => 0 } as never;
    await expect(compute.run('analyzePhoto', [await photoBytes(), cannotCross, null])).rejects.toThrow(
      /could not be cloned/,
    );
    const { result } = await compute.run('analyzePhoto', [await photoBytes(), {}, null]);
    expect(result.follicles).toBeDefined();
  });

  it('registers two stored photos from their bytes and gives their sizes as decoded, upright', async () => {
    const upright = await photoBytes();
    // The same photo as a phone stores it held sideways: 240 x 180 pixels, EXIF orientation 6.
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const { registration, sizes } = await compute.run('registerPhotos', [upright, sideways]);
    expect(typeof registration.ok).toBe('boolean');
    expect(sizes).toEqual({ earlier: { width: 240, height: 180 }, later: { width: 240, height: 180 } });
    expect((await sharp(sideways).metadata()).width).toBe(180);
  });

  it('decodes a stored photo for a render into shared memory, upright, with the pixels sharp gives', async () => {
    const upright = await photoBytes();
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const decoded = await compute.run('decodeShared', [new Uint8Array(sideways)]);
    // Shared: the render sends it back to the thread without a copy.
    expect(decoded.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([240, 180, 3]);
    const expected = await sharp(sideways).autoOrient().removeAlpha().raw().toBuffer();
    expect(Buffer.from(decoded.data).equals(expected)).toBe(true);
  });
});
