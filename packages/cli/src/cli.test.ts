import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/stipple.js', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;
let photo: string;

interface ZoneSummary {
  id: string;
  areaCm2: number;
  targetDensityPerCm2: number;
  achievedDensityPerCm2: number;
  densitySource: string;
  impressionsPerSession: number[];
}
interface Summary {
  zones: ZoneSummary[];
}
const readSummary = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as Summary;

/**
 * Each test starts the CLI several times, a Node process that loads sharp and the core: seconds each
 * on a quiet machine, tens of seconds on one shared with builds and other tests.
 */
const CLI_TEST_TIMEOUT_MS = 300_000;

function stipple(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const zones = {
  calibration: { pxPerMm: 12 },
  seed: 5,
  sessions: 3,
  zones: [
    {
      id: 'crown',
      kind: 'fill',
      polygon: [
        [30, 30],
        [330, 30],
        [330, 270],
        [30, 270],
      ],
      densityPerCm2: 70,
    },
    {
      id: 'scar-1',
      kind: 'scar',
      polygon: [
        [120, 140],
        [250, 130],
        [252, 150],
        [122, 160],
      ],
      densityPerCm2: 80,
      texture: 'flat',
    },
    {
      id: 'front',
      kind: 'hairline',
      polyline: [
        [40, 40],
        [200, 30],
        [320, 45],
      ],
      inward: [180, 200],
      densityPerCm2: 70,
    },
  ],
};

beforeAll(async () => {
  // The command runs from its build, as `npx stipple` does; build it when a test run has not yet.
  if (!existsSync(new URL('../dist/main.js', import.meta.url))) {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-b', join(root, 'packages/cli')],
        (e) => (e ? reject(new Error(`building the command line failed: ${e.message}`)) : resolve()),
      ),
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'stipple-cli-'));
  photo = join(dir, 'scalp.jpg');
  await sharp({ create: { width: 360, height: 300, channels: 3, background: { r: 205, g: 160, b: 140 } } })
    .jpeg({ quality: 92 })
    .toFile(photo);
  await writeFile(join(dir, 'zones.json'), JSON.stringify(zones));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('stipple simulate', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('writes every stage, the comparison, the impressions and a summary', async () => {
    const res = await stipple('simulate', photo, '--zones', 'zones.json', '--out', 'out');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const files = (await readdir(join(dir, 'out'))).sort();
    expect(files).toEqual(
      [
        'compare.png',
        'faded-5y.png',
        'healed.png',
        'healed-scar-poor.png',
        'impressions.csv',
        'session-1.png',
        'session-2.png',
        'session-3.png',
        'summary.json',
      ].sort(),
    );
    const meta = await sharp(join(dir, 'out', 'healed.png')).metadata();
    expect([meta.width, meta.height]).toEqual([360, 300]);

    const csv = (await readFile(join(dir, 'out', 'impressions.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('x,y,diameter_px,session,zone');
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(100);
    for (const [x, y, d, s, z] of rows.slice(0, 200)) {
      expect(Number(x)).toBeGreaterThanOrEqual(0);
      expect(Number(y)).toBeLessThan(300);
      expect(Number(d)).toBeGreaterThan(1);
      expect(['1', '2', '3']).toContain(s);
      expect(['crown', 'scar-1', 'front']).toContain(z);
    }

    const summary = await readSummary(join(dir, 'out', 'summary.json'));
    expect(summary.zones.map((z) => z.id)).toEqual(['crown', 'scar-1', 'front']);
    const perZone = summary.zones.map((z) => z.impressionsPerSession.reduce((a, b) => a + b, 0));
    expect(perZone.reduce((a, b) => a + b, 0)).toBe(rows.length);
    const crown = summary.zones[0]!;
    // The hairline keeps its 8 mm transition across the top of the 25 × 20 mm fill.
    expect(crown.areaCm2).toBeGreaterThan(1.5);
    expect(crown.targetDensityPerCm2).toBe(70);
    expect(crown.achievedDensityPerCm2).toBeGreaterThan(55);
    expect(res.stdout).toMatch(/impressions over 3 sessions/);
  });

  it('names the field and writes nothing when the zones are wrong', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { ...zones, zones: [{ id: 'h', kind: 'hairline', polyline: [[1, 1]], inward: [5, 5] }] },
        /zones\[0\]\.polyline: Must have at least 2 entries/,
      ],
      [{ ...zones, shoeSize: 44 }, /shoeSize: Is not a known field/],
      [{ ...zones, calibration: { pxPerMm: -3 } }, /calibration/],
      [
        {
          ...zones,
          zones: [
            {
              id: 'far',
              kind: 'fill',
              polygon: [
                [900, 900],
                [950, 900],
                [950, 950],
              ],
            },
          ],
        },
        /zones\.0\.polygon: lies outside the photo/,
      ],
      [
        {
          ...zones,
          zones: [
            {
              id: 's',
              kind: 'scar',
              polygon: [
                [10, 10],
                [50, 10],
                [50, 50],
              ],
              densityPerCm2: 'match',
            },
          ],
        },
        /zones\.0\.densityPerCm2: is "match", which needs a photo analysis/,
      ],
    ];
    for (const [bad, message] of cases) {
      await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
      const res = await stipple('simulate', photo, '--zones', 'bad.json', '--out', 'never');
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(message);
      expect(existsSync(join(dir, 'never'))).toBe(false);
    }
    expect((await readdir(dir)).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('refuses a missing photo, a photo that is not an image, and JSON that does not parse', async () => {
    await writeFile(join(dir, 'not-an-image.jpg'), 'hello');
    await writeFile(join(dir, 'broken.json'), '{"calibration": ');
    const missing = await stipple('simulate', 'nope.jpg', '--zones', 'zones.json', '--out', 'never');
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringMatching(/photo nope\.jpg: no such file/),
    ]);
    const notImage = await stipple('simulate', 'not-an-image.jpg', '--zones', 'zones.json', '--out', 'never');
    expect([notImage.code, notImage.stderr]).toEqual([2, expect.stringMatching(/not an image/)]);
    const broken = await stipple('simulate', photo, '--zones', 'broken.json', '--out', 'never');
    expect([broken.code, broken.stderr]).toEqual([
      2,
      expect.stringMatching(/broken\.json: is not valid JSON/),
    ]);
    const noZones = await stipple('simulate', photo, '--out', 'never');
    expect(noZones.code).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('resolves "match" from an analysis file', async () => {
    const follicles: { x: number; y: number; r: number; confidence: number }[] = [];
    for (let y = 0; y < 300; y += 13)
      for (let x = 0; x < 360; x += 13) follicles.push({ x, y, r: 2, confidence: 0.9 });
    // The analysis' density map: one cell over the whole 360 × 300 photo, resolved or not.
    const analysis = (resolved: boolean) => ({
      pxPerMm: 12,
      follicles,
      densityMap: { originX: 0, originY: 0, cellPx: 360, cols: 1, rows: 1, perCm2: [resolved ? 85 : null] },
      scalpMap: { width: 36, height: 30, factor: 10, classesRle: [3, 1080], coverageRle: [10, 1080] },
    });
    await writeFile(join(dir, 'analysis.json'), JSON.stringify(analysis(true)));
    await writeFile(join(dir, 'blurred.json'), JSON.stringify(analysis(false)));
    const withMatch = {
      ...zones,
      zones: [
        {
          id: 's',
          kind: 'scar',
          polygon: [
            [120, 140],
            [250, 130],
            [252, 150],
            [122, 160],
          ],
          densityPerCm2: 'match',
        },
      ],
    };
    await writeFile(join(dir, 'match.json'), JSON.stringify(withMatch));
    const res = await stipple(
      'simulate',
      photo,
      '--zones',
      'match.json',
      '--analysis',
      'analysis.json',
      '--out',
      'matched',
    );
    expect(res.code).toBe(0);
    const summary = await readSummary(join(dir, 'matched', 'summary.json'));
    // 13 px at 12 px/mm: one follicle per 1.17 mm² ≈ 85 per cm².
    expect(summary.zones[0]!.densitySource).toBe('analysis');
    expect(summary.zones[0]!.targetDensityPerCm2).toBeGreaterThan(75);
    expect(summary.zones[0]!.targetDensityPerCm2).toBeLessThan(95);
    // The same photo out of focus round the scar: no density to match, and no photo-wide stand-in.
    const refused = await stipple(
      'simulate',
      photo,
      '--zones',
      'match.json',
      '--analysis',
      'blurred.json',
      '--out',
      'refused',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /zones\.0\.densityPerCm2: is "match", but the photo resolves follicles on only 0 % .* of the scalp round this scar/,
    );
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  });
  it('says which zone collapsed, fills round the client’s hair and starts from the stubble’s tone', async () => {
    const follicles = [];
    for (let y = 30; y < 270; y += 14) for (let x = 30; x < 170; x += 14) follicles.push({ x, y });
    await writeFile(
      join(dir, 'hair.json'),
      JSON.stringify({ pxPerMm: 12, follicles, stubbleLab: [38, 6, 9], skinLab: [68, 14, 17] }),
    );
    const square = (x0: number, y0: number, x1: number, y1: number) => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ];
    await writeFile(
      join(dir, 'meet.json'),
      JSON.stringify({
        ...zones,
        zones: [
          { id: 'crown', kind: 'fill', polygon: square(20, 20, 340, 280), densityPerCm2: 70 },
          { id: 'patch', kind: 'fill', polygon: square(230, 120, 250, 140), densityPerCm2: 40, shade: 30 },
          { id: 'scar', kind: 'scar', polygon: square(200, 100, 300, 170), densityPerCm2: 90, shade: 30 },
        ],
      }),
    );
    const res = await stipple(
      'simulate',
      photo,
      '--zones',
      'meet.json',
      '--analysis',
      'hair.json',
      '--out',
      'meet',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/warning: patch keeps 0 of the 0\.03 cm² drawn: scar covers the rest/);
    expect(res.stdout).toMatch(/stubble tone matches shade \d+/);
    const summary = JSON.parse(await readFile(join(dir, 'meet', 'summary.json'), 'utf8')) as {
      zones: { id: string; existingDensityPerCm2: number; shadeSource: string; stubbleShade: number }[];
      warnings: { zone: string; code: string }[];
    };
    expect(summary.warnings).toEqual([expect.objectContaining({ zone: 'patch', code: 'collapsed' })]);
    const crown = summary.zones[0]!;
    // 14 px apart at 12 px/mm: ~73 follicles per cm² over the left part of the crown.
    expect(crown.existingDensityPerCm2).toBeGreaterThan(15);
    expect(crown.shadeSource).toBe('stubble');
    expect(summary.zones[2]!.shadeSource).toBe('file');
  });
});

describe('stipple with a command it does not have', () => {
  it('exits 2 naming the command on stderr, not 0 with the help on stdout', async () => {
    const res = await stipple('frobnicate');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown command 'frobnicate'/);
    expect(res.stdout).toBe('');
  });
});

describe('stipple schema and plan', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints the zones schema as JSON Schema', async () => {
    const res = await stipple('schema', 'zones');
    expect(res.code).toBe(0);
    const schema = JSON.parse(res.stdout) as { properties: { zones: { type: string } } };
    expect(schema.properties.zones.type).toBe('array');
    expect(JSON.stringify(schema)).toContain('"hairline"');
    const unknown = await stipple('schema', 'shoes');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      expect.stringMatching(/unknown; the schemas are zones, assessment, plan/),
    ]);
  });

  it('plans from an assessment and names the bad field of a wrong one', async () => {
    await writeFile(
      join(dir, 'assessment.json'),
      JSON.stringify({
        ageYears: 40,
        goal: 'scar-camouflage',
        consultationDate: '2026-11-21',
        scars: [
          { cause: 'fut', lengthMm: 150, widthMm: 2, texture: 'keloid', colour: 'hypo', ageMonths: 30 },
        ],
      }),
    );
    const res = await stipple('plan', 'assessment.json');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { eligibility: string }).eligibility).toBe('not_eligible');
    await writeFile(
      join(dir, 'bad-assessment.json'),
      JSON.stringify({ ageYears: 'forty', consultationDate: '2026-11-21' }),
    );
    const bad = await stipple('plan', 'bad-assessment.json');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/ageYears/)]);
  });
});
