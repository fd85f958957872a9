// Wires the services together; routes and jobs receive them from here.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { AftercareService } from './aftercare/aftercare.service.js';
import { AppointmentService } from './appointments/appointment.service.js';
import { RemainingSessionsService } from './appointments/remaining-sessions.service.js';
import { AttendanceService } from './appointments/attendance.service.js';
import { CalendarFeedService } from './appointments/calendar-feed.service.js';
import { CourseService } from './appointments/course.service.js';
import { WorkingHoursService } from './appointments/working-hours.service.js';
import { AuditService } from './audit/audit.service.js';
import { AuthService } from './auth/auth.service.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle, type LoginLimits } from './auth/login-throttle.js';
import { PasswordService } from './auth/password.service.js';
import type { BlobStore } from './blobs/blob-store.js';
import { ClientService } from './clients/client.service.js';
import { ConsentService } from './consents/consent.service.js';
import { ConsultationReportService } from './consultations/consultation-report.service.js';
import { ConsultationService } from './consultations/consultation.service.js';
import { DemoService } from './demo/demo.service.js';
import { InventoryService } from './inventory/inventory.service.js';
import type { JobQueue } from './jobs/job-queue.js';
import { OutboxService } from './outbox/outbox.service.js';
import { AlignmentService } from './alignment/alignment.service.js';
import { ComputeThread } from './compute/compute-thread.js';
import { PhotoService } from './photos/photo.service.js';
import { OutcomeService } from './outcomes/outcome.service.js';
import { GalleryService } from './gallery/gallery.service.js';
import { spoolDir } from './photos/upload-spool.js';
import { PhotoAnalysisService } from './previews/photo-analysis.service.js';
import { PreviewService } from './previews/preview.service.js';
import { SessionPlanService } from './sessions/session-plan.service.js';
import { ScalpMapService } from './previews/scalp-map.service.js';
import { SessionService } from './sessions/session.service.js';
import { StaffService } from './staff/staff.service.js';
import { SetupService } from './setup/setup.service.js';
import { BookingDeskService } from './booking/booking-desk.service.js';
import { BookingService } from './booking/booking.service.js';
import { BookingSteps } from './booking/booking-steps.js';
import { WaitlistService } from './booking/waitlist.service.js';
import { PortalAuthService } from './portal/portal-auth.service.js';
import { PortalAppointmentsService } from './portal/portal-appointments.service.js';
import { PortalConsentsService } from './portal/portal-consents.service.js';
import { PortalCareService } from './portal/portal-care.service.js';
import { PortalExportService } from './portal/portal-export.service.js';
import { KioskService } from './kiosk/kiosk.service.js';
import { IntakeService } from './intake/intake.service.js';
import { bookingRepository } from './booking/booking.repository.js';
import { studioRepository } from './studio/studio.repository.js';
import { StudioService } from './studio/studio.service.js';

export interface Services {
  auth: AuthService;
  passwords: PasswordService;
  staff: StaffService;
  clients: ClientService;
  audit: AuditService;
  demo: DemoService;
  blobs: BlobStore;
  photos: PhotoService;
  inventory: InventoryService;
  consents: ConsentService;
  appointments: AppointmentService;
  remainingSessions: RemainingSessionsService;
  attendance: AttendanceService;
  workingHours: WorkingHoursService;
  courses: CourseService;
  calendarFeeds: CalendarFeedService;
  sessions: SessionService;
  sessionPlans: SessionPlanService;
  aftercare: AftercareService;
  outbox: OutboxService;
  consultations: ConsultationService;
  consultationReports: ConsultationReportService;
  previews: PreviewService;
  photoAnalysis: PhotoAnalysisService;
  alignments: AlignmentService;
  scalpMaps: ScalpMapService;
  studio: StudioService;
  setup: SetupService;
  portalAuth: PortalAuthService;
  bookings: BookingService;
  bookingDesk: BookingDeskService;
  waitlist: WaitlistService;
  intake: IntakeService;
  portalAppointments: PortalAppointmentsService;
  portalConsents: PortalConsentsService;
  portalCare: PortalCareService;
  portalExport: PortalExportService;
  kiosk: KioskService;
  outcomes: OutcomeService;
  gallery: GalleryService;
  /** The job queue starts after the services exist; services that queue jobs read it from here. */
  jobsRef: { current: JobQueue | undefined };
  /** The thread the jobs' heavy computing runs in (closed with the server). */
  compute: ComputeThread;
}

