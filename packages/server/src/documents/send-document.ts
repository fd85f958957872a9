// Sends a generated document (PDF, .ics) as a download: private to the signed-in user, never cached.
import type { FastifyReply } from 'fastify';

export function sendDocument(
  reply: FastifyReply,
  body: Buffer | string,
  file: { type: string; filename: string },
): FastifyReply {
  void reply.headers({
    'cache-control': 'private, no-store',
    'content-disposition': `attachment; filename="${file.filename}"`,
  });
  return reply.type(file.type).send(body);
}
