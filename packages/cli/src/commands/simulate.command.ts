import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import {
  EncodedScalpMapSchema,
  PhotoAnalysisSchema,
  ZoneError,
  ZonesFile,
  planSimulation,
  renderStage,
  type Simulation,
} from '@stipple/core';
import { readJsonInput } from '../lib/json-input.js';
import { readPhoto, sideBySide, writePng } from '../lib/images.js';
import { withOutputDir } from '../lib/output-dir.js';
import { UsageError } from '../lib/usage-error.js';

/** What `simulate` reads from an analysis (`stipple analyze` output): only what "match" needs. */
const AnalysisForSimulation = z.object({
  pxPerMm: z.number().positive().nullable().optional(),
  follicles: z.array(z.object({ x: z.number(), y: z.number() })).optional(),
  density: z.object({ perCm2Median: z.number().nullable().optional() }).nullable().optional(),
  resolvability: PhotoAnalysisSchema.shape.resolvability.optional(),
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
      'photo analysis (from `stipple analyze`) to resolve "densityPerCm2": "match"',
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
                density: analysis.density ?? {},
                ...(analysis.resolvability ? { resolvability: analysis.resolvability } : {}),
                ...(analysis.scalpMap ? { scalpMap: analysis.scalpMap } : {}),
              }
            : undefined,
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
        for (const { name, stage } of sim.stages) {
          const image = renderStage(photo, sim.impressions, stage);
          await writePng(image, join(dir, `${name}.png`));
          if (name === 'healed') healed = image;
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
            )}/cm²  achieved ${z.achievedDensityPerCm2.toFixed(0).padStart(3)}/cm²  per session ${z.impressionsPerSession.join(' / ')}\n`,
        );
      }
    });
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
    zones: sim.summary,
  };
}
