// Checks a PDF the way a person would look at it: poppler's pdftoppm renders every page to PNG
// (pages must not be blank) and pdftotext reads the text back (names must be there, in Latin
// and Chinese script). poppler-utils is installed with apt when it is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export function ensurePoppler(): void {
  if (spawnSync('pdftoppm', ['-v']).status === 0) return;
  if (process.getuid?.() !== 0) throw new Error('pdftoppm is missing: apt-get install poppler-utils');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let res = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'poppler-utils'], {
    env,
    stdio: 'ignore',
  });
  if (res.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    res = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'poppler-utils'], {
      env,
      stdio: 'ignore',
    });
  }
  if (res.status !== 0) throw new Error('could not install poppler-utils (pdftoppm)');
}

export interface PdfLook {
  pages: number;
  /** Per page: the share of pixels that are not near-white (ink). */
  ink: number[];
  text: string;
  /** PNG files of the pages (for looking at them). */
  pngs: Buffer[];
}

export async function lookAtPdf(pdf: Buffer, keepAs?: string): Promise<PdfLook> {
  ensurePoppler();
  const dir = mkdtempSync(join(tmpdir(), 'stipple-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const render = spawnSync('pdftoppm', ['-r', '60', '-png', file, join(dir, 'page')], { encoding: 'utf8' });
    if (render.status !== 0) throw new Error(`pdftoppm failed: ${render.stderr}`);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout ?? '';
    const pages = readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort();
    const pngs = pages.map((p) => readFileSync(join(dir, p)));
    const ink: number[] = [];
    for (const png of pngs) {
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
      let dark = 0;
      for (const v of data) if (v < 200) dark++;
      ink.push(dark / (info.width * info.height));
    }
    if (keepAs) pngs.forEach((png, i) => writeFileSync(`${keepAs}-${i + 1}.png`, png));
    return { pages: pngs.length, ink, text, pngs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
