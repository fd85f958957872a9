// Consultations and plans through the real server: the assessment validated by the planner's own
// schema (bad input names the field and stores nothing), optimistic versions, the plan made by
// the shared rules and saved as immutable versions that keep the rule output and each override
// with who made it and when, every read and change in the audit log, a new course taking its
// interval from the saved plan, another studio getting 404 everywhere, and the report PDF.
import type {
  AuditPage,
  Consultation,
  ConsultationList,
  ConsultationPage,
  PlanVersion,
  PlanVersionList,
  TreatmentCourse,
} from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { findPgError } from '../db/pg-errors.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs, signedInStudio } from '../test-support/signed-in.js';
import { lookAtPdf } from '../test-support/pdf-check.js';
import { futAssessment } from '../test-support/treatment-fixtures.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let artist: ApiClient;
let owner: ApiClient;
let desk: ApiClient;
let otherOwner: ApiClient;
let clientId: string;
let chineseClientId: string;

const auditActions = async (who: ApiClient, entityId: string) => {
  const res = await who.get<AuditPage>(`/api/audit?entityId=${entityId}&pageSize=100`);
  return res.body.items.map((e) => e.action).sort();
};

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, artist, desk } = await signedInStudio(ts, 'Consult Studio'));
  other = await createStudioFixture(ts.server.db, 'Other Studio');
  clientId = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Łukasz',
    familyName: 'Wiśniewski',
  });
  chineseClientId = await createClientFixture(ts.server.db, studio.id, {
    givenName: '芳',
    familyName: '王',
    preferredLanguage: 'zh-CN',
  });
  otherOwner = await signedInAs(ts, other.owner.email);
});
afterAll(() => ts?.close());

