import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common.schema.js';

/** What an audit entry records. Reads count: client records are health data. */
export const AUDIT_ACTIONS = [
  'client.create',
  'client.read',
  'client.list',
  'client.update',
  'client.archive',
  'client.restore',
  'staff.invite',
  'staff.join',
  'staff.update',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'audit.prune',
  'photo.upload',
  'photo.list',
  'photo.read',
  'photo.update',
  'gallery.list',
  'course.create',
  'appointment.create',
  'appointment.plan_override',
  'appointment.list',
  'appointment.read',
  'appointment.move',
  'appointment.cancel',
  'working_hours.update',
  'calendar_feed.create',
  'calendar_feed.revoke',
  'calendar_feed.read',
  'session.list',
  'session.read',
  'session.save',
  'session.complete',
  'session.plan_override',
  'inventory.product_create',
  'inventory.product_update',
  'inventory.lot_create',
  'inventory.lot_update',
  'inventory.recall',
  'consent_template.create',
  'consent.list',
  'consent.read',
  'consent.sign',
  'consent.withdraw',
  'aftercare_template.create',
  'aftercare.read',
  'outbox.list',
  'consultation.create',
  'consultation.list',
  'consultation.read',
  'consultation.update',
  'consultation.report',
  'plan.save',
  'plan.list',
  'plan.read',
  'zones.read',
  'zones.save',
  'render.list',
  'render.read',
  'analysis.start',
  'analysis.read',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  actor: z.object({ id: Id, name: z.string() }).nullable(),
  action: AuditAction,
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** Never client field values: ids, counts and which fields changed. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Id.optional(),
  action: AuditAction.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;
