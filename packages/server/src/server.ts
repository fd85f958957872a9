// Starting and stopping the whole server: database (migrated, app role checked), demo data on a
// first start, the job queue, and the HTTP listener. `main.ts` adds signals; tests and the
// browser tests call this directly.
import { mkdirSync } from 'node:fs';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.js';
import type { LoginLimits } from './auth/login-throttle.js';
import type { Config } from './config.js';
import { createDb } from './db/create-db.js';
import { lockDataDir, type DataDirLock } from './db/data-dir-lock.js';
import type { Database } from './db/database.js';
import { assertMigrated } from './db/migration-status.js';
import { seedDemoPreview } from './demo/demo-preview.js';
import { demoAnnouncement, type DemoOutcome } from './demo/demo.service.js';
import { logDestination, loggerOptions } from './http/logging.js';
import { auditPruneJob } from './jobs/audit-prune.job.js';
import { sessionPruneJob } from './jobs/session-prune.job.js';
import { outboxDeliverJob, queueOutboxRun } from './jobs/outbox-deliver.job.js';
import { photoDerivativesJob } from './jobs/photo-derivatives.job.js';
import { photoAnalysisJob } from './previews/photo-analysis.job.js';
import { photoAlignmentJob } from './alignment/photo-alignment.job.js';
import { previewRenderJob } from './previews/preview-render.job.js';
import { bookingExpireJob } from './booking/booking-expire.job.js';
import { smtpMailer, type Mailer } from './outbox/mailer.js';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.js';
import { createJobQueue, type JobQueueTuning } from './jobs/create-job-queue.js';
import type { JobQueue } from './jobs/job-queue.js';
import { createServices, type Services } from './services.js';
import type { BlobStore } from './blobs/blob-store.js';
import { createBlobStore } from './blobs/create-blob-store.js';
import { InstrumentedBlobStore } from './blobs/instrumented-blob-store.js';
import { Metrics } from './observability/metrics.js';
import { clearSpoolDir, spoolDir } from './photos/upload-spool.js';

export interface StartOptions {
  /** Where the `[stipple] ...` lines go; stdout by default. */
  announce?: (line: string) => void;
  logger?: FastifyBaseLogger;
  /** An already open database (tests); otherwise the configuration decides. */
  db?: Database;
  jobTuning?: JobQueueTuning;
  loginLimits?: LoginLimits;
}

