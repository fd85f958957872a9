/**
 * The buffers the preview worker writes its frames into. A frame of the whole photo at 1600 px is
 * 7.7 MB, and allocating one per edit cost more (mostly in garbage collection) than rendering it,
 * so the page sends each frame's buffer back once it has copied the pixels out, and the next frame
 * is written into it.
 */
export class FrameBuffers {
  private spare: ArrayBuffer | null = null;

  /**
   * @param largest the most bytes a frame can need (the whole image): a new buffer is made a
   *   quarter larger than asked, up to this, so that a window that grows a little during a drag
   *   still fits the buffer that came back.
   */
  constructor(private readonly largest: number) {}

  /** A buffer of at least `bytes`, and whether it is one that came back. */
  take(bytes: number): { buffer: ArrayBuffer; reused: boolean } {
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.byteLength >= bytes) return { buffer: spare, reused: true };
    const size = Math.max(bytes, Math.min(this.largest, Math.ceil(bytes * 1.25)));
    return { buffer: new ArrayBuffer(size), reused: false };
  }

  /** A buffer back from the page; of two, the larger is kept (it fits more frames). */
  giveBack(buffer: ArrayBuffer): void {
    if (!this.spare || buffer.byteLength > this.spare.byteLength) this.spare = buffer;
  }
}