const rowCount = async (table: string) =>
  (
    await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)}`),
    )
  )[0]!.n;

describe('consultations', () => {
  let consultation: Consultation;

  it('creates a consultation with the whole assessment, held by the signed-in artist', async () => {
    const res = await artist.post<Consultation>(`/api/clients/${clientId}/consultations`, {
      assessment: futAssessment(),
    });
    expect(res.status).toBe(201);
    consultation = res.body;
    expect(consultation.version).toBe(1);
    expect(consultation.artist).toEqual({ id: studio.artist.id, name: studio.artist.name });
    expect(consultation.clientName).toBe('Łukasz Wiśniewski');
    expect(consultation.consultationDate).toBe('2026-11-02');
    // Stored as the planner's schema reads it: roman numerals as numbers, goals as a list.
    expect(consultation.assessment.fitzpatrick).toBe(3);
    expect(consultation.assessment.scars?.[0]).toMatchObject({ cause: 'fut', widthMm: 3, texture: 'flat' });
    expect(consultation.assessment.screening?.chemotherapyMonthsAgo).toBeNull();
    expect(consultation.latestPlan).toBeNull();
  });

  it('refuses bad assessments naming the field, and stores nothing', async () => {
    const before = await rowCount('consultation');
    const cases: [unknown, string][] = [
      [
        { assessment: { ...futAssessment(), scars: [{ cause: 'laser', texture: 'flat' }] } },
        'assessment.scars.0.cause',
      ],
      [{ assessment: { ageYears: 30 } }, 'assessment.consultationDate'],
      // Held in the future: every waiting time would count from a day that has not come.
      [{ assessment: futAssessment('2999-12-31') }, 'assessment.consultationDate'],
      [{ assessment: { ...futAssessment(), fitzpatrick: 7 } }, 'assessment.fitzpatrick'],
      [
        { assessment: { ...futAssessment(), hairLoss: { scale: 'ludwig', stage: 'VII' } } },
        'assessment.hairLoss.stage',
      ],
      [
        { assessment: { ...futAssessment(), screening: { chemotherapyEndDate: '2027-01-01' } } },
        'assessment.screening.chemotherapyEndDate',
      ],
      [{ assessment: futAssessment(), artistId: studio.desk.id }, 'artistId'],
      [{ assessment: futAssessment(), artistId: other.artist.id }, 'artistId'],
    ];
    for (const [body, field] of cases) {
      const res = await artist.post(`/api/clients/${clientId}/consultations`, body);
      expect(res.status, field).toBe(400);
      expect(
        res.body.fields?.map((f) => f.field),
        field,
      ).toContain(field);
    }
    expect(await rowCount('consultation')).toBe(before);
  });

  it('lists, reads and updates with optimistic versions; audit entries name fields, never values', async () => {
    const list = await artist.get<ConsultationList>(`/api/clients/${clientId}/consultations`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toEqual([consultation.id]);
    expect(list.body.items[0]!.scarCount).toBe(1);

    const read = await owner.get<Consultation>(`/api/consultations/${consultation.id}`);
    expect(read.status).toBe(200);

    const changed = { ...futAssessment(), hairColour: 'black', notes: 'Private remark about the client' };
    const updated = await owner.request<Consultation>('PUT', `/api/consultations/${consultation.id}`, {
      body: { assessment: changed, version: 1, artistId: studio.owner.id },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.assessment.hairColour).toBe('black');
    expect(updated.body.artist.id).toBe(studio.owner.id);

    const stale = await artist.request('PUT', `/api/consultations/${consultation.id}`, {
      body: { assessment: futAssessment(), version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.fields?.[0]?.field).toBe('version');

    const actions = await auditActions(owner, consultation.id);
    expect(actions).toEqual(
      expect.arrayContaining(['consultation.create', 'consultation.read', 'consultation.update']),
    );
    const page = await owner.get<AuditPage>(
      `/api/audit?entityId=${consultation.id}&action=consultation.update`,
    );
    const entry = page.body.items[0]!;
    expect(entry.details.fields).toEqual(['artistId', 'hairColour', 'notes']);
    expect(JSON.stringify(page.body)).not.toContain('Private remark');
    consultation = updated.body;
  });

  it('is for owners and artists only', async () => {
    expect((await desk.get(`/api/clients/${clientId}/consultations`)).status).toBe(403);
    expect((await desk.get(`/api/consultations/${consultation.id}`)).status).toBe(403);
    expect(
      (await desk.post(`/api/clients/${clientId}/consultations`, { assessment: futAssessment() })).status,
    ).toBe(403);
    expect((await desk.get(`/api/consultations/${consultation.id}/report.pdf`)).status).toBe(403);
  });
});

describe('plans', () => {
  let consultationId: string;
  let v1: PlanVersion;
  let v2: PlanVersion;

  beforeAll(async () => {
    const res = await artist.post<Consultation>(`/api/clients/${clientId}/consultations`, {
      assessment: futAssessment('2026-11-10'),
    });
    consultationId = res.body.id;
  });

  it('makes the plan with the shared rules and stores it as version 1 with its rules version', async () => {
    const res = await artist.post<PlanVersion>(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 0,
    });
    expect(res.status).toBe(201);
    v1 = res.body;
    expect(v1.version).toBe(1);
    expect(v1.plan.eligibility).toBe('eligible');
    expect(v1.rulesVersion).toBe(v1.plan.rulesVersion);
    expect(v1.plan.reasons.map((r) => r.ruleId)).toEqual(
      expect.arrayContaining(['eligibility.base', 'scar.sessions']),
    );
    // An FUT strip scar: a scar zone and an expected camouflage for it.
    expect(v1.plan.zones.map((z) => z.kind)).toContain('scar');
    expect(v1.plan.expectedCamouflage.map((c) => c.scar)).toContain('strip');
    expect(v1.overrideCount).toBe(0);
    expect(v1.createdBy?.id).toBe(studio.artist.id);
    expect(v1.stale).toBe(false);
  });

  it('saves an override as a new version, keeping the rule output, the reason, who and when', async () => {
    const ruled = v1.plan.sessions.minIntervalDays;
    const res = await artist.post<PlanVersion>(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 1,
      overrides: [
        { path: 'sessions.minIntervalDays', value: ruled + 7, reason: 'Scabs took long last time' },
      ],
    });
    expect(res.status).toBe(201);
    v2 = res.body;
    expect(v2.version).toBe(2);
    expect(v2.plan.sessions.minIntervalDays).toBe(ruled + 7);
    expect(v2.minIntervalDays).toBe(ruled + 7);
    expect(v2.plan.ruleOutput?.sessions.minIntervalDays).toBe(ruled);
    expect(v2.plan.overrides).toHaveLength(1);
    expect(v2.plan.overrides[0]).toMatchObject({
      path: 'sessions.minIntervalDays',
      value: ruled + 7,
      ruleValue: ruled,
      reason: 'Scabs took long last time',
      by: { id: studio.artist.id, name: studio.artist.name },
    });
    expect(v2.plan.overrides[0]!.ruleIds).toEqual(v1.plan.citations['sessions.minIntervalDays']);
    expect(v2.plan.overrides[0]!.ruleIds).toContain('sessions.base');
  });

  it('keeps the author of an override carried into a later version', async () => {
    const first = v2.plan.overrides[0]!;
    const res = await owner.post<PlanVersion>(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 2,
      overrides: [
        { path: first.path, value: first.value, reason: first.reason },
        { path: 'touchUpYears', value: 3, reason: 'Sunny climate, outdoor work' },
      ],
    });
    expect(res.status).toBe(201);
    const [kept, added] = res.body.plan.overrides;
    expect(kept).toMatchObject({ by: first.by, at: first.at });
    expect(added).toMatchObject({ path: 'touchUpYears', value: 3, by: { id: studio.owner.id } });
    expect(res.body.version).toBe(3);
  });

  it('refuses overrides the plan cannot take, and stale saves, storing nothing', async () => {
    const before = await rowCount('treatment_plan');
    const bad = await artist.post(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 3,
      overrides: [{ path: 'sessions.noSuchThing', value: 2, reason: 'x' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]?.field).toBe('overrides.0.path');
    const badValue = await artist.post(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 3,
      overrides: [{ path: 'sessions.count', value: 'many', reason: 'x' }],
    });
    expect(badValue.status).toBe(400);
    expect(badValue.body.fields?.[0]?.field).toBe('overrides.0.value');
    const noReason = await artist.post(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 3,
      overrides: [{ path: 'sessions.count', value: 5, reason: '  ' }],
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields?.[0]?.field).toBe('overrides.0.reason');
    const stale = await artist.post(`/api/consultations/${consultationId}/plans`, { basedOnVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.fields?.[0]?.field).toBe('basedOnVersion');
    expect(await rowCount('treatment_plan')).toBe(before);
  });

  it('shows the history newest first; each version is readable and stays as saved', async () => {
    const list = await artist.get<PlanVersionList>(`/api/consultations/${consultationId}/plans`);
    expect(list.body.items.map((p) => p.version)).toEqual([3, 2, 1]);
    expect(list.body.items.map((p) => p.overrideCount)).toEqual([2, 1, 0]);
    const one = await artist.get<PlanVersion>(`/api/plans/${v1.id}`);
    expect(one.status).toBe(200);
    expect(one.body.plan).toEqual(v1.plan);
    // Saved versions are what the client was told: the database refuses to rewrite them.
    let refused = '';
    try {
      await ts.server.db.asSystem((tx) => tx.execute(sql`update treatment_plan set override_count = 9`));
    } catch (err) {
      refused = findPgError(err)?.message ?? String(err);
    }
    expect(refused).toMatch(/immutable/);
    const actions = await auditActions(owner, v1.id);
    expect(actions).toEqual(expect.arrayContaining(['plan.read', 'plan.save']));
  });

  it('marks the plan stale once the assessment changes', async () => {
    const current = await artist.get<Consultation>(`/api/consultations/${consultationId}`);
    expect(current.body.latestPlan?.stale).toBe(false);
    const res = await artist.request<Consultation>('PUT', `/api/consultations/${consultationId}`, {
      body: {
        assessment: { ...futAssessment('2026-11-10'), screening: { anticoagulants: true } },
        version: current.body.version,
      },
    });
    expect(res.body.latestPlan).toMatchObject({ version: 3, stale: true });
    const carried = v2.plan.overrides.map((o) => ({ path: o.path, value: o.value, reason: o.reason }));
    const again = await artist.post<PlanVersion>(`/api/consultations/${consultationId}/plans`, {
      basedOnVersion: 3,
      overrides: carried,
    });
    expect(again.body.plan.eligibility).toBe('refer');
    expect(again.body.stale).toBe(false);
    expect(again.body.assessment.screening?.anticoagulants).toBe(true);
  });

  it("gives a new treatment course the saved plan's interval and number of sessions", async () => {
    const latest = await artist.get<PlanVersionList>(`/api/consultations/${consultationId}/plans`);
    const plan = latest.body.items[0]!;
    const course = await desk.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, { title: 'Scar' });
    expect(course.status).toBe(201);
    expect(course.body.minIntervalDays).toBe(plan.minIntervalDays);
    expect(course.body.plannedSessions).toBe(plan.sessionsCount);
    // A client without a plan keeps the defaults.
    const plain = await desk.post<TreatmentCourse>(`/api/clients/${chineseClientId}/courses`, {
      title: 'Fill',
    });
    expect(plain.body.minIntervalDays).toBe(14);
  });

  it('lists the studio’s consultations with their latest plan', async () => {
    const res = await owner.get<ConsultationPage>('/api/consultations?pageSize=50');
    expect(res.status).toBe(200);
    const item = res.body.items.find((c) => c.id === consultationId)!;
    expect(item.latestPlan?.version).toBe(4);
    expect(item.clientName).toBe('Łukasz Wiśniewski');
  });
});

describe('another studio', () => {
  it('finds none of these consultations or plans (404) and sees none in its lists', async () => {
    const mine = await artist.get<ConsultationList>(`/api/clients/${clientId}/consultations`);
    const id = mine.body.items[0]!.id;
    const plans = await artist.get<PlanVersionList>(`/api/consultations/${id}/plans`);
    const planId = plans.body.items[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    for (const [method, path, body] of [
      ['GET', `/api/consultations/${id}`, undefined],
      ['PUT', `/api/consultations/${id}`, { assessment: futAssessment(), version: 1 }],
      ['GET', `/api/consultations/${id}/plans`, undefined],
      ['POST', `/api/consultations/${id}/plans`, { basedOnVersion: 0 }],
      ['GET', `/api/plans/${planId}`, undefined],
      ['GET', `/api/consultations/${id}/report.pdf`, undefined],
      ['GET', `/api/clients/${clientId}/consultations`, undefined],
      ['POST', `/api/clients/${clientId}/consultations`, { assessment: futAssessment() }],
    ] as const) {
      const res = await otherOwner.request(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await otherOwner.get<ConsultationPage>('/api/consultations');
    expect(list.body.items).toEqual([]);
  });
});

describe('consultation report', () => {
  it('prints the client, the plan with its rule ids and the override, on pages that are not blank', async () => {
    const list = await artist.get<ConsultationList>(`/api/clients/${clientId}/consultations`);
    const withOverrides = list.body.items.find((c) => (c.latestPlan?.version ?? 0) >= 2)!;
    const res = await fetch(`${ts.url}/api/consultations/${withOverrides.id}/report.pdf`, {
      headers: { cookie: `stipple_session=${artist.cookie}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // The file is named after the client (RFC 8187 for the Polish letters), the date as fallback.
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="?consultation-2026-11-10\.pdf"?; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      'Consultation-report-Łukasz-Wiśniewski-2026-11-10.pdf',
    );
    const look = await lookAtPdf(Buffer.from(await res.arrayBuffer()));
    expect(look.pages).toBeGreaterThanOrEqual(2);
    for (const ink of look.ink) expect(ink).toBeGreaterThan(0.005);
    const text = look.text.replace(/\s+/g, ' ');
    expect(text).toContain('Łukasz Wiśniewski');
    expect(text).toContain('Consultation report');
    expect(text).toContain('Referral to a physician first');
    expect(text).toContain('Scabs took long last time');
    expect(text).toMatch(/\[[a-z0-9.-]+(, [a-z0-9.-]+)*\]/);
    // Words for people: the changed value by its name, ages as ages, no field paths of ours.
    expect(text).toMatch(/Days between sessions \(at least\): \d+ → \d+/);
    expect(text).toContain('Age: 44');
    expect(text).not.toMatch(
      /sessions\.count|touchUpYears|screening\.\w|scar\.\w+ not known|\bfacts were\b.*\b1 facts\b/,
    );
    const actions = await auditActions(owner, withOverrides.id);
    expect(actions).toContain('consultation.report');
  });

  it("is in Chinese for a client whose language is Chinese, and 王芳's name prints", async () => {
    const created = await artist.post<Consultation>(`/api/clients/${chineseClientId}/consultations`, {
      assessment: { ...futAssessment('2026-11-12'), scars: [] },
    });
    await artist.post(`/api/consultations/${created.body.id}/plans`, { basedOnVersion: 0 });
    const res = await fetch(`${ts.url}/api/consultations/${created.body.id}/report.pdf`, {
      headers: { cookie: `stipple_session=${artist.cookie}` },
    });
    const look = await lookAtPdf(Buffer.from(await res.arrayBuffer()));
    for (const ink of look.ink) expect(ink).toBeGreaterThan(0.005);
    const text = look.text.replace(/\s+/g, '');
    expect(text).toContain('王芳');
    expect(text).toContain('咨询报告');
    expect(text).toContain('治疗方案');
    expect(text).toMatch(/年龄[:：]44岁/);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '咨询报告-王芳-2026-11-12.pdf',
    );
    // No fact path and no English sentence of the planner in the Chinese report.
    expect(look.text).not.toMatch(/screening\.\w|scar\.\w|not known|assumed|sessions\.count/);
    expect(text).toContain('纹绣师');
    expect(text).not.toContain('技师');
    expect(text).not.toContain('色料');
  });
});
