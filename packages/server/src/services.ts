// Wires the services together; routes and jobs receive them from here.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { AftercareService } from './aftercare/aftercare.service.js';
import { AppointmentService } from './appointments/appointment.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import type { BlobStore } from './blobs/blob-store.js';
import { ClientService } from './clients/client.service.js';
import { ConsentService } from './consents/consent.service.js';
import { ConsultationReportService } from './consultations/consultation-report.service.js';
import { ConsultationService } from './consultations/consultation.service.js';
import { DemoService } from './demo/demo.service.js';
import { InventoryService } from './inventory/inventory.service.js';
import type { JobQueue } from './jobs/job-queue.js';
import { OutboxService } from './outbox/outbox.service.js';
import { PhotoService } from './photos/photo.service.js';
import { spoolDir } from './photos/upload-spool.js';
import { PhotoAnalysisService } from './previews/photo-analysis.service.js';
import { PreviewService } from './previews/preview.service.js';
import { SessionService } from './sessions/session.service.js';
import { StaffService } from './staff/staff.service.js';

export interface Services {
  auth: AuthService;
  staff: StaffService;
  clients: ClientService;
  audit: AuditService;
  demo: DemoService;
  blobs: BlobStore;
  photos: PhotoService;
  inventory: InventoryService;
  consents: ConsentService;
  appointments: AppointmentService;
  sessions: SessionService;
  aftercare: AftercareService;
  outbox: OutboxService;
  consultations: ConsultationService;
  consultationReports: ConsultationReportService;
  previews: PreviewService;
  photoAnalysis: PhotoAnalysisService;
  /** The job queue starts after the services exist; services that queue jobs read it from here. */
  jobsRef: { current: JobQueue | undefined };
}

export function createServices(deps: {
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
  /** The configured blob store (the server wraps it to count for /metrics). */
  blobs: BlobStore;
}): Services {
  const { db, config, log } = deps;
  const auth = new AuthService({ db, config, log: log.child({ component: 'auth' }) });
  const { blobs } = deps;
  const jobsRef: Services['jobsRef'] = { current: undefined };
  const photoAnalysis = new PhotoAnalysisService({
    db,
    blobs,
    jobs: () => jobsRef.current,
    log: log.child({ component: 'analysis' }),
  });
  return {
    auth,
    staff: new StaffService({ db, config, auth }),
    clients: new ClientService({ db }),
    audit: new AuditService({ db }),
    demo: new DemoService({ db, config }),
    blobs,
    photos: new PhotoService({
      db,
      blobs,
      jobs: () => jobsRef.current,
      maxPixels: config.photoMaxPixels,
      spoolDir: spoolDir(config.dataDir),
      log: log.child({ component: 'photos' }),
    }),
    inventory: new InventoryService({ db }),
    consents: new ConsentService({ db, blobs }),
    appointments: new AppointmentService({ db, config }),
    sessions: new SessionService({
      db,
      testSaveDelayMs: config.testSessionSaveDelayMs,
      log: log.child({ component: 'sessions' }),
    }),
    aftercare: new AftercareService({ db }),
    outbox: new OutboxService({ db, smtpConfigured: Boolean(config.smtpUrl) }),
    consultations: new ConsultationService({ db }),
    consultationReports: new ConsultationReportService({ db, blobs }),
    previews: new PreviewService({
      db,
      blobs,
      jobs: () => jobsRef.current,
      analysis: () => photoAnalysis,
      log: log.child({ component: 'previews' }),
    }),
    photoAnalysis,
    jobsRef,
  };
}
