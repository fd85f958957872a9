// Serves the built web app and answers everything no route claims: GET page paths get the
// app's index.html (the React router takes it from there), /api paths and other methods get a
// 404 JSON. Without a build, `/` explains how to make one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { answerOf, sendError } from './error-handler.js';
import { requestLocale } from './request-locale.js';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stipple</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Stipple is running, but its web app is not built</h1>
<p>Run <code>npm run build</code> in the project folder (or start with <code>npm start</code>, which builds what is
missing), then reload this page. The API answers at <a href="/docs">/docs</a>.</p>
</body></html>
`;

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
/** Paths with a file extension are files: a missing one is a 404, never the app's HTML. */
const looksLikeFile = (path: string) => /\.[a-z0-9]+$/i.test(path.split('/').pop() ?? '');

export async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const built = existsSync(join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      setHeaders(reply, path) {
        // Vite puts content hashes in asset names, so they may be cached for good; index.html may not.
        const immutable = path.startsWith(join(webDist, 'assets'));
        void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(path) && !looksLikeFile(path);
    if (isPage && built)
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    if (isPage) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return sendError(
      reply,
      answerOf({ statusCode: 404, error: 'not_found', code: 'pageNotFound' }, requestLocale(request)),
    );
  });
}
