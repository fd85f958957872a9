// The client's copy of a signed consent: the exact text signed, who signed and when, the drawn
// signature, and a withdrawal note when it was withdrawn.
import type { ConsentRecord } from '@stipple/core';
import { drawLetterhead, type Letterhead } from '../documents/letterhead.js';
import { createPdf, rule, write } from '../documents/pdf.js';
import { formatInstant, labelled, type DocLocale } from '../documents/format.js';

const LABELS = {
  en: {
    kind: { treatment: 'Treatment consent', photo: 'Photo-use consent', marketing: 'Marketing consent' },
    client: 'Client',
    version: 'Template version',
    signedBy: 'Signed by',
    signedAt: 'Signed on',
    witness: 'Witnessed by',
    validUntil: 'Valid until',
    withdrawn: 'Withdrawn on',
    reason: 'Reason',
    signature: 'Signature',
    record: 'Record',
  },
  'zh-CN': {
    kind: { treatment: '治疗知情同意书', photo: '照片使用同意书', marketing: '营销信息同意书' },
    client: '客户',
    version: '模板版本',
    signedBy: '签署人',
    signedAt: '签署时间',
    witness: '见证人',
    validUntil: '有效期至',
    withdrawn: '撤回时间',
    reason: '原因',
    signature: '签名',
    record: '记录编号',
  },
} as const;

export async function consentPdf(input: {
  consent: ConsentRecord;
  clientName: string;
  studio: Letterhead;
  timeZone: string;
  signaturePng: Buffer;
}): Promise<Buffer> {
  const { consent } = input;
  const locale: DocLocale = consent.language;
  const L = LABELS[locale];
  const { doc, done } = createPdf({
    title: `${consent.title} – ${input.clientName}`,
    author: input.studio.name,
  });
  drawLetterhead(doc, input.studio);
  write(doc, L.kind[consent.kind], { size: 10, color: '#555555' });
  write(doc, consent.title, { size: 18, bold: true });
  doc.moveDown(0.3);
  write(doc, labelled(locale, L.client, input.clientName), { size: 12 });
  write(doc, labelled(locale, L.version, String(consent.templateVersion)), { size: 10, color: '#555555' });
  rule(doc);
  for (const paragraph of consent.body.split(/\n{2,}/)) {
    write(doc, paragraph.trim(), { size: 11, options: { align: 'left', lineGap: 2 } });
    doc.moveDown(0.6);
  }
  rule(doc);
  const at = (iso: string) => formatInstant(new Date(iso), locale, input.timeZone);
  write(doc, labelled(locale, L.signedBy, consent.signerName), { size: 11 });
  write(doc, labelled(locale, L.signedAt, at(consent.signedAt)), { size: 11 });
  if (consent.witnessedBy) write(doc, labelled(locale, L.witness, consent.witnessedBy.name), { size: 11 });
  if (consent.validUntil) write(doc, labelled(locale, L.validUntil, at(consent.validUntil)), { size: 11 });
  doc.moveDown(0.5);
  write(doc, labelled(locale, L.signature), { size: 10, color: '#555555' });
  if (doc.y > doc.page.height - 200) doc.addPage();
  doc.image(input.signaturePng, { fit: [240, 100] });
  doc.moveDown(0.5);
  if (consent.withdrawnAt) {
    write(doc, labelled(locale, L.withdrawn, at(consent.withdrawnAt)), {
      size: 12,
      bold: true,
      color: '#b00020',
    });
    if (consent.withdrawalReason)
      write(doc, labelled(locale, L.reason, consent.withdrawalReason), { size: 11 });
  }
  doc.moveDown(1);
  write(doc, labelled(locale, L.record, consent.id), { size: 8, color: '#777777' });
  return done();
}
