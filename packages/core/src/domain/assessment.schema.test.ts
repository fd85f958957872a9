import { describe, expect, it } from 'vitest';
import { Assessment, SCREENING_YES_NO, Screening, scarAgeMonths, scarId } from './assessment.schema.js';

const fieldsOf = (input: unknown) => {
  const r = Assessment.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => [...i.path, ...((i as { keys?: string[] }).keys ?? [])].join('.'));
};
const base = { consultationDate: '2026-03-02' };

describe('Assessment', () => {
  it('accepts a full assessment and normalises Fitzpatrick numerals and a single goal', () => {
    const a = Assessment.parse({
      ...base,
      ageYears: 41,
      fitzpatrick: 'IV',
      hairLoss: { scale: 'norwood', stage: 'III-vertex', type: 'androgenetic' },
      hairColour: 'dark-brown',
      ancestry: 'caucasian',
      goal: 'scar-camouflage',
      scars: [
        {
          cause: 'fut',
          lengthMm: 180,
          widthMm: 2,
          texture: 'flat',
          colour: 'hypo',
          ageMonths: 30,
          location: { region: 'occipital', point: { x: 0.5, y: 0.85 } },
        },
        {
          id: 'dots',
          cause: 'fue',
          lengthMm: 0.8,
          widthMm: 0.8,
          texture: 'flat',
          colour: 'hypo',
          count: 1500,
        },
      ],
      screening: { keloidHistory: false, chemotherapyMonthsAgo: null, laserRemovalDaysAgo: 400 },
    });
    expect(a.fitzpatrick).toBe(4);
    expect(a.goal).toEqual(['scar-camouflage']);
    expect(Assessment.parse({ ...base, goal: ['density', 'hairline', 'density'] }).goal).toEqual([
      'density',
      'hairline',
    ]);
    expect(Assessment.parse({ ...base, fitzpatrick: 6 }).fitzpatrick).toBe(6);
    expect(Assessment.parse(base)).toEqual(base);
  });
  it('checks the stage against its scale and names the field', () => {
    for (const stage of ['I', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII']) {
      expect(fieldsOf({ ...base, hairLoss: { scale: 'norwood', stage } })).toEqual([]);
    }
    for (const stage of ['I-1', 'I-4', 'II-2', 'III', 'advanced', 'frontal']) {
      expect(fieldsOf({ ...base, hairLoss: { scale: 'savin', stage } })).toEqual([]);
    }
    expect(fieldsOf({ ...base, hairLoss: { scale: 'ludwig', stage: 'III' } })).toEqual([]);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'ludwig', stage: 'IV' } })).toEqual(['hairLoss.stage']);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'norwood', stage: 'VIII' } })).toEqual(['hairLoss.stage']);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'savin', stage: 'II-3' } })).toEqual(['hairLoss.stage']);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'hamilton', stage: 'II' } })).toEqual(['hairLoss.scale']);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'none', stage: 'II' } })).toEqual(['hairLoss.stage']);
    expect(fieldsOf({ ...base, hairLoss: { scale: 'none' } })).toEqual([]);
  });
  it('names each bad field, including unknown ones and the literal values', () => {
    expect(
      fieldsOf({
        ...base,
        ageYears: -1,
        fitzpatrick: 7,
        goal: 'volume',
        shoeSize: 44,
        scars: [{ cause: 'bite', texture: 'lumpy', colour: 'red', lengthMm: 0 }],
        screening: { pregnant: 'maybe', smokes: true },
      }).sort(),
    ).toEqual(
      [
        'ageYears',
        'fitzpatrick',
        'goal',
        'shoeSize',
        'scars.0.cause',
        'scars.0.texture',
        'scars.0.colour',
        'scars.0.lengthMm',
        'screening.pregnant',
        'screening.smokes',
      ].sort(),
    );
    expect(fieldsOf({})).toEqual(['consultationDate']);
    expect(fieldsOf({ consultationDate: '2026-02-29' })).toEqual(['consultationDate']);
  });
  it('checks that dates, ages and elapsed times agree with the consultation', () => {
    expect(fieldsOf({ ...base, dateOfBirth: '1985-06-01', ageYears: 40 })).toEqual([]);
    expect(fieldsOf({ ...base, dateOfBirth: '1985-06-01', ageYears: 41 })).toEqual(['ageYears']);
    expect(fieldsOf({ ...base, dateOfBirth: '2027-01-01' })).toEqual(['dateOfBirth']);
    expect(
      fieldsOf({ ...base, screening: { monthsSinceHairTransplant: 3, hairTransplantDate: '2025-12-01' } }),
    ).toEqual(['screening.hairTransplantDate']);
    expect(fieldsOf({ ...base, screening: { laserRemovalDate: '2026-03-03' } })).toEqual([
      'screening.laserRemovalDate',
    ]);
    expect(fieldsOf({ ...base, screening: { chemotherapyEndDate: null } })).toEqual([]);
    expect(
      fieldsOf({ ...base, scars: [{ cause: 'trauma', texture: 'flat', ageMonths: 3, date: '2025-12-01' }] }),
    ).toEqual(['scars.0.date']);
    expect(fieldsOf({ ...base, scars: [{ cause: 'trauma', texture: 'flat', date: '2026-04-01' }] })).toEqual([
      'scars.0.date',
    ]);
  });
  it('names scars scar-1, scar-2… unless given an id, and refuses a repeated id', () => {
    expect(scarId({}, 0)).toBe('scar-1');
    expect(scarId({ id: 'strip' }, 3)).toBe('strip');
    expect(
      fieldsOf({
        ...base,
        scars: [
          { id: 'scar-2', cause: 'fue', texture: 'flat' },
          { cause: 'fue', texture: 'flat' },
        ],
      }),
    ).toEqual(['scars.1.id']);
  });
  it('works out a scar’s age from its date', () => {
    const scar = Assessment.parse({
      ...base,
      scars: [{ cause: 'surgery', texture: 'flat', date: '2025-04-15' }],
    }).scars![0]!;
    expect(scarAgeMonths(scar, base.consultationDate)).toBe(10);
    expect(scarAgeMonths({ ...scar, date: undefined }, base.consultationDate)).toBeUndefined();
  });
  it('checks scar locations on the top-view diagram', () => {
    const at = (location: unknown) =>
      fieldsOf({ ...base, scars: [{ cause: 'trauma', texture: 'flat', location }] });
    expect(at({ region: 'temporal-left' })).toEqual([]);
    expect(
      at({
        outline: [
          { x: 0.1, y: 0.1 },
          { x: 0.2, y: 0.1 },
          { x: 0.2, y: 0.3 },
        ],
      }),
    ).toEqual([]);
    expect(at({ point: { x: 1.2, y: 0.5 } })).toEqual(['scars.0.location.point.x']);
    expect(at({})).toEqual(['scars.0.location']);
    expect(at({ region: 'forehead' })).toEqual(['scars.0.location.region']);
  });
});

