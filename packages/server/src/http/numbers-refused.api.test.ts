// The numbers and dates a studio once saw changed without a word (issue 11): a scar of -180 mm
// stored as 0, 999999999999 as 600, a density of "1e9" as 19, a session of -30 min as 1, a date of
// birth 2090-13-45 as 2091-02-14, an override of -2 sessions. Each is refused with 400 naming the
// field and the reason in the language of the request, and nothing is stored.
import type { Consultation, CreateConsultationInput } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createClientFixture, type FixtureStudio } from '../test-support/fixtures.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../test-support/test-server.js';
import { signedInStudio } from '../test-support/signed-in.js';

let ts: TestServer;
let studio: FixtureStudio;
let artist: ApiClient;
let clientId: string;

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, artist } = await signedInStudio(ts, 'Numbers Studio'));
  clientId = await createClientFixture(ts.server.db, studio.id, { familyName: 'Exact' });
});
afterAll(() => ts?.close());

const rowCount = async (table: string) =>
  (
    await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)}`),
    )
  )[0]!.n;

const assessment = (scar: Record<string, unknown>): CreateConsultationInput['assessment'] => ({
  consultationDate: '2026-11-02',
  ageYears: 44,
  goal: ['scar-camouflage'],
  scars: [{ id: 'strip', cause: 'fut', texture: 'flat', ...scar }],
});

type Case = {
  what: string;
  send: (locale: string) => Promise<ApiResponse>;
  field: string;
  en: RegExp;
  zh: RegExp;
  table: string;
};

const anyId = '6f1d7c2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f';
const zh = { 'accept-language': 'zh-CN' };
const en = { 'accept-language': 'en' };
const lang = (locale: string) => (locale === 'zh-CN' ? zh : en);

const cases: Case[] = [
  {
    what: 'a scar length of -180 mm',
    send: (l) =>
      artist.post(
        `/api/clients/${clientId}/consultations`,
        { assessment: assessment({ lengthMm: -180 }) },
        {
          headers: lang(l),
        },
      ),
    field: 'assessment.scars.0.lengthMm',
    en: /^Must be more than 0$/,
    zh: /^须大于 0$/,
    table: 'consultation',
  },
  {
    what: 'a scar length of 999999999999 mm',
    send: (l) =>
      artist.post(
        `/api/clients/${clientId}/consultations`,
        { assessment: assessment({ lengthMm: 999999999999 }) },
        { headers: lang(l) },
      ),
    field: 'assessment.scars.0.lengthMm',
    en: /^Must be at most 600$/,
    zh: /^不能大于 600$/,
    table: 'consultation',
  },
  {
    what: 'a density of "1e9" typed as text',
    send: (l) =>
      artist.post(
        `/api/clients/${clientId}/consultations`,
        { assessment: assessment({ surroundingHairDensityPerCm2: '1e9' }) },
        { headers: lang(l) },
      ),
    field: 'assessment.scars.0.surroundingHairDensityPerCm2',
    en: /^Must be a number$/,
    zh: /数字/,
    table: 'consultation',
  },
  {
    what: 'a density of 1e9',
    send: (l) =>
      artist.post(
        `/api/clients/${clientId}/consultations`,
        { assessment: assessment({ surroundingHairDensityPerCm2: 1e9 }) },
        { headers: lang(l) },
      ),
    field: 'assessment.scars.0.surroundingHairDensityPerCm2',
    en: /^Must be at most 600$/,
    zh: /^不能大于 600$/,
    table: 'consultation',
  },
  {
    what: 'an appointment of -30 minutes',
    send: (l) =>
      artist.post(
        '/api/appointments',
        {
          clientId,
          artistId: studio.artist.id,
          kind: 'consultation',
          startsAt: '2030-03-04T10:00:00Z',
          durationMinutes: -30,
        },
        { headers: lang(l) },
      ),
    field: 'durationMinutes',
    en: /^Must be at least 15$/,
    zh: /15/,
    table: 'appointment',
  },
  {
    what: 'a session record of -30 minutes',
    send: (l) =>
      artist.request('PUT', `/api/appointments/${anyId}/session`, {
        body: { durationMinutes: -30 },
        headers: lang(l),
      }),
    field: 'durationMinutes',
    en: /^Must be at least 1$/,
    zh: /1/,
    table: 'session_record',
  },
  {
    what: 'a date of birth 2090-13-45',
    send: (l) =>
      artist.post('/api/clients', { familyName: 'Future', dateOfBirth: '2090-13-45' }, { headers: lang(l) }),
    field: 'dateOfBirth',
    en: /^Must be a real date written YYYY-MM-DD$/,
    zh: /YYYY-MM-DD/,
    table: 'client',
  },
];

describe('numbers and dates are refused, never changed', () => {
  for (const c of cases) {
    it(`${c.what}: 400 naming the field, in English and Chinese, nothing stored`, async () => {
      const before = await rowCount(c.table);
      for (const locale of ['en', 'zh-CN']) {
        const res = await c.send(locale);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        const field = res.body.fields?.find((f) => f.field === c.field);
        expect(field, JSON.stringify(res.body)).toBeDefined();
        expect(field!.message).toMatch(locale === 'en' ? c.en : c.zh);
        // The summary names the field in words, never its path or a schema message.
        expect(res.body.message).not.toMatch(/\w+\.\d+\.\w+|expected|Too small|Too big|Invalid/);
        if (locale === 'zh-CN') expect(res.body.message).toMatch(/\p{Script=Han}/u);
      }
      expect(await rowCount(c.table)).toBe(before);
    });
  }

  it('an override of -2 sessions is refused naming the value, and no plan version is stored', async () => {
    const made = await artist.post<Consultation>(`/api/clients/${clientId}/consultations`, {
      assessment: assessment({ lengthMm: 180, widthMm: 3, ageMonths: 18 }),
    });
    expect(made.status).toBe(201);
    const first = await artist.post(`/api/consultations/${made.body.id}/plans`, { basedOnVersion: 0 });
    expect(first.status).toBe(201);
    const before = await rowCount('treatment_plan');
    for (const locale of ['en', 'zh-CN']) {
      const res = await artist.post(
        `/api/consultations/${made.body.id}/plans`,
        { basedOnVersion: 1, overrides: [{ path: 'sessions.count', value: -2, reason: 'client asked' }] },
        { headers: lang(locale) },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      const field = res.body.fields?.find((f) => f.field === 'overrides.0.value');
      expect(field, JSON.stringify(res.body)).toBeDefined();
      expect(field!.message).toMatch(locale === 'en' ? /^Must be at least 1$/ : /1/);
      expect(res.body.message).not.toMatch(/sessions\.count|expected|Too small/);
      if (locale === 'zh-CN') expect(field!.message).toMatch(/\p{Script=Han}/u);
    }
    expect(await rowCount('treatment_plan')).toBe(before);
  });
});
