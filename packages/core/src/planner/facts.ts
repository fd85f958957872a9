import type { Assessment, AssessmentScar } from '../domain/assessment.schema.js';
import { SCREENING_EVENTS, scarAgeMonths, scarId } from '../domain/assessment.schema.js';
import { addDays, addMonths, ageOn, daysBetween, monthsBetween } from './calendar.js';
import type { Fact } from './condition.js';

/*
 * The facts rules read, taken from a parsed assessment. Left-out fields stay `undefined`
 * (not known); elapsed times given as dates are turned into the months/days fields rules use,
 * and an age comes from the date of birth when only that was given.
 */

export interface ScarFacts {
  id: string;
  index: number;
  facts: ReadonlyMap<string, Fact>;
  /** The injury or surgery date when the assessment gave one (otherwise only its age is known). */
  date: string | undefined;
}

export interface AssessmentFacts {
  consultationDate: string;
  global: ReadonlyMap<string, Fact>;
  scars: ScarFacts[];
  /** Exact event dates given in the assessment, by the elapsed-time fact they stand for. */
  eventDates: ReadonlyMap<string, string | null>;
}

/** Facts that hold an elapsed time, and its unit: rules may wait a duration after them. */
export const ELAPSED_FACTS: ReadonlyMap<string, 'months' | 'days'> = new Map([
  ...SCREENING_EVENTS.map((e) => [`screening.${e.elapsed}`, e.unit] as const),
  ['scar.ageMonths', 'months'],
]);

function scarFacts(scar: AssessmentScar, index: number, consultationDate: string): ScarFacts {
  const facts = new Map<string, Fact>([
    ['scar.cause', scar.cause],
    ['scar.texture', scar.texture],
    ['scar.colour', scar.colour],
    ['scar.lengthMm', scar.lengthMm],
    ['scar.widthMm', scar.widthMm],
    ['scar.ageMonths', scarAgeMonths(scar, consultationDate)],
    ['scar.count', scar.count],
    ['scar.surroundingHairDensityPerCm2', scar.surroundingHairDensityPerCm2],
    ['scar.location.region', scar.location?.region],
  ]);
  return { id: scarId(scar, index), index, facts, date: scar.date };
}

export function assessmentFacts(a: Assessment): AssessmentFacts {
  const global = new Map<string, Fact>();
  global.set(
    'ageYears',
    a.ageYears ?? (a.dateOfBirth ? ageOn(a.dateOfBirth, a.consultationDate) : undefined),
  );
  global.set('fitzpatrick', a.fitzpatrick);
  global.set('hairColour', a.hairColour);
  global.set('ancestry', a.ancestry);
  global.set('goal', a.goal);
  global.set(
    'scars',
    a.scars?.map((s, i) => scarId(s, i)),
  );
  if (a.hairLoss) {
    global.set('hairLoss.scale', a.hairLoss.scale);
    // With no hair loss there is no stage or type to ask about: they are known to be absent.
    global.set('hairLoss.stage', a.hairLoss.scale === 'none' ? null : a.hairLoss.stage);
    global.set('hairLoss.type', a.hairLoss.scale === 'none' ? null : a.hairLoss.type);
  }
  const screening = a.screening ?? {};
  for (const [key, value] of Object.entries(screening)) global.set(`screening.${key}`, value);
  const eventDates = new Map<string, string | null>();
  for (const { elapsed, date, unit } of SCREENING_EVENTS) {
    const when = screening[date];
    if (when === undefined) continue;
    eventDates.set(`screening.${elapsed}`, when);
    const value =
      when === null
        ? null
        : unit === 'months'
          ? monthsBetween(when, a.consultationDate)
          : daysBetween(when, a.consultationDate);
    global.set(`screening.${elapsed}`, value);
  }
  return {
    consultationDate: a.consultationDate,
    global,
    scars: (a.scars ?? []).map((s, i) => scarFacts(s, i, a.consultationDate)),
    eventDates,
  };
}

/** Looks a fact up for a rule: `scar.*` in the scar being planned, anything else in the assessment. */
export function factLookup(facts: AssessmentFacts, scar?: ScarFacts): (path: string) => Fact {
  return (path) => (path.startsWith('scar.') ? scar?.facts.get(path) : facts.global.get(path));
}

/**
 * The day a wait of `amount` `unit` after the event behind `after` ends. With an exact event
 * date the wait counts from it; with only an elapsed time, from the consultation minus that time.
 * Undefined when the event is not known or never happened.
 */
export function waitEnd(
  facts: AssessmentFacts,
  scar: ScarFacts | undefined,
  after: string,
  amount: number,
  unit: 'months' | 'days',
): string | undefined {
  const add = (date: string, n: number, u: 'months' | 'days') =>
    u === 'months' ? addMonths(date, n) : addDays(date, n);
  if (after === 'consultation') return add(facts.consultationDate, amount, unit);
  const exact = after === 'scar.ageMonths' ? scar?.date : facts.eventDates.get(after);
  if (exact) return add(exact, amount, unit);
  const elapsed = factLookup(facts, scar)(after);
  const elapsedUnit = ELAPSED_FACTS.get(after);
  if (typeof elapsed !== 'number' || !elapsedUnit) return undefined;
  if (elapsedUnit === unit) return add(facts.consultationDate, amount - elapsed, unit);
  return add(add(facts.consultationDate, -elapsed, elapsedUnit), amount, unit);
}
