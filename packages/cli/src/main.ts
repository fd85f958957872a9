import { Command, CommanderError } from 'commander';
import { alignCommand } from './commands/align.command.js';
import { analyzeCommand } from './commands/analyze.command.js';
import { backupCommand, migrateCommand, restoreCommand } from './commands/data.command.js';
import { planCommand } from './commands/plan.command.js';
import { schemaCommand } from './commands/schema.command.js';
import { scoreCommand } from './commands/score.command.js';
import { simulateCommand } from './commands/simulate.command.js';
import { UsageError } from './lib/usage-error.js';

const program = new Command('stipple')
  .description(
    'Stipple on files: simulate scalp micropigmentation on a photo, plan treatments, print schemas; move, back up and restore a studio',
  )
  .showHelpAfterError()
  .exitOverride();
for (const command of [
  simulateCommand(),
  planCommand(),
  schemaCommand(),
  analyzeCommand(),
  scoreCommand(),
  alignCommand(),
  migrateCommand(),
  backupCommand(),
  restoreCommand(),
])
  program.addCommand(command.exitOverride());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version are exits with code 0; everything else commander refuses is a usage error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  if (err instanceof UsageError) {
    process.stderr.write(`stipple: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`stipple: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
