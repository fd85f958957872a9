// Routes that take an image as the request body itself (content-type image/jpeg, image/png or
// image/webp). Any body type reaches them, and only them (a scope of their own), so that HEIC, GIF
// or a mislabelled file get an answer from the photo intake that says what to send instead of a
// generic 415. Routes inside call `scope.withTypeProvider<ZodTypeProvider>()`.
import type { FastifyInstance } from 'fastify';

export function imageUploadScope(
  app: FastifyInstance,
  maxBytes: number,
  routes: (scope: FastifyInstance) => void,
): void {
  void app.register((scope, _opts, next) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, parsed) =>
      parsed(null, body),
    );
    routes(scope);
    next();
  });
}
