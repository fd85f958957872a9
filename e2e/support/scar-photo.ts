// A scalp photo with a strip scar and a ruler, for the zone editor's browser test. The fixture
// scalps carry no scar and no ruler, so a part of the real crown photo (at its full 20 px/mm, where
// the follicles resolve) gets a pale, smooth, follicle-free band drawn across it, as an FUT strip
// scar looks, and a millimetre ruler laid along its bottom edge.
import sharp from 'sharp';

const fixture = new URL('../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url).pathname;

/** Photo pixels per millimetre: the fixture's scale near the crown, and the ruler's. */
export const SCAR_PHOTO_PX_PER_MM = 20;
const SKIN = { left: 800, top: 500, width: 2400, height: 1800 };
const RULER_HEIGHT = 160;
const RULER_ZERO_X = 150;

export interface ScarPhoto {
  path: string;
  width: number;
  height: number;
  /** Two marks on the ruler (photo pixels) and the millimetres between them. */
  ruler: { a: { x: number; y: number }; b: { x: number; y: number }; mm: number };
  /** Where the scar runs (photo pixels): a band between these x, centred near this y. */
  scar: { x0: number; x1: number; y: number; widthPx: number };
}

function rulerSvg(width: number, height: number): string {
  const marks: string[] = [];
  for (let mm = 0; RULER_ZERO_X + mm * SCAR_PHOTO_PX_PER_MM < width - 40; mm++) {
    const x = RULER_ZERO_X + mm * SCAR_PHOTO_PX_PER_MM;
    const length = mm % 10 === 0 ? 80 : mm % 5 === 0 ? 65 : 50;
    marks.push(
      `<line x1="${x}" y1="${height + 20}" x2="${x}" y2="${height + 20 + length}" stroke="#111" stroke-width="3"/>`,
    );
    if (mm % 10 === 0)
      marks.push(
        `<text x="${x}" y="${height + 140}" font-size="36" font-family="sans-serif" text-anchor="middle" fill="#111">${mm / 10}</text>`,
      );
  }
  return `<svg width="${width}" height="${height + RULER_HEIGHT}" xmlns="http://www.w3.org/2000/svg">
    <rect x="0" y="${height}" width="${width}" height="${RULER_HEIGHT}" fill="#f4efe0"/>${marks.join('')}
  </svg>`;
}

/** Writes the photo as a JPEG to `path`. */
export async function makeScarPhoto(path: string): Promise<ScarPhoto> {
  const { width, height } = SKIN;
  const scar = { x0: 600, x1: 2000, y: 1020, widthPx: 110 };
  // Hypopigmented, smooth and hairless, with soft edges: what the analysis reads as a strip scar.
  const scarSvg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
    <defs><filter id="soft" x="-10%" y="-50%" width="120%" height="200%"><feGaussianBlur stdDeviation="5"/></filter></defs>
    <path d="M ${scar.x0} 1000 Q ${(scar.x0 + scar.x1) / 2} 1070 ${scar.x1} 1000" stroke="rgb(190,158,145)"
      stroke-width="${scar.widthPx}" stroke-linecap="round" fill="none" filter="url(#soft)"/>
  </svg>`;
  const skin = await sharp(fixture)
    .extract(SKIN)
    .composite([{ input: Buffer.from(scarSvg) }])
    .toBuffer();
  await sharp({
    create: { width, height: height + RULER_HEIGHT, channels: 3, background: '#f4efe0' },
  })
    .composite([{ input: skin, left: 0, top: 0 }, { input: Buffer.from(rulerSvg(width, height)) }])
    .jpeg({ quality: 90 })
    .toFile(path);
  const y = height + 20 + 40;
  return {
    path,
    width,
    height: height + RULER_HEIGHT,
    ruler: {
      a: { x: RULER_ZERO_X, y },
      b: { x: RULER_ZERO_X + 50 * SCAR_PHOTO_PX_PER_MM, y },
      mm: 50,
    },
    scar,
  };
}
