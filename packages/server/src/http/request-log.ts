// One log line per request, written when the answer has gone out, with the method, the path
// (logging.ts keeps query strings and secrets out), the status and the time: Fastify's default is
// a second line when the request arrives, and at a few hundred requests a second those writes
// were a sixth of the server's CPU. Error lines stay as Fastify writes them.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      super.requestCompleted(error, request, reply);
      return;
    }
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
