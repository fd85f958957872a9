// Routes that take an image as the request body itself (content-type image/jpeg, image/png or
// image/webp). Any body type reaches them, and only them (a scope of their own), so that HEIC, GIF
// or a mislabelled file get an answer from the photo intake that says what to send instead of a
// generic 415. The body is spooled to a private file as it arrives (never held whole in memory),
// and the file goes when the answer has been sent. Routes inside call
// `scope.withTypeProvider<ZodTypeProvider>()` and read the body with `isSpooledUpload`.
import { rm } from 'node:fs/promises';
import { errorCodes, type FastifyInstance } from 'fastify';
import { isSpooledUpload, spoolUpload } from '../photos/upload-spool.js';

export function imageUploadScope(
  app: FastifyInstance,
  { maxBytes, spoolDir }: { maxBytes: number; spoolDir: string },
  routes: (scope: FastifyInstance) => void,
): void {
  void app.register((scope, _opts, next) => {
    scope.addContentTypeParser('*', (request, payload, parsed) => {
      const declared = Number(request.headers['content-length']);
      if (declared > maxBytes) {
        parsed(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
        return;
      }
      spoolUpload(payload, spoolDir, maxBytes).then(
        (spooled) => parsed(null, spooled),
        (err: Error) => parsed(err, undefined),
      );
    });
    scope.addHook('onResponse', async (request) => {
      if (isSpooledUpload(request.body)) await rm(request.body.path, { force: true });
    });
    routes(scope);
    next();
  });
}
