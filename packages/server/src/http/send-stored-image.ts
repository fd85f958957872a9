// Serving a client's image from the blob store: health data, so no browser or proxy keeps a copy
// (every API answer is no-store); a page that holds the image in memory may ask with its ETag and
// get 304 without the store being read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStream } from '../blobs/blob-store.js';

export interface StoredImage {
  /** Opens the bytes (after the ETag check, so a 304 reads nothing from the store). */
  open(): Promise<BlobStream>;
  contentType: string;
  etag: string;
}

export async function sendStoredImage(
  request: FastifyRequest,
  reply: FastifyReply,
  image: StoredImage,
): Promise<FastifyReply> {
  void reply.headers({
    'cache-control': 'no-store',
    vary: 'Cookie',
    etag: image.etag,
    'content-disposition': 'inline',
  });
  if (request.headers['if-none-match'] === image.etag) return reply.status(304).send();
  const { stream, bytes } = await image.open();
  return reply.type(image.contentType).header('content-length', bytes).send(stream);
}
