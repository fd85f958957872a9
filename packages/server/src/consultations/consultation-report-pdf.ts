// The consultation report a client takes home, in English or Chinese: who, when and with whom;
// what was assessed; the photos beside the healed preview; the plan with every reason and the
// rule behind it; the artist's changes and why; what to expect honestly (camouflage, fading,
// touch-ups); aftercare; and a price estimate when the studio gave a price per session.
import {
  ageOn,
  planValueMessage,
  renderMessage,
  scarDisplayName,
  zoneDisplayName,
  type Assessment,
  type AssessmentScar,
  type Plan,
  type ScarCamouflageScore,
} from '@stipple/core';
import { drawLetterhead, type Letterhead } from '../documents/letterhead.js';
import { aside, formatDay, formatInstant, labelled, listOf, type DocLocale } from '../documents/format.js';
import { createPdf, rule, write, type Pdf } from '../documents/pdf.js';
import { REPORT_LABELS, type ReportLabels } from './report-labels.js';

export interface ReportPreview {
  view: string;
  takenOn: string;
  photo: Buffer;
  /** The healed render of the same photo (JPEG), when one was made. */
  healed: Buffer | null;
  camouflage: ScarCamouflageScore[] | null;
  /** Each scar healed as expected and at the poor end of its texture's range (JPEG crops). */
  scars: ReportScarRange[];
}

export interface ReportScarRange {
  zoneId: string;
  texture: 'flat' | 'raised' | 'atrophic' | 'keloid';
  expected: Buffer;
  poor: Buffer;
  retention: number;
  poorRetention: number;
}

export interface ConsultationReportInput {
  locale: DocLocale;
  studio: Letterhead;
  timeZone: string;
  clientName: string;
  consultationDate: string;
  artistName: string;
  assessment: Assessment;
  plan: { version: number; savedAt: Date; savedBy: string | null; plan: Plan } | null;
  previews: ReportPreview[];
  /** Price of one session in the studio's currency, when set (optional). */
  pricePerSession: { amount: number; currency: string } | null;
  generatedAt: Date;
}

const GREY = '#555555';
const LIGHT = '#777777';

function heading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6);
  write(doc, text, { size: 14, bold: true });
  doc.moveDown(0.2);
}

function line(doc: Pdf, locale: DocLocale, label: string, value: string): void {
  write(doc, labelled(locale, label, value), { size: 10.5, options: { lineGap: 1 } });
}

