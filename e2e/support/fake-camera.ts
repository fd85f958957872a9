// A picture for Chromium's fake camera: `--use-file-for-fake-video-capture` plays a Y4M file in a
// loop, so a spec can point the tablet's "camera" at a real photo it made at test time.
import { writeFile } from 'node:fs/promises';

/** The Chromium switches that give the page a camera showing `y4mPath`, with no permission prompt. */
export const fakeCameraArgs = (y4mPath: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${y4mPath}`,
];

/** Writes RGB pixels (even width and height) as a one-frame Y4M video, 4:2:0, BT.601 video range. */
export async function writeY4m(
  path: string,
  image: { width: number; height: number; data: Uint8Array | Uint8ClampedArray },
): Promise<void> {
  const { width: w, height: h, data } = image;
  if (w % 2 || h % 2) throw new Error(`a 4:2:0 frame needs even sides, got ${w}×${h}`);
  const y = new Uint8Array(w * h);
  const u = new Uint8Array((w / 2) * (h / 2));
  const v = new Uint8Array((w / 2) * (h / 2));
  for (let i = 0; i < w * h; i++) {
    const [r, g, b] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
    y[i] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let cy = 0; cy < h / 2; cy++)
    for (let cx = 0; cx < w / 2; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * cy + dy) * w + 2 * cx + dx) * 3;
        r += data[i]!;
        g += data[i + 1]!;
        b += data[i + 2]!;
      }
      [r, g, b] = [r / 4, g / 4, b / 4];
      u[cy * (w / 2) + cx] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      v[cy * (w / 2) + cx] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'latin1');
  await writeFile(path, Buffer.concat([header, y, u, v]));
}
