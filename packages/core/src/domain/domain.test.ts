import { describe, expect, it } from 'vitest';
import {
  CreateClientRequest,
  IsoDate,
  UpdateClientRequest,
  clientRequestsAsOf,
  foldForSearch,
  phoneDigits,
} from './index.js';

describe('foldForSearch', () => {
  it('folds accents, case and spacing the same way for stored names and queries', () => {
    expect(foldForSearch('  José   NÚÑEZ ')).toBe('jose nunez');
    expect(foldForSearch('Łukasz Żółć')).toBe('lukasz zolc');
    expect(foldForSearch('Straße Ørsted')).toBe('strasse orsted');
    expect(foldForSearch('王芳')).toBe('王芳');
  });
  it('keeps only digits of phone numbers', () => {
    expect(phoneDigits('+44 (20) 7946-0000')).toBe('442079460000');
  });
});

describe('IsoDate', () => {
  it('accepts real dates and refuses impossible or badly written ones', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2026-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2026-13-01').success).toBe(false);
    expect(IsoDate.safeParse('1/2/2026').success).toBe(false);
  });
});

describe('client requests', () => {
  it('fill defaults and normalise email', () => {
    const c = CreateClientRequest.parse({ familyName: ' Núñez ', email: 'Jose@Example.COM' });
    expect(c).toMatchObject({ familyName: 'Núñez', givenName: '', email: 'jose@example.com', phone: null });
  });
  it('name every bad field, including unknown ones', () => {
    const r = CreateClientRequest.safeParse({ familyName: '', phone: 'call me', shoeSize: 44 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) =>
      i.path.length ? i.path.join('.') : (i as { keys?: string[] }).keys?.join(','),
    );
    expect(paths).toEqual(expect.arrayContaining(['familyName', 'phone', 'shoeSize']));
  });
  it('refuse an update that changes nothing', () => {
    expect(UpdateClientRequest.safeParse({ version: 3 }).success).toBe(false);
    expect(UpdateClientRequest.safeParse({ notes: 'x', version: 3 }).success).toBe(true);
  });
  it('refuse a date of birth after the day they are checked on', () => {
    const { create, update } = clientRequestsAsOf('2026-03-01');
    expect(create.safeParse({ familyName: 'A', dateOfBirth: '2026-03-02' }).success).toBe(false);
    expect(update.safeParse({ dateOfBirth: '2026-03-02' }).success).toBe(false);
    expect(create.safeParse({ familyName: 'A', dateOfBirth: '2026-03-01' }).success).toBe(true);
    // The plain schemas check the shape only: the day is the caller's to know.
    expect(CreateClientRequest.safeParse({ familyName: 'A', dateOfBirth: '2999-01-01' }).success).toBe(true);
    expect(CreateClientRequest.safeParse({ familyName: 'A', dateOfBirth: '1899-12-31' }).success).toBe(false);
  });
});
