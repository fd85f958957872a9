// Real image files made with sharp for the photo tests: a JPEG carrying EXIF GPS and an
// orientation flag, PNGs and WebPs, a truncated JPEG and a 100-megapixel PNG.
import sharp from 'sharp';

/** A landscape JPEG (w×h) whose EXIF says "rotate 90°" (6) and carries a GPS position. */
export async function jpegWithGps(width = 120, height = 60): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 90 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'GPS-1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2622/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3960/100',
      },
    })
    .toBuffer();
}

export async function plainImage(
  format: 'jpeg' | 'png' | 'webp',
  width = 80,
  height = 50,
  shade = 90,
): Promise<Buffer> {
  const base = sharp({
    create: { width, height, channels: 3, background: { r: shade, g: shade + 20, b: shade + 40 } },
  });
  return format === 'jpeg'
    ? base.jpeg().toBuffer()
    : format === 'png'
      ? base.png().toBuffer()
      : base.webp().toBuffer();
}

/** The first part of a real JPEG: the header is fine, the pixels stop halfway. */
export async function truncatedJpeg(): Promise<Buffer> {
  const full = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#7a6' } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="400" height="300"><circle cx="200" cy="150" r="120" fill="#123"/></svg>',
        ),
      },
    ])
    .jpeg({ quality: 95 })
    .toBuffer();
  return full.subarray(0, Math.floor(full.length * 0.6));
}

/** A 10 000 × 10 000 PNG (100 megapixels), tiny on disk because it is one colour. */
export async function hundredMegapixelPng(): Promise<Buffer> {
  return sharp({
    create: { width: 10_000, height: 10_000, channels: 3, background: { r: 255, g: 255, b: 255 } },
    limitInputPixels: false,
  })
    .toColourspace('b-w')
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The first bytes of a HEIC file (an ISO BMFF `ftyp` box with the heic brand). */
export function heicBytes(): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(200, 7)]);
}

/** A signature as the canvas sends it: a transparent PNG with a dark stroke. */
export async function signaturePng(blank = false): Promise<string> {
  const svg = blank
    ? '<svg width="300" height="100" xmlns="http://www.w3.org/2000/svg"></svg>'
    : '<svg width="300" height="100" xmlns="http://www.w3.org/2000/svg"><path d="M10 70 C 60 10, 90 90, 140 40 S 220 80, 290 30" stroke="#111" stroke-width="4" fill="none"/></svg>';
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}
