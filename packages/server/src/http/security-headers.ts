// Security headers (helmet) with a Content-Security-Policy the built React app runs under:
// scripts only from this server, inline styles allowed (the component library injects them),
// images from data:/blob: (photos and previews), workers from blob: (the preview worker).
// Every API answer is `Cache-Control: no-store`: client records, photos, documents and calendar
// feeds are health data, and no browser, proxy or shared iPad may keep a copy on disk. This
// overrides whatever a route set.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { https: boolean },
): Promise<void> {
  await app.register(helmet, {
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
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
