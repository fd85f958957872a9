import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import {
  EncodedScalpMapSchema,
  StageRenderer,
  ZoneError,
  ZonesFile,
  clientHairFromAnalysis,
  planSimulation,
  type Simulation,
} from '@stipple/core';
import { readJsonInput } from '../lib/json-input.js';
import { readPhoto, sideBySide, writePng } from '../lib/images.js';
import { withOutputDir } from '../lib/output-dir.js';
import { UsageError } from '../lib/usage-error.js';

const Lab = z.tuple([z.number(), z.number(), z.number()]);
/**
 * What `simulate` reads from an analysis (`stipple analyze` output): the follicles ("match", and
 * the client's own hair that dots fill round) and the stubble and skin tones (the shade to start from).
 */
const AnalysisForSimulation = z.object({
  pxPerMm: z.number().positive().nullable().optional(),
  follicles: z.array(z.object({ x: z.number(), y: z.number() })).optional(),
  densityMap: z
    .object({
      originX: z.number(),
      originY: z.number(),
      cellPx: z.number().positive(),
      cols: z.number().int().min(0),
      rows: z.number().int().min(0),
      perCm2: z.array(z.number().nullable()),
    })
    .nullable()
    .optional(),
  stubbleLab: Lab.nullable().optional(),
  skinLab: Lab.nullable().optional(),
  scalpMap: EncodedScalpMapSchema.optional(),
});

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('render what the scalp will look like after each session, healed, and years later')
    .argument('<photo>', 'the client photo (JPEG, PNG, WebP or TIFF)')
    .requiredOption(
      '--zones <file>',
      'zones drawn on the photo (JSON; `stipple schema zones` prints the schema)',
    )
    .requiredOption('--out <dir>', 'folder for the renders, impressions.csv and summary.json')
    .option(
      '--analysis <file>',
      'photo analysis (from `stipple analyze`): dots go only where the client has no hair, from the tone of the stubble, and "densityPerCm2": "match" is resolved',
    )
    .action(async (photoPath: string, opts: { zones: string; out: string; analysis?: string }) => {
      const started = Date.now();
      const spec = await readJsonInput(opts.zones, ZonesFile, 'zones file');
      const analysis = opts.analysis
        ? await readJsonInput(opts.analysis, AnalysisForSimulation, 'analysis file')
        : undefined;
      const photo = await readPhoto(photoPath);
      let sim: Simulation;
      try {
        sim = planSimulation(
          spec,
          photo,
          analysis
            ? {
                follicles: analysis.follicles ?? [],
                densityMap: analysis.densityMap ?? null,
                ...(analysis.scalpMap ? { scalpMap: analysis.scalpMap } : {}),
              }
            : undefined,
          analysis ? { hair: clientHairFromAnalysis(analysis) } : {},
        );
      } catch (err) {
        if (err instanceof ZoneError) throw new UsageError(`zones file ${opts.zones}: ${err.message}`);
        throw err;
      }
      if (analysis?.pxPerMm && Math.abs(analysis.pxPerMm / sim.pxPerMm - 1) > 0.05) {
        process.stderr.write(
          `warning: the analysis was calibrated at ${analysis.pxPerMm.toFixed(2)} px/mm and the zones at ${sim.pxPerMm.toFixed(2)} px/mm\n`,
        );
      }

      await withOutputDir(opts.out, async (dir) => {
        let healed = photo;
        const renderer = new StageRenderer(photo);
        for (const { name, stage } of sim.stages) {
          const image = renderer.render(sim.impressions, stage);
          await writePng(image, join(dir, `${name}.png`));
          if (name === 'healed') healed = { ...image, data: new Uint8Array(image.data) };
        }
        await sideBySide(photo, healed, join(dir, 'compare.png'), 1600);
        await writeFile(join(dir, 'impressions.csv'), impressionsCsv(sim));
        await writeFile(
          join(dir, 'summary.json'),
          `${JSON.stringify(summaryJson(sim, photoPath, photo), null, 2)}\n`,
        );
      });

      process.stdout.write(
        `${totalImpressions(sim)} impressions over ${sim.sessions} sessions in ${sim.summary.length} zones; ` +
          `wrote ${sim.stages.map((s) => s.name).join(', ')}, compare, impressions.csv, summary.json to ${opts.out} ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      for (const z of sim.summary) {
        process.stdout.write(
          `  ${z.id.padEnd(16)} ${z.kind.padEnd(8)} ${z.areaCm2.toFixed(2).padStart(7)} cm²  target ${z.targetDensityPerCm2
            .toFixed(0)
            .padStart(
              3,
            )}/cm²  achieved ${z.achievedDensityPerCm2.toFixed(0).padStart(3)}/cm²  per session ${z.impressionsPerSession.join(' / ')}` +
            (z.existingDensityPerCm2 > 0
              ? `  (client's hair ${z.existingDensityPerCm2.toFixed(0)}/cm²)`
              : '') +
            '\n',
        );
        for (const w of z.warnings) process.stdout.write(`    warning: ${w.message}\n`);
      }
      if (sim.stubble) process.stdout.write(`  ${stubbleLine(sim)}\n`);
    });
}

/** The shade matched to the client's stubble against the zones' shades, in words. */
function stubbleLine(sim: Simulation): string {
  const st = sim.stubble!;
  if (st.shade === null)
    return st.reason === 'not-measured'
      ? 'stubble tone: not measured by the analysis; the zones keep their own shades'
      : `stubble tone: L* ${st.stubbleL?.toFixed(0)} is not darker than the skin (L* ${st.skinL?.toFixed(0)}): pale or grey stubble, which dots cannot match; the zones keep their own shades`;
  const differences = sim.summary
    .filter((z) => z.shadeDifference !== null)
    .map(
      (z) => `${z.id} ${z.shadePerSession.at(-1)} (${z.shadeDifference! > 0 ? '+' : ''}${z.shadeDifference})`,
    );
  return `stubble tone matches shade ${st.shade}; healed shades against it: ${differences.join(', ')}`;
}

/** Impressions placed over all sessions and zones (without the stray ones a render adds). */
function totalImpressions(sim: Simulation): number {
  return sim.summary.reduce((n, z) => n + z.impressionsPerSession.reduce((a, b) => a + b, 0), 0);
}

function impressionsCsv(sim: Simulation): string {
  const set = sim.impressions;
  const ids = sim.built.zones.map((z) => z.id);
  const lines = ['x,y,diameter_px,session,zone'];
  for (let i = 0; i < set.count; i++) {
    if (!set.primary[i]) continue;
    lines.push(
      `${set.x[i]!.toFixed(2)},${set.y[i]!.toFixed(2)},${(set.diameterMm[i]! * set.pxPerMm).toFixed(2)},${set.session[i]},${ids[set.zone[i]!]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function summaryJson(sim: Simulation, photoPath: string, photo: { width: number; height: number }) {
  return {
    photo: { path: photoPath, width: photo.width, height: photo.height },
    pxPerMm: Math.round(sim.pxPerMm * 1000) / 1000,
    sessions: sim.sessions,
    sessionShares: sim.sessionShares,
    impressions: totalImpressions(sim),
    stages: sim.stages.map((s) => ({ file: `${s.name}.png`, ...s.stage })),
    stubble: sim.stubble,
    zones: sim.summary,
    warnings: sim.summary.flatMap((z) => z.warnings.map((w) => ({ zone: z.id, ...w }))),
  };
}
