// How data crosses to the compute thread: photos in shared memory, other buffers moved. A typed
// array on an ordinary buffer is serialized on every `postMessage`: a 12-megapixel photo (36 MB)
// held the event loop 0.2-0.5 s each time, and a render sent the photo and its healed stage to the
// thread five times. Decoded pixels from sharp cannot be moved instead (their memory belongs to
// the native side, so a transfer list silently copies them), and the callers keep the photo after
// the task anyway. One copy into a SharedArrayBuffer costs a plain memory copy, and then the photo
// crosses at no cost, as often as needed, with both threads reading the same pixels. Nothing
// writes to a shared photo after it is made: the tasks read their inputs and return new images.

/** Pixels with their data in shared memory. */
export type Shared<T extends { data: Uint8Array | Uint8ClampedArray }> = Omit<T, 'data'> & {
  data: Uint8Array;
};

/** A copy of the bytes in shared memory. */
export function sharedCopy(data: Uint8Array | Uint8ClampedArray): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}

/** The image with its pixels in shared memory: the same image when they already are. */
export function inSharedMemory<T extends { data: Uint8Array | Uint8ClampedArray }>(image: T): Shared<T> {
  if (image.data instanceof Uint8Array && image.data.buffer instanceof SharedArrayBuffer)
    return image as unknown as Shared<T>;
  return { ...image, data: sharedCopy(image.data) };
}

/**
 * The buffer of a view that spans the whole of it, which a `postMessage` can move to the other
 * thread instead of copying; null for shared memory (it crosses anyway) and for a part of a larger
 * buffer (a Buffer cut from Node's pool: moving it would empty its neighbours).
 */
export function movableBuffer(view: ArrayBufferView): ArrayBuffer | null {
  return view.buffer instanceof ArrayBuffer &&
    view.byteOffset === 0 &&
    view.byteLength === view.buffer.byteLength
    ? view.buffer
    : null;
}