describe('SCREENING_YES_NO', () => {
  it('lists every yes/no question of the screening and nothing that takes a time or a date', () => {
    expect(SCREENING_YES_NO).toContain('keloidHistory');
    expect(SCREENING_YES_NO).toContain('anticoagulants');
    expect(SCREENING_YES_NO).not.toContain('chemotherapyMonthsAgo');
    expect(SCREENING_YES_NO).not.toContain('hairTransplantDate');
    for (const key of SCREENING_YES_NO) expect(Screening.parse({ [key]: true })).toEqual({ [key]: true });
    expect(SCREENING_YES_NO.length).toBe(25);
  });
});

describe('hair-loss stages as studios write them', () => {
  it('takes Norwood in arabic numerals as Fitzpatrick, and stores the Roman class', () => {
    const parse = (stage: string) =>
      Assessment.parse({ consultationDate: '2026-11-02', hairLoss: { scale: 'norwood', stage } }).hairLoss;
    expect(parse('3')).toMatchObject({ scale: 'norwood', stage: 'III' });
    expect(parse('3a')).toMatchObject({ stage: 'IIIa' });
    expect(parse('III')).toMatchObject({ stage: 'III' });
    expect(Assessment.parse({ consultationDate: '2026-11-02', fitzpatrick: 'III' }).fitzpatrick).toBe(3);
    expect(fieldsOf({ consultationDate: '2026-11-02', hairLoss: { scale: 'norwood', stage: '9' } })).toEqual([
      'hairLoss.stage',
    ]);
  });
});
