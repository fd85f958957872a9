// The studio at the top of every document: its logo (when it has one), name, and how to reach it
// (address, phone, email), all from the studio settings.
import type { BlobStore } from '../blobs/blob-store.js';
import type { StudioRow } from '../studio/studio.repository.js';
import { write, type Pdf } from './pdf.js';

export interface Letterhead {
  name: string;
  address: string;
  phone: string;
  email: string;
  /** PNG bytes of the logo, or null. */
  logo: Buffer | null;
}

export async function letterheadOf(studio: StudioRow, blobs: BlobStore): Promise<Letterhead> {
  return {
    name: studio.name,
    address: studio.address,
    phone: studio.phone,
    email: studio.email,
    logo: studio.logoSha256 ? await blobs.get(studio.logoSha256) : null,
  };
}

const LOGO_BOX: [number, number] = [150, 60];

/** Draws the letterhead at the top of the current page and leaves the cursor below it. */
export function drawLetterhead(doc: Pdf, head: Letterhead): void {
  const top = doc.y;
  const right = doc.page.width - doc.page.margins.right;
  const textWidth = right - doc.page.margins.left - (head.logo ? LOGO_BOX[0] + 16 : 0);
  if (head.logo) doc.image(head.logo, right - LOGO_BOX[0], top, { fit: LOGO_BOX, align: 'right' });
  write(doc, head.name, { size: 12, bold: true, options: { width: textWidth } });
  const contact = [head.address, head.phone, head.email].filter(Boolean).join('  ·  ');
  if (contact) write(doc, contact, { size: 9, color: '#555555', options: { width: textWidth } });
  if (head.logo) doc.y = Math.max(doc.y, top + LOGO_BOX[1]);
  doc.moveDown(0.6);
}
