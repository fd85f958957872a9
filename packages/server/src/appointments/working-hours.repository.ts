// SQL for the artists' weekly working hours and the days that differ.
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { workingHours, workingHoursException } from '../db/schema.js';

export const workingHoursRepository = {
  async of(tx: Tx, staffId: string) {
    const weekly = await tx
      .select()
      .from(workingHours)
      .where(eq(workingHours.staffId, staffId))
      .orderBy(asc(workingHours.weekday), asc(workingHours.startMinute));
    const exceptions = await tx
      .select()
      .from(workingHoursException)
      .where(eq(workingHoursException.staffId, staffId))
      .orderBy(asc(workingHoursException.day));
    return { weekly, exceptions };
  },

  async replace(
    tx: Tx,
    studioId: string,
    staffId: string,
    weekly: { weekday: number; start: number; end: number }[],
    exceptions: { date: string; start: number | null; end: number | null; reason: string }[],
  ): Promise<void> {
    await tx.delete(workingHours).where(eq(workingHours.staffId, staffId));
    await tx.delete(workingHoursException).where(eq(workingHoursException.staffId, staffId));
    if (weekly.length)
      await tx.insert(workingHours).values(
        weekly.map((w) => ({
          studioId,
          staffId,
          weekday: w.weekday,
          startMinute: w.start,
          endMinute: w.end,
        })),
      );
    if (exceptions.length)
      await tx.insert(workingHoursException).values(
        exceptions.map((e) => ({
          studioId,
          staffId,
          day: e.date,
          startMinute: e.start,
          endMinute: e.end,
          reason: e.reason,
        })),
      );
  },
};
