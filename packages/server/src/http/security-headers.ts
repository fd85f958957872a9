// Security headers (helmet) with a Content-Security-Policy the built React app runs under:
// scripts only from this server, inline styles allowed (the component library injects them),
// images from data:/blob: (photos and previews), workers from blob: (the preview worker).
// Every API answer is `Cache-Control: no-store`: client records, photos, documents and calendar
// feeds are health data, and no browser, proxy or shared iPad may keep a copy on disk. This
// overrides whatever a route set.
// helmet's middleware is built once here: the Fastify plugin built it again on every request
// (directives parsed, headers worked out), about 1.5 % of the server's CPU on reads.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        // Over plain http on a studio LAN (iPads at http://192.168.x.y:3000) an upgrade would break every request.
        'upgrade-insecure-requests': options.https ? [] : null,
      },
    },
    hsts: options.https ? { maxAge: 15_552_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  // Set on the raw response, as the plugin did: Node sends them with whatever the reply adds.
  app.addHook('onRequest', (request, reply, next) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => next(err as Error | undefined));
  });
  app.addHook('onSend', (request, reply, payload, next) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    next(null, payload);
  });
}
