// The artists' working hours: a week of slots and the days that differ. Anyone reads them (the
// calendar greys what is outside); each person sets their own, the owner anyone's.
import type { WorkingHours } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/database.js';
import { AppError, bodyField, forbidden, notFound } from '../http/app-error.js';
import { staffRepository } from '../staff/staff.repository.js';
import { workingHoursRepository } from './working-hours.repository.js';

export class WorkingHoursService {
  constructor(private readonly deps: { db: Database }) {}

  async get(actor: Actor, staffId: string): Promise<WorkingHours> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('staffMember');
      const { weekly, exceptions } = await workingHoursRepository.of(tx, staffId);
      return {
        weekly: weekly.map((w) => ({ weekday: w.weekday, start: w.startMinute, end: w.endMinute })),
        exceptions: exceptions.map((e) => ({
          date: e.day,
          start: e.startMinute,
          end: e.endMinute,
          reason: e.reason,
        })),
      };
    });
  }

  async set(actor: Actor, staffId: string, hours: WorkingHours): Promise<WorkingHours> {
    if (actor.role !== 'owner' && actor.userId !== staffId) throw forbidden('ownerOnlyOthersHours');
    const days = new Set<string>();
    hours.exceptions.forEach((e, i) => {
      if (days.has(e.date))
        throw new AppError(400, 'validation_failed', 'exceptionTwice', {}, [
          bodyField(`exceptions.${i}.date`, 'appearsTwice'),
        ]);
      days.add(e.date);
    });
    await this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('staffMember');
      await workingHoursRepository.replace(tx, actor.studioId, staffId, hours.weekly, hours.exceptions);
      await audit(tx, actor, 'working_hours.update', 'staff_user', staffId, {
        slots: hours.weekly.length,
        exceptions: hours.exceptions.length,
      });
    });
    return this.get(actor, staffId);
  }
}