export function createServices(deps: {
  db: Database;
  config: Config;
  log: FastifyBaseLogger;
  /** The configured blob store (the server wraps it to count for /metrics). */
  blobs: BlobStore;
  loginLimits?: LoginLimits;
}): Services {
  const { db, config, log, blobs } = deps;
  const throttle = new LoginThrottle({ db, limits: deps.loginLimits ?? DEFAULT_LOGIN_LIMITS });
  const auth = new AuthService({ db, config, throttle, log: log.child({ component: 'auth' }) });
  const jobsRef: Services['jobsRef'] = { current: undefined };
  const compute = new ComputeThread();
  const photoAnalysis = new PhotoAnalysisService({
    db,
    blobs,
    jobs: () => jobsRef.current,
    compute,
    log: log.child({ component: 'analysis' }),
  });
  const photos = new PhotoService({
    db,
    blobs,
    jobs: () => jobsRef.current,
    maxPixels: config.photoMaxPixels,
    spoolDir: spoolDir(config.dataDir),
    log: log.child({ component: 'photos' }),
  });
  const alignments = new AlignmentService({
    db,
    blobs,
    jobs: () => jobsRef.current,
    compute,
    log: log.child({ component: 'alignment' }),
  });
  // A follow-up of a view with an earlier photo is aligned as soon as it is stored.
  photos.onUploaded((actor, photo) => alignments.startIfFollowUp(actor, photo.id));
  const appointments = new AppointmentService({ db, config });
  const portalAuth = new PortalAuthService({ db, config, log: log.child({ component: 'portal' }) });
  const steps = new BookingSteps({ config, portal: portalAuth });
  const bookings = new BookingService({
    db,
    config,
    photos,
    portal: portalAuth,
    steps,
    jobs: () => jobsRef.current,
  });
  const intake = new IntakeService({ db });
  steps.useIntakeCheck((tx, clientId, appointmentId) => intake.needsIntake(tx, clientId, appointmentId));
  const consents = new ConsentService({ db, blobs });
  // A cancelled consultation frees its time: an online booking of it ends, and the waitlist hears.
  appointments.onFreed(async (tx, appointment) => {
    const booking = await bookingRepository.findByAppointment(tx, appointment.id);
    if (booking && (booking.status === 'requested' || booking.status === 'confirmed'))
      await bookingRepository.update(tx, booking.id, { status: 'cancelled' });
    const studio = (await studioRepository.findById(tx, appointment.studioId))!;
    await steps.offerToWaitlist(tx, appointment, studio);
  });
  return {
    auth,
    passwords: new PasswordService({ db, config, throttle }),
    staff: new StaffService({ db, config, auth }),
    clients: new ClientService({ db }),
    audit: new AuditService({ db }),
    demo: new DemoService({ db, config }),
    blobs,
    photos,
    inventory: new InventoryService({ db }),
    consents,
    appointments,
    remainingSessions: new RemainingSessionsService({ db, appointments }),
    attendance: new AttendanceService({ db }),
    workingHours: new WorkingHoursService({ db }),
    courses: new CourseService({ db }),
    calendarFeeds: new CalendarFeedService({ db, config }),
    sessions: new SessionService({
      db,
      testSaveDelayMs: config.testSessionSaveDelayMs,
      log: log.child({ component: 'sessions' }),
    }),
    sessionPlans: new SessionPlanService({ db }),
    aftercare: new AftercareService({ db, blobs }),
    outbox: new OutboxService({ db, smtpConfigured: Boolean(config.smtpUrl) }),
    consultations: new ConsultationService({ db }),
    consultationReports: new ConsultationReportService({ db, blobs }),
    previews: new PreviewService({
      db,
      blobs,
      jobs: () => jobsRef.current,
      analysis: () => photoAnalysis,
      compute,
      log: log.child({ component: 'previews' }),
    }),
    photoAnalysis,
    alignments,
    compute,
    scalpMaps: new ScalpMapService({ db, blobs }),
    studio: new StudioService({
      db,
      blobs,
      maxPixels: config.photoMaxPixels,
      spoolDir: spoolDir(config.dataDir),
    }),
    setup: new SetupService({ db, config, auth }),
    portalAuth,
    bookings,
    bookingDesk: new BookingDeskService({ db, steps, bookings }),
    waitlist: new WaitlistService({ db, portal: portalAuth, bookings }),
    intake,
    portalAppointments: new PortalAppointmentsService({ db, config, steps }),
    portalConsents: new PortalConsentsService({ db, consents }),
    portalCare: new PortalCareService({ db, blobs }),
    portalExport: new PortalExportService({ db }),
    kiosk: new KioskService({ db, consents }),
    outcomes: new OutcomeService({ db, blobs, analysis: () => photoAnalysis }),
    gallery: new GalleryService({ db, blobs }),
    jobsRef,
  };
}
