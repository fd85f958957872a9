// PDFs with bundled fonts, so every name prints: DejaVu Sans covers Latin (Łukasz, Núñez),
// Greek and Cyrillic; Noto Sans SC covers Chinese (王芳). pdfkit embeds only the glyphs a
// document uses (subsets), so a PDF stays small although the CJK font file is 10 MB. pdfkit
// has no per-glyph fallback, so text is split into runs by script and each run gets its font.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

const FONT_FILES = {
  latin: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  latinBold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  cjk: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  cjkBold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

// Han, CJK symbols and punctuation, fullwidth forms, kana, hangul.
const CJK_CHAR =
  /[\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

export type Pdf = PDFKit.PDFDocument;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  /** pdfkit text options (width, align, lineGap, ...). */
  options?: PDFKit.Mixins.TextOptions;
}

/** A new A4 document with the fonts registered; `done()` ends it and resolves to its bytes. */
export function createPdf(info: { title: string; author?: string }): {
  doc: Pdf;
  done: () => Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: info.title, Author: info.author ?? 'Stipple', Creator: 'Stipple' },
    // Deterministic output for the same content (no creation date in the file id).
    compress: true,
  });
  doc.registerFont('latin', FONT_FILES.latin);
  doc.registerFont('latin-bold', FONT_FILES.latinBold);
  doc.registerFont('cjk', FONT_FILES.cjk);
  doc.registerFont('cjk-bold', FONT_FILES.cjkBold);
  doc.font('latin');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    done: () => {
      doc.end();
      return finished;
    },
  };
}

const ASCII = /[\u0020-\u007e]/;

/**
 * Splits text into runs of CJK and non-CJK characters. In a line that has Chinese in it, plain
 * ASCII (digits, "SMP") stays in the CJK font too, so it sits on the same baseline.
 */
export function scriptRuns(text: string): { cjk: boolean; text: string }[] {
  const runs: { cjk: boolean; text: string }[] = [];
  const hasCjk = CJK_CHAR.test(text);
  for (const ch of text) {
    const cjk = CJK_CHAR.test(ch) || (hasCjk && ASCII.test(ch));
    const last = runs[runs.length - 1];
    if (last && (last.cjk === cjk || ch === ' ' || ch === '\n')) last.text += ch;
    else runs.push({ cjk, text: ch });
  }
  return runs;
}

/** Writes a paragraph, switching fonts per script run; ends with a line break. */
export function write(doc: Pdf, text: string, style: TextStyle = {}): void {
  const size = style.size ?? 11;
  doc.fillColor(style.color ?? '#111111').fontSize(size);
  // A paragraph starts where its first line fits whole: otherwise its first run (a bullet, a
  // label) stays at the foot of the page and the rest of the line opens the next one.
  const bottom = doc.page.height - doc.page.margins.bottom;
  if (doc.y + doc.font('cjk').currentLineHeight(true) * 1.5 > bottom) doc.addPage();
  const runs = scriptRuns(text.length ? text : ' ');
  runs.forEach((run, i) => {
    const font = run.cjk ? (style.bold ? 'cjk-bold' : 'cjk') : style.bold ? 'latin-bold' : 'latin';
    doc.font(font).text(run.text, { ...style.options, continued: i < runs.length - 1 });
  });
  doc.fillColor('#111111');
}

export function rule(doc: Pdf): void {
  const y = doc.y + 4;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .strokeColor('#bbbbbb')
    .lineWidth(0.7)
    .stroke();
  doc.moveDown(0.8);
}
