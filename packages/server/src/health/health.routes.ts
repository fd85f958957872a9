// Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database and the
// job queue and the blob store answer; 503 otherwise, so a load balancer stops sending traffic).
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';

const Readiness = z.object({
  ok: z.boolean(),
  version: z.string(),
  db: z.boolean(),
  jobs: z.boolean(),
  blobs: z.boolean(),
});
const CHECK_TIMEOUT_MS = 3000;

async function answers(check: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginCallbackZod<{
  db: Database;
  jobs: JobQueue;
  blobs: BlobStore;
  version: string;
}> = (app, { db, jobs, blobs, version }, done) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    () => ({ ok: true as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The database, the job queue and the blob store answer (503 when not)',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [dbOk, jobsOk, blobsOk] = await Promise.all([
        answers(() => db.ping()),
        answers(() => jobs.ping()),
        answers(() => blobs.ping()),
      ]);
      const ok = dbOk && jobsOk && blobsOk;
      return reply.status(ok ? 200 : 503).send({ ok, version, db: dbOk, jobs: jobsOk, blobs: blobsOk });
    },
  );
  done();
};
