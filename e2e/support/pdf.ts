// Looks at a downloaded PDF as a person would, with the server tests' PDF check (poppler renders
// the pages, the share of inked pixels says whether a page is blank, pdftotext reads the text).
import { readFileSync, writeFileSync } from 'node:fs';
import { lookAtPdf } from '../../packages/server/src/test-support/pdf-check.js';

/**
 * Renders the PDF, writes page 1 to `pngPath`, and returns each page's share of inked pixels and
 * the text, its runs of white space (line breaks, layout columns) made single spaces.
 */
export async function renderPdf(pdfPath: string, pngPath: string): Promise<{ ink: number[]; text: string }> {
  const look = await lookAtPdf(readFileSync(pdfPath));
  if (look.pngs[0]) writeFileSync(pngPath, look.pngs[0]);
  return { ink: look.ink, text: look.text.replace(/\s+/g, ' ') };
}
