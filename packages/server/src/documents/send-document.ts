// Sends a generated document (PDF, .ics) as a download: private to the signed-in user, never cached.
import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply } from 'fastify';

/** A file name from a person's name and more: spaces as hyphens, nothing a file system refuses. */
export function documentFilename(parts: readonly string[], extension: string): string {
  const words = parts
    .map((p) =>
      p
        .normalize('NFC')
        .replace(/[\\/:*?"<>|\p{Cc}]/gu, '')
        .trim()
        .replace(/\s+/g, '-'),
    )
    .filter(Boolean);
  return `${words.join('-')}.${extension}`;
}

export function sendDocument(
  reply: FastifyReply,
  body: Buffer | string,
  file: { type: string; filename: string; fallback?: string },
): FastifyReply {
  void reply.headers({
    'cache-control': 'private, no-store',
    // A client's name in Chinese or with accents: filename* (RFC 8187) with an ASCII fallback.
    'content-disposition': contentDisposition(file.filename, { fallback: file.fallback ?? true }),
  });
  return reply.type(file.type).send(body);
}
