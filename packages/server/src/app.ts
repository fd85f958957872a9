// The HTTP application: plugins, the error handler, every route, and the web app. It does not
// listen; `startServer` (server.ts) and the tests do.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Services } from './services.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { clientRoutes } from './clients/client.routes.js';
import { healthRoutes } from './health/health.routes.js';
import authPlugin from './http/auth.plugin.js';
import { registerErrorHandler, sendError, toErrorAnswer } from './http/error-handler.js';
import { requestLocale } from './http/request-locale.js';
import { logDestination, loggerOptions } from './http/logging.js';
import { OneLinePerRequest } from './http/request-log.js';
import { registerOpenApi } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerWebApp } from './http/web-app.js';
import { refuseUnstorableText } from './http/text-guard.js';
import { responseSerializerCompiler } from './http/response-serializer.js';
import { validatorCompiler } from './http/zod-validation.js';
import { staffRoutes } from './staff/staff.routes.js';
import { aftercareRoutes } from './aftercare/aftercare.routes.js';
import { appointmentRoutes } from './appointments/appointment.routes.js';
import { attendanceRoutes } from './appointments/attendance.routes.js';
import { calendarFeedRoutes } from './appointments/calendar-feed.routes.js';
import { workingHoursRoutes } from './appointments/working-hours.routes.js';
import { consentRoutes } from './consents/consent.routes.js';
import { consultationRoutes } from './consultations/consultation.routes.js';
import { previewRoutes } from './previews/preview.routes.js';
import { inventoryRoutes } from './inventory/inventory.routes.js';
import { outboxRoutes } from './outbox/outbox.routes.js';
import { photoRoutes } from './photos/photo.routes.js';
import { alignmentRoutes } from './alignment/alignment.routes.js';
import { spoolDir } from './photos/upload-spool.js';
import { sessionRoutes } from './sessions/session.routes.js';
import { outcomeRoutes } from './outcomes/outcome.routes.js';
import { galleryRoutes } from './gallery/gallery.routes.js';
import { setupRoutes } from './setup/setup.routes.js';
import { bookingRoutes } from './booking/booking.routes.js';
import { publicRoutes } from './booking/public.routes.js';
import { portalAuthRoutes } from './portal/portal-auth.routes.js';
import { portalRoutes } from './portal/portal.routes.js';
import { portalCareRoutes } from './portal/portal-care.routes.js';
import { kioskRoutes } from './kiosk/kiosk.routes.js';
import { intakeRoutes } from './intake/intake.routes.js';
import { studioRoutes } from './studio/studio.routes.js';
import { SERVER_VERSION } from './version.js';
import { Metrics } from './observability/metrics.js';
import { metricsRoutes } from './observability/metrics.routes.js';
import { requestIdFrom, withRequestId } from './observability/request-context.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppDeps {
  config: Config;
  db: Database;
  jobs: JobQueue;
  services: Services;
  /** The server's registry; tests that build the app alone get a fresh one. */
  metrics?: Metrics;
  logger?: FastifyBaseLogger;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, jobs, services } = deps;
  const metrics = deps.metrics ?? new Metrics();
  const app = Fastify({
    loggerInstance: deps.logger ?? pino(loggerOptions(config.logLevel), logDestination()),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestTimeout: 60_000,
    logController: new OneLinePerRequest(),
    // Unique across instances, so a log pipeline can join one request's lines from every process.
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Malformed paths are refused by the router before any route runs; answer them as ApiError too.
    frameworkErrors: (err, request, reply) => {
      void sendError(reply, toErrorAnswer(err, { locale: requestLocale(request) }));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.addHook('onRequest', (request, reply, next) => {
    void reply.header('x-request-id', request.id);
    next();
  });
  // The handler and everything it starts (services, the jobs it queues) run under the request id.
  app.addHook('preHandler', (request, _reply, next) => withRequestId(request.id, next));
  app.addHook('onResponse', (request, reply, next) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    next();
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ checkResponses: config.checkResponses }));
  registerErrorHandler(app);
  app.addHook('preValidation', refuseUnstorableText);

  // The API speaks JSON only: other body types get 415. An empty JSON body counts as no body
  // (clients often send the header on bodiless POSTs such as /archive).
  app.removeAllContentTypeParsers();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
    (req, body, done) => {
      if (typeof body === 'string' && body.trim() === '') done(null, undefined);
      else void parseJson(req, body as string, done);
    },
  );

  registerSecurityHeaders(app, { https: Boolean(config.publicUrl?.startsWith('https:')) });
  await app.register(cookie);
  await app.register(authPlugin, { auth: services.auth, portal: services.portalAuth, config });
  await registerOpenApi(app, { version: SERVER_VERSION });

  await app.register(healthRoutes, { db, jobs, blobs: services.blobs, version: SERVER_VERSION });
  await app.register(metricsRoutes, { metrics, db, jobs, token: config.metricsToken });
  await app.register(authRoutes, {
    auth: services.auth,
    passwords: services.passwords,
    staff: services.staff,
    config,
  });
  await app.register(staffRoutes, { staff: services.staff });
  await app.register(clientRoutes, { clients: services.clients });
  await app.register(auditRoutes, { audit: services.audit });
  await app.register(photoRoutes, {
    photos: services.photos,
    maxBytes: config.photoMaxBytes,
    spoolDir: spoolDir(config.dataDir),
  });
  await app.register(alignmentRoutes, { alignments: services.alignments });
  await app.register(inventoryRoutes, { inventory: services.inventory });
  await app.register(consentRoutes, { consents: services.consents });
  await app.register(appointmentRoutes, {
    appointments: services.appointments,
    courses: services.courses,
    remainingSessions: services.remainingSessions,
  });
  await app.register(attendanceRoutes, { attendance: services.attendance });
  await app.register(workingHoursRoutes, { workingHours: services.workingHours });
  await app.register(calendarFeedRoutes, { feeds: services.calendarFeeds });
  await app.register(sessionRoutes, { sessions: services.sessions, sessionPlans: services.sessionPlans });
  await app.register(outcomeRoutes, { outcomes: services.outcomes });
  await app.register(galleryRoutes, { gallery: services.gallery, bookings: services.bookings });
  await app.register(aftercareRoutes, { aftercare: services.aftercare });
  await app.register(outboxRoutes, { outbox: services.outbox });
  await app.register(consultationRoutes, {
    consultations: services.consultations,
    reports: services.consultationReports,
  });
  await app.register(previewRoutes, {
    previews: services.previews,
    analysis: services.photoAnalysis,
    scalpMaps: services.scalpMaps,
  });
  await app.register(setupRoutes, { setup: services.setup, config });
  await app.register(studioRoutes, {
    studio: services.studio,
    maxBytes: config.photoMaxBytes,
    spoolDir: spoolDir(config.dataDir),
  });
  await app.register(publicRoutes, {
    bookings: services.bookings,
    waitlist: services.waitlist,
    portal: services.portalAuth,
    studio: services.studio,
    maxBytes: config.photoMaxBytes,
    spoolDir: spoolDir(config.dataDir),
  });
  await app.register(bookingRoutes, { desk: services.bookingDesk });
  await app.register(portalAuthRoutes, { portal: services.portalAuth, config });
  await app.register(portalRoutes, {
    appointments: services.portalAppointments,
    intake: services.intake,
    consents: services.portalConsents,
  });
  await app.register(portalCareRoutes, { care: services.portalCare, exports: services.portalExport });
  await app.register(kioskRoutes, { kiosk: services.kiosk, config });
  await app.register(intakeRoutes, { intake: services.intake });
  await registerWebApp(app, config.webDist);
  return app;
}
