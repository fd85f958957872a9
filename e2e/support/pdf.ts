// Looks at a downloaded PDF as a person would: poppler's pdftoppm renders its pages (installed
// with apt when missing), and the share of inked pixels says whether a page is blank.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

function ensurePdftoppm(): void {
  if (spawnSync('pdftoppm', ['-v']).status === 0) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  const res = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'poppler-utils'], {
    env,
    stdio: 'ignore',
  });
  if (res.status !== 0) throw new Error('pdftoppm is missing and poppler-utils could not be installed');
}

/** Renders the PDF, copies page 1 to `pngPath`, and returns each page's share of inked pixels and the text. */
export async function renderPdf(pdfPath: string, pngPath: string): Promise<{ ink: number[]; text: string }> {
  ensurePdftoppm();
  const dir = mkdtempSync(join(tmpdir(), 'stipple-e2e-pdf-'));
  try {
    const res = spawnSync('pdftoppm', ['-r', '70', '-png', pdfPath, join(dir, 'page')], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`pdftoppm failed: ${res.stderr}`);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort();
    const ink: number[] = [];
    for (const p of pages) {
      const { data, info } = await sharp(join(dir, p))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      let dark = 0;
      for (const v of data) if (v < 200) dark++;
      ink.push(dark / (info.width * info.height));
    }
    if (pages[0]) copyFileSync(join(dir, pages[0]), pngPath);
    const text = spawnSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' }).stdout ?? '';
    return { ink, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
