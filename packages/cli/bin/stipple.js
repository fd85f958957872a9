#!/usr/bin/env node
// The `stipple` command. The TypeScript sources are built into ../dist by `npm install`
// (the repository's prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'stipple: the command line is not built yet; run `npm run build` in the repository first\n',
  );
  process.exit(2);
}
await import(entry.href);