function bullet(doc: Pdf, text: string, ruleIds?: readonly string[]): void {
  const cite = ruleIds?.length ? `  [${ruleIds.join(', ')}]` : '';
  write(doc, `• ${text}${cite}`, { size: 10, options: { lineGap: 1, indent: 8 } });
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

function ageText(a: Assessment, L: ReportLabels, locale: DocLocale): string {
  if (a.ageYears !== undefined) return L.ageText(a.ageYears, null);
  if (a.dateOfBirth === undefined) return L.notRecorded;
  return L.ageText(ageOn(a.dateOfBirth, a.consultationDate), formatDay(a.dateOfBirth, locale));
}

function scarSize(s: AssessmentScar, L: ReportLabels): string[] {
  if (s.cause === 'fue')
    return [
      s.lengthMm !== undefined ? L.dotDiameter(s.lengthMm) : null,
      s.donorAreaLengthMm !== undefined || s.donorAreaWidthMm !== undefined
        ? L.donorArea(s.donorAreaLengthMm, s.donorAreaWidthMm)
        : null,
    ].filter((p): p is string => p !== null);
  const size = [s.lengthMm, s.widthMm].filter((v) => v !== undefined).map((v) => `${v} mm`);
  return size.length ? [size.join(' × ')] : [];
}

function assessmentSection(doc: Pdf, a: Assessment, L: ReportLabels, locale: DocLocale): void {
  heading(doc, L.assessment);
  const unknown = L.notRecorded;
  line(doc, locale, L.age, ageText(a, L, locale));
  line(
    doc,
    locale,
    L.fitzpatrick,
    a.fitzpatrick !== undefined ? ['I', 'II', 'III', 'IV', 'V', 'VI'][a.fitzpatrick - 1]! : unknown,
  );
  line(
    doc,
    locale,
    L.hairLoss,
    a.hairLoss
      ? a.hairLoss.scale === 'none'
        ? L.scales.none
        : `${L.scales[a.hairLoss.scale]} ${a.hairLoss.stage}`
      : unknown,
  );
  line(doc, locale, L.hairColour, a.hairColour ? L.hairColours[a.hairColour] : unknown);
  line(
    doc,
    locale,
    L.goals,
    a.goal
      ? listOf(
          locale,
          a.goal.map((g) => L.goalNames[g]),
        )
      : unknown,
  );
  if (a.scars === undefined) line(doc, locale, L.scars, unknown);
  else if (a.scars.length === 0) line(doc, locale, L.scars, L.none);
  else {
    write(doc, labelled(locale, L.scars), { size: 10.5 });
    a.scars.forEach((s, i) => {
      const id = scarDisplayName(s.id ?? `scar-${i + 1}`, locale);
      const parts = [
        L.causes[s.cause],
        ...scarSize(s, L),
        L.textures[s.texture],
        s.colour ? L.colours[s.colour] : null,
        s.ageMonths !== undefined ? L.monthsOld(s.ageMonths) : s.date ? formatDay(s.date, locale) : null,
        s.count ? L.count(s.count) : null,
        s.location?.region ? L.regions[s.location.region] : null,
      ].filter((p): p is string => Boolean(p));
      bullet(doc, labelled(locale, id, parts.join(' · ')));
    });
  }
  const screening = a.screening ?? {};
  const yes = Object.entries(screening)
    .filter(([, v]) => v === true)
    .map(([k]) => L.screeningNames[k] ?? k);
  const events = Object.entries(screening)
    .filter(([k, v]) => typeof v === 'number' || (typeof v === 'string' && /Date$/.test(k)))
    .map(([k, v]) => labelled(locale, L.screeningNames[k] ?? k, String(v)));
  write(doc, labelled(locale, L.screening), { size: 10.5 });
  if (yes.length === 0 && events.length === 0)
    bullet(doc, Object.keys(screening).length ? L.screeningClear : L.screeningNotAsked);
  for (const y of yes) bullet(doc, y);
  for (const e of events) bullet(doc, e);
}

function previewsSection(doc: Pdf, previews: ReportPreview[], L: ReportLabels, locale: DocLocale): void {
  heading(doc, L.photos);
  if (previews.length === 0) {
    write(doc, L.noPhotos, { size: 10, color: GREY });
    return;
  }
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const gap = 12;
  const cell = (width - gap) / 2;
  const height = cell * 0.75;
  for (const p of previews) {
    if (doc.y + height + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    write(doc, `${L.views[p.view] ?? p.view} · ${formatDay(p.takenOn, locale)}`, { size: 10, bold: true });
    const top = doc.y + 4;
    const left = doc.page.margins.left;
    doc.image(p.photo, left, top, { fit: [cell, height], align: 'center', valign: 'center' });
    if (p.healed)
      doc.image(p.healed, left + cell + gap, top, { fit: [cell, height], align: 'center', valign: 'center' });
    doc.y = top + height + 4;
    doc.x = left;
    write(doc, p.healed ? L.photoAndHealed : L.photoOnly, { size: 8.5, color: LIGHT });
    for (const c of p.camouflage ?? []) {
      const zone = zoneDisplayName(c.zoneId, locale);
      write(doc, L.camouflageScore(zone, c.before.deltaE00.toFixed(1), c.after.deltaE00.toFixed(1)), {
        size: 9,
        color: GREY,
      });
      // A zone the preview makes worse must not sit silently beside "up to 100 %" in the plan.
      if (c.after.deltaE00 > c.before.deltaE00) write(doc, L.camouflageWorse, { size: 9, bold: true });
    }
    for (const scar of p.scars) scarRange(doc, scar, L, cell, gap, locale);
    doc.moveDown(0.5);
  }
}

/** A scar healed as expected and at the poor end of its range, side by side and labelled. */
function scarRange(
  doc: Pdf,
  scar: ReportScarRange,
  L: ReportLabels,
  cell: number,
  gap: number,
  locale: DocLocale,
): void {
  const height = cell * 0.45;
  if (doc.y + height + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.3);
  const left = doc.page.margins.left;
  const top = doc.y + 2;
  doc.image(scar.expected, left, top, { fit: [cell, height], align: 'center', valign: 'center' });
  doc.image(scar.poor, left + cell + gap, top, { fit: [cell, height], align: 'center', valign: 'center' });
  const labels = top + height + 2;
  doc.x = left;
  doc.y = labels;
  write(doc, L.scarExpected, { size: 8.5, bold: true, options: { width: cell } });
  const below = doc.y;
  doc.x = left + cell + gap;
  doc.y = labels;
  write(doc, L.scarPoor, { size: 8.5, bold: true, options: { width: cell } });
  doc.x = left;
  doc.y = Math.max(below, doc.y);
  write(
    doc,
    L.scarRange(
      zoneDisplayName(scar.zoneId, locale),
      L.textures[scar.texture],
      Math.round(scar.retention * 100),
      Math.round(scar.poorRetention * 100),
    ),
    { size: 8.5, color: LIGHT },
  );
}

function planSection(doc: Pdf, input: ConsultationReportInput, L: ReportLabels): void {
  const { locale } = input;
  heading(doc, L.plan);
  const saved = input.plan;
  if (!saved) {
    write(doc, L.noPlan, { size: 10, color: GREY });
    return;
  }
  const p = saved.plan;
  write(doc, labelled(locale, L.eligibility, L.eligibilities[p.eligibility]), { size: 12, bold: true });
  if (p.earliestStartDate) line(doc, locale, L.earliestStart, formatDay(p.earliestStartDate, locale));
  write(doc, labelled(locale, L.reasons), { size: 10.5 });
  for (const r of p.reasons) bullet(doc, r.text, [r.ruleId]);
  if (p.waitingPeriods.length) {
    write(doc, labelled(locale, L.waiting), { size: 10.5 });
    for (const w of p.waitingPeriods)
      bullet(doc, w.until ? labelled(locale, formatDay(w.until, locale), w.text) : w.text, w.ruleIds);
  }
  if (p.preTreatments.length) {
    write(doc, labelled(locale, L.preTreatments), { size: 10.5 });
    for (const s of p.preTreatments) bullet(doc, s.text, s.ruleIds);
  }
  line(
    doc,
    locale,
    L.sessions,
    L.sessionsText(p.sessions.count, p.sessions.minIntervalDays, p.sessions.hoursPerSession),
  );
  // Zones with the same values print once, naming every scar they cover (two strip scars, one line).
  const groups = new Map<
    string,
    { zone: Plan['zones'][number]; scars: string[]; notes: Map<string, string[]> }
  >();
  for (const z of p.zones) {
    const values = L.zoneText(z.targetDensityPerCm2, z.dotSizeMm, z.needle, z.needleDiameterMm);
    const key = JSON.stringify([z.kind, values, z.transitionWidthMm, z.sessions]);
    const group = groups.get(key) ?? { zone: z, scars: [], notes: new Map<string, string[]>() };
    group.scars.push(...z.scars.filter((id) => !group.scars.includes(id)));
    for (const n of z.notes)
      group.notes.set(n.text, [...new Set([...(group.notes.get(n.text) ?? []), ...n.ruleIds])]);
    groups.set(key, group);
  }
  // A note every zone carries (depth, the density reference, the shade scale) prints once above them.
  const noteCount = new Map<string, number>();
  for (const g of groups.values())
    for (const text of g.notes.keys()) noteCount.set(text, (noteCount.get(text) ?? 0) + 1);
  const shared = [...noteCount].filter(([, n]) => n > 1 && groups.size > 1).map(([text]) => text);
  if (shared.length) {
    write(doc, L.everyZone, { size: 10.5, bold: true });
    const cited = new Map<string, string[]>();
    for (const g of groups.values())
      for (const text of shared)
        cited.set(text, [...new Set([...(cited.get(text) ?? []), ...(g.notes.get(text) ?? [])])]);
    for (const [text, ruleIds] of cited) bullet(doc, text, ruleIds);
  }
  for (const { zone: z, scars, notes } of groups.values()) {
    const named = scars.map((id) => scarDisplayName(id, locale));
    write(doc, `${L.zoneKinds[z.kind]}${named.length ? aside(locale, listOf(locale, named)) : ''}`, {
      size: 10.5,
      bold: true,
    });
    bullet(
      doc,
      L.zoneText(z.targetDensityPerCm2, z.dotSizeMm, z.needle, z.needleDiameterMm) +
        (z.transitionWidthMm ? ` · ${L.transition(z.transitionWidthMm)}` : ''),
      z.ruleIds,
    );
    bullet(doc, z.sessions.map((s) => L.zoneSession(s.session, s.densityPercent, s.shadeNumber)).join('; '));
    for (const [text, ruleIds] of notes) if (!shared.includes(text)) bullet(doc, text, ruleIds);
  }
  if (p.cautions.length) {
    write(doc, labelled(locale, L.cautions), { size: 10.5 });
    for (const c of p.cautions) bullet(doc, c.text, c.ruleIds);
  }
  if (p.overrides.length) {
    heading(doc, L.overrides);
    for (const o of p.overrides)
      bullet(
        doc,
        L.overrideText(
          (({ key, params }) => renderMessage(locale, key, params))(planValueMessage(o.path, p, locale)),
          formatValue(o.ruleValue),
          formatValue(o.value),
          o.reason,
          o.by.name,
          formatInstant(new Date(o.at), locale, input.timeZone),
        ),
        o.ruleIds,
      );
  }
}

function expectationsSection(doc: Pdf, input: ConsultationReportInput, L: ReportLabels): void {
  const p = input.plan?.plan;
  heading(doc, L.expectations);
  if (p) {
    for (const c of p.expectedCamouflage)
      bullet(
        doc,
        labelled(
          input.locale,
          scarDisplayName(c.scar, input.locale),
          `${L.qualifiers[c.qualifier](c.percent)} — ${c.text}`,
        ),
        c.ruleIds,
      );
    bullet(doc, L.touchUp(p.touchUpYears));
  }
  for (const limit of L.limits) bullet(doc, limit);
}

function aftercareSection(doc: Pdf, input: ConsultationReportInput, L: ReportLabels): void {
  const p = input.plan?.plan;
  if (!p || p.aftercare.length === 0) return;
  heading(doc, L.aftercare);
  for (const step of p.aftercare)
    bullet(
      doc,
      `${L.days(step.fromDay, step.toDay)} — ${labelled(input.locale, L.aftercareKinds[step.kind], step.instruction)}`,
      step.ruleIds,
    );
}

function assumptionsSection(doc: Pdf, input: ConsultationReportInput, L: ReportLabels): void {
  const p = input.plan?.plan;
  if (!p || p.assumptions.length === 0) return;
  heading(doc, L.assumptions);
  write(doc, L.assumptionsIntro(p.assumptions.length), { size: 9.5, color: GREY });
  // The planner's text already names the scar it is about ("strip: …", "scar 1: …").
  for (const a of p.assumptions) {
    const scar = a.scar ? scarDisplayName(a.scar, input.locale) : null;
    bullet(
      doc,
      scar && !a.text.startsWith(labelled(input.locale, scar, ''))
        ? labelled(input.locale, scar, a.text)
        : a.text,
    );
  }
}

function priceSection(doc: Pdf, input: ConsultationReportInput, L: ReportLabels): void {
  const price = input.pricePerSession;
  const p = input.plan?.plan;
  if (!price || !p) return;
  heading(doc, L.price);
  const total = price.amount * p.sessions.count;
  const money = (n: number) =>
    new Intl.NumberFormat(input.locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      style: 'currency',
      currency: price.currency,
    }).format(n);
  bullet(doc, L.priceText(p.sessions.count, money(price.amount), money(total)));
}

export async function consultationReportPdf(input: ConsultationReportInput): Promise<Buffer> {
  const L = REPORT_LABELS[input.locale];
  const { doc, done } = createPdf({ title: `${L.title} – ${input.clientName}`, author: input.studio.name });
  drawLetterhead(doc, input.studio);
  write(doc, L.title, { size: 20, bold: true });
  doc.moveDown(0.3);
  line(doc, input.locale, L.client, input.clientName);
  line(doc, input.locale, L.date, formatDay(input.consultationDate, input.locale));
  line(doc, input.locale, L.artist, input.artistName);
  if (input.plan)
    write(doc, L.planVersion(input.plan.version, input.plan.plan.rulesVersion), { size: 9, color: LIGHT });
  rule(doc);
  assessmentSection(doc, input.assessment, L, input.locale);
  previewsSection(doc, input.previews, L, input.locale);
  planSection(doc, input, L);
  expectationsSection(doc, input, L);
  aftercareSection(doc, input, L);
  priceSection(doc, input, L);
  assumptionsSection(doc, input, L);
  doc.moveDown(1);
  write(doc, L.footer(formatInstant(input.generatedAt, input.locale, input.timeZone), input.artistName), {
    size: 8,
    color: LIGHT,
  });
  return done();
}