export interface RunningServer {
  app: FastifyInstance;
  /** http://host:port as bound (port 0 becomes the real port). */
  url: string;
  port: number;
  db: Database;
  jobs: JobQueue;
  services: Services;
  demo: DemoOutcome | null;
  /** Stops accepting, finishes in-flight requests, stops the job queue, closes the database. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const announce = options.announce ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = options.logger ?? pino(loggerOptions(config.logLevel), logDestination());
  mkdirSync(config.dataDir, { recursive: true });
  // The embedded database lives in the data folder: one server per folder.
  const dirLock: DataDirLock | null = !options.db && !config.databaseUrl ? lockDataDir(config.dataDir) : null;
  let db: Database | undefined;
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  let mailer: Mailer | null = null;
  let blobs: BlobStore | undefined;
  const metrics = new Metrics();
  try {
    db = options.db ?? (await createDb(config));
    await db.ping().catch((err: unknown) => {
      const where = config.databaseUrl
        ? 'the PostgreSQL server in DATABASE_URL'
        : `PGlite in ${config.dataDir}/pg`;
      throw new Error(`Cannot reach ${where}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    });
    if (config.skipMigrations) await assertMigrated(db);
    else await db.migrate();
    await db.checkAppRole();
    await db.warmUp();
    blobs = new InstrumentedBlobStore(await createBlobStore(config.blobStore), metrics);
    await blobs.ping().catch((err: unknown) => {
      throw new Error(
        `Cannot reach ${blobs!.describe()}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    });
    await clearSpoolDir(spoolDir(config.dataDir));
    const services = createServices({
      db,
      config,
      log,
      blobs,
      ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    });

    let demo: DemoOutcome | null = null;
    if (config.demoData) {
      demo = await db.withStartupLock(() => services.demo.ensureDemoStudio());
      for (const line of demoAnnouncement(demo)) announce(line);
    }
    const noStudioYet = !(await services.demo.anyStudio());

    if (config.testSessionSaveDelayMs > 0)
      log.warn(
        { ms: config.testSessionSaveDelayMs },
        'STIPPLE_TEST_SESSION_SAVE_DELAY_MS is set: a test hook, never for production',
      );
    jobs = createJobQueue(config, db, log, { observer: metrics.jobObserver, ...options.jobTuning });
    const queue = jobs;
    services.jobsRef.current = queue;
    mailer = config.smtpUrl ? smtpMailer(config.smtpUrl) : null;
    const dispatcher = new OutboxDispatcher({
      db,
      mailer,
      from: config.smtpFrom,
      retryBaseSeconds: config.outboxRetrySeconds,
      log: log.child({ component: 'outbox' }),
    });
    jobs.register(auditPruneJob({ audit: services.audit, retentionDays: config.auditRetentionDays, log }));
    jobs.register(sessionPruneJob({ auth: services.auth, log }));
    jobs.register(photoDerivativesJob(services.photos));
    jobs.register(previewRenderJob(services.previews));
    jobs.register(photoAnalysisJob(services.photoAnalysis));
    jobs.register(photoAlignmentJob(services.alignments));
    jobs.register(bookingExpireJob(services.bookings));
    jobs.register(
      outboxDeliverJob({ dispatcher, jobs: () => queue, intervalSeconds: config.outboxIntervalSeconds, log }),
    );
    // pg-boss creates its schema, queues (partitions) and schedules at start: two instances doing
    // that at once deadlock in PostgreSQL, so starts take turns under the startup lock.
    await db.withStartupLock(() => queue.start());
    await queueOutboxRun(jobs);
    const pendingPhotos = await services.photos.queuePendingDerivatives();
    if (pendingPhotos) log.info({ photos: pendingPhotos }, 'queued renditions left over from the last run');
    const pendingRenders = await services.previews.queueUnfinishedRenders();
    if (pendingRenders)
      log.info({ renders: pendingRenders }, 'queued preview renders left over from the last run');

    app = await buildApp({
      config,
      db,
      jobs,
      services,
      metrics,
      logger: log,
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    announce(`[stipple] Listening on ${url}`);
    // A fresh installation without demo data: the first visit of /setup creates the studio.
    if (noStudioYet)
      announce(`[stipple] No studio yet: open ${config.publicUrl ?? url}/setup to create yours`);
    // The demo preview renders in the background: the studio is usable while it does.
    const demoPreview =
      demo?.created === true
        ? seedDemoPreview(
            services,
            {
              studioId: demo.studioId,
              artistId: demo.artistId,
              clientId: demo.previewClientId,
              takenOn: new Date().toISOString().slice(0, 10),
            },
            log,
          ).catch((err: unknown) => log.error({ err }, 'could not make the demo preview'))
        : Promise.resolve();

    const runningApp = app;
    const runningJobs = jobs;
    const runningDb = db;
    const runningBlobs = blobs;
    let closing: Promise<void> | undefined;
    return {
      app: runningApp,
      url,
      port,
      db,
      jobs: runningJobs,
      services,
      demo,
      close: () =>
        (closing ??= (async () => {
          await demoPreview;
          await runningApp.close();
          await runningJobs.stop();
          await services.compute.close();
          mailer?.close();
          runningBlobs.close();
          await runningDb.close();
          dirLock?.release();
        })()),
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    mailer?.close();
    blobs?.close();
    await db?.close().catch(() => undefined);
    dirLock?.release();
    throw err;
  }
}
