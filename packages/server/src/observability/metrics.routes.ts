// GET /metrics for Prometheus. With STIPPLE_METRICS_TOKEN set it wants `Authorization: Bearer
// <token>` from anywhere; without it, only a direct loopback connection (no proxy header, so a
// reverse proxy on the same host cannot relay outsiders to it). The figures carry no client data,
// but they do tell an outsider how busy a studio is.
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { sameSecret } from '../auth/tokens.js';
import { forbidden, unauthenticated } from '../http/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Metrics } from './metrics.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function directLoopback(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-for'] ?? request.headers.forwarded;
  return !forwarded && LOOPBACK.test(request.socket.remoteAddress ?? '');
}

export const metricsRoutes: FastifyPluginCallback<{
  metrics: Metrics;
  db: Database;
  jobs: JobQueue;
  token: string | null;
}> = (app, { metrics, db, jobs, token }, done) => {
  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary:
          'Prometheus metrics: a bearer token (STIPPLE_METRICS_TOKEN) or, without one, direct loopback requests only',
      },
    },
    async (request, reply) => {
      if (token) {
        const [scheme, value] = (request.headers.authorization ?? '').split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !value || !sameSecret(value, token))
          throw unauthenticated('metricsToken');
      } else if (!directLoopback(request)) {
        throw forbidden('metricsLocalOnly');
      }
      const body = await metrics.render(db, jobs);
      return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(body);
    },
  );
  done();
};
