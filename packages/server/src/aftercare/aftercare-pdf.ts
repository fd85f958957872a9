// The printable aftercare sheet of a session, in the client's language (English or Chinese).
import type { AftercareSchedule } from '@stipple/core';
import { createPdf, rule, write } from '../documents/pdf.js';
import { formatDay, labelled, type DocLocale } from '../documents/format.js';
import { drawLetterhead, type Letterhead } from '../documents/letterhead.js';

const LABELS = {
  en: {
    title: 'Aftercare after your treatment',
    for: 'For',
    session: 'Treatment day',
    until: 'until',
    intro: 'Follow these steps so that the pigment heals evenly. Call the studio if anything worries you.',
    introWithPhone: (phone: string) =>
      `Follow these steps so that the pigment heals evenly. Call the studio on ${phone} if anything worries you.`,
  },
  'zh-CN': {
    title: '护理须知',
    for: '客户',
    session: '护理日期',
    until: '至',
    intro: '请按以下步骤护理，让色素均匀愈合。如有任何疑虑，请致电工作室。',
    introWithPhone: (phone: string) =>
      `请按以下步骤护理，让色素均匀愈合。如有任何疑虑，请致电工作室：${phone}。`,
  },
} as const;

export async function aftercarePdf(input: {
  schedule: AftercareSchedule;
  clientName: string;
  studio: Letterhead;
}): Promise<Buffer> {
  const locale: DocLocale = input.schedule.language;
  const L = LABELS[locale];
  const { doc, done } = createPdf({ title: `${L.title} – ${input.clientName}`, author: input.studio.name });
  drawLetterhead(doc, input.studio);
  write(doc, L.title, { size: 20, bold: true });
  doc.moveDown(0.3);
  write(doc, labelled(locale, L.for, input.clientName), { size: 12 });
  write(doc, labelled(locale, L.session, formatDay(input.schedule.performedOn, locale)), { size: 12 });
  doc.moveDown(0.3);
  write(doc, input.studio.phone ? L.introWithPhone(input.studio.phone) : L.intro, {
    size: 10,
    color: '#444444',
  });
  rule(doc);
  for (const item of input.schedule.items) {
    const when = item.untilDate
      ? `${formatDay(item.fromDate, locale)} ${L.until} ${formatDay(item.untilDate, locale)}`
      : formatDay(item.fromDate, locale);
    write(doc, when, { size: 9, color: '#555555' });
    write(doc, item.title, { size: 13, bold: true });
    if (item.instructions) write(doc, item.instructions, { size: 11, options: { lineGap: 2 } });
    doc.moveDown(0.7);
  }
  return done();
}
