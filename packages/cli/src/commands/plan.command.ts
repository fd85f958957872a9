import { Command } from 'commander';
import { Assessment, planTreatment } from '@stipple/core';
import { readJsonInput } from '../lib/json-input.js';

export function planCommand(): Command {
  return new Command('plan')
    .description('turn an assessment into a treatment plan, every statement citing the rules that made it')
    .argument('<assessment>', 'assessment file (JSON; `stipple schema assessment` prints the schema)')
    .action(async (path: string) => {
      const assessment = await readJsonInput(path, Assessment, 'assessment file');
      process.stdout.write(`${JSON.stringify(planTreatment(assessment), null, 2)}\n`);
    });
}
