import { describe, expect, it } from 'vitest';
import { FrameBuffers } from './frame-buffers.js';

describe('FrameBuffers', () => {
  it('writes the next frame into the buffer the page sent back', () => {
    const pool = new FrameBuffers(10_000);
    const first = pool.take(1000);
    expect(first.reused).toBe(false);
    pool.giveBack(first.buffer);
    const second = pool.take(1000);
    expect(second.reused).toBe(true);
    expect(second.buffer).toBe(first.buffer);
  });

  it('hands a returned buffer out once only', () => {
    const pool = new FrameBuffers(10_000);
    const first = pool.take(1000);
    pool.giveBack(first.buffer);
    pool.take(1000);
    const third = pool.take(1000);
    expect(third.reused).toBe(false);
    expect(third.buffer).not.toBe(first.buffer);
  });

  it('leaves room for a window that grows a little, never beyond the whole image', () => {
    const pool = new FrameBuffers(10_000);
    const first = pool.take(1000);
    expect(first.buffer.byteLength).toBe(1250);
    pool.giveBack(first.buffer);
    expect(pool.take(1200).reused).toBe(true);
    expect(pool.take(9_000).buffer.byteLength).toBe(10_000);
  });

  it('does not reuse a buffer too small for the frame, and keeps the larger of two', () => {
    const pool = new FrameBuffers(100_000);
    const small = pool.take(100);
    const large = pool.take(5000);
    pool.giveBack(large.buffer);
    pool.giveBack(small.buffer);
    const next = pool.take(4000);
    expect(next.reused).toBe(true);
    expect(next.buffer).toBe(large.buffer);
    pool.giveBack(small.buffer);
    expect(pool.take(4000).reused).toBe(false);
  });
});
