// Named fixtures for the treatment-record tests: working hours, a course, and the instants of
// future working days (studio time, Europe/London by default).
import type { CreateConsultationInput, InventoryProduct } from '@stipple/core';
import { addDays, localTime, studioInstant } from '../appointments/studio-time.js';
import type { ApiClient } from './test-server.js';

const TZ = 'Europe/London';

/**
 * The `n`-th Monday-to-Saturday day after today (before it, for a negative `n`), at hh:mm London
 * time, as an ISO instant.
 */
export function workdayAt(n: number, hhmm: string, from = new Date()): string {
  let date = localTime(from, TZ).date;
  let left = Math.abs(n);
  while (left > 0) {
    date = addDays(date, Math.sign(n));
    if (new Date(`${date}T12:00:00Z`).getUTCDay() !== 0) left -= 1;
  }
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return studioInstant(date, h * 60 + m, TZ).toISOString();
}

/** The same wall-clock time `days` calendar days later (skipping to Monday if it is a Sunday). */
export function daysLater(iso: string, days: number): string {
  const local = localTime(new Date(iso), TZ);
  let date = addDays(local.date, days);
  if (new Date(`${date}T12:00:00Z`).getUTCDay() === 0) date = addDays(date, 1);
  return studioInstant(date, local.minute, TZ).toISOString();
}

export const WEEKDAY_HOURS = {
  weekly: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: 9 * 60, end: 19 * 60 })),
  exceptions: [],
};

/** A man of 44 with an FUT strip scar, flat and a year and a half old, screened. */
export const futAssessment = (date = '2026-11-02'): CreateConsultationInput['assessment'] => ({
  consultationDate: date,
  ageYears: 44,
  fitzpatrick: 'III',
  hairLoss: { scale: 'norwood', stage: 'III-vertex' },
  hairColour: 'dark-brown',
  goal: ['scar-camouflage', 'density'],
  scars: [
    {
      id: 'strip',
      cause: 'fut',
      texture: 'flat',
      colour: 'hypo',
      lengthMm: 180,
      widthMm: 3,
      ageMonths: 18,
      location: { region: 'occipital', point: { x: 0.5, y: 0.84 } },
    },
  ],
  screening: { keloidHistory: false, anticoagulants: false, pregnant: false, chemotherapyMonthsAgo: null },
});

/**
 * A pigment lot of the signed-in user's studio that has not expired, made if there is none: a
 * session is completed with one (a lot recall finds clients by it). `user` may add inventory.
 */
export async function pigmentLotOf(user: ApiClient): Promise<string> {
  const items = (await user.get<{ items: InventoryProduct[] }>('/api/inventory')).body.items;
  const current = items
    .filter((p) => p.kind === 'pigment')
    .flatMap((p) => p.lots)
    .find((l) => !l.expired);
  if (current) return current.id;
  const product = await user.post<InventoryProduct>('/api/inventory/products', {
    kind: 'pigment',
    name: 'Carbon',
    manufacturer: 'Maker',
  });
  if (product.status !== 201) throw new Error(`pigment product: ${JSON.stringify(product.body)}`);
  const lot = await user.post<{ id: string }>(`/api/inventory/products/${product.body.id}/lots`, {
    lotNumber: 'CB-TEST',
    expiresOn: '2030-01-01',
  });
  if (lot.status !== 201) throw new Error(`pigment lot: ${JSON.stringify(lot.body)}`);
  return lot.body.id;
}
