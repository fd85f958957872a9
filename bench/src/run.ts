// `npm run bench`: speed against peer libraries, side by side in one process on the same inputs.
// Run it on an idle machine; every figure is a median after a warm-up. `npm run bench -- sampler`
// runs one suite; `--quick` leaves out the largest sizes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { accuracySuite } from './suites/accuracy.suite.js';
import { alignSuite } from './suites/align.suite.js';
import { analysisSuite } from './suites/analysis.suite.js';
import { naturalnessSuite } from './suites/naturalness.suite.js';
import { renderJobSuite, renderSuite } from './suites/render.suite.js';
import { previewSuite } from './suites/preview.suite.js';
import { samplerSuite } from './suites/sampler.suite.js';
import { suggestionReliabilitySuite } from './suites/suggestion-reliability.suite.js';
import { printTable, type Table } from './timing.js';

const suites: Record<string, () => Table[] | Promise<Table[]>> = {
  sampler: samplerSuite,
  render: renderSuite,
  'render-job': renderJobSuite,
  analysis: analysisSuite,
  accuracy: accuracySuite,
  suggestions: suggestionReliabilitySuite,
  preview: previewSuite,
  align: alignSuite,
  naturalness: naturalnessSuite,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) {
  if (!suites[name]) {
    console.error(`bench: unknown suite "${name}"; the suites are ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
}
console.log(`stipple bench: Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}`);
const results: Record<string, Table[]> = {};
for (const [name, suite] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const tables = await suite();
  tables.forEach(printTable);
  results[name] = tables;
}
mkdirSync(new URL('../out', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../out/results.json', import.meta.url),
  JSON.stringify({ node: process.version, at: new Date().toISOString(), results }, null, 2),
);
