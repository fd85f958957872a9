import { Command } from 'commander';
import { z } from 'zod';
import { ZonesFile, assessmentJsonSchema, planJsonSchema } from '@stipple/core';
import { UsageError } from '../lib/usage-error.js';

const SCHEMAS: Record<string, () => unknown> = {
  zones: () => z.toJSONSchema(ZonesFile, { io: 'input', target: 'draft-2020-12' }),
  assessment: assessmentJsonSchema,
  plan: planJsonSchema,
};

export function schemaCommand(): Command {
  return new Command('schema')
    .description(`print the JSON Schema of an input or output file: ${Object.keys(SCHEMAS).join(', ')}`)
    .argument('<name>', Object.keys(SCHEMAS).join(' | '))
    .action((name: string) => {
      const schema = SCHEMAS[name];
      if (!schema)
        throw new UsageError(`schema "${name}": unknown; the schemas are ${Object.keys(SCHEMAS).join(', ')}`);
      process.stdout.write(`${JSON.stringify(schema(), null, 2)}\n`);
    });
}
