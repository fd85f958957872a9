// The table of docs/roles.md as the role walk reads it: each row's request and, per role, ✓ (may),
// ✗ (refused) or — (public); and the second table, of routes other test files walk.
import { readFileSync } from 'node:fs';

export type Role = 'owner' | 'artist' | 'desk';
export type Verdict = 'yes' | 'no' | 'public';
export interface Row {
  key: string;
  method: string;
  path: string;
  verdicts: Record<Role, Verdict>;
}

/** Where docs/roles.md lists the routes that other test files walk (clients', visitors'). */
const ELSEWHERE = '\n## Routes walked by their own tests';

/** Routes of that second table, each with the test file that walks it (which must exist). */
export function readElsewhere(): { route: string; file: string }[] {
  const doc = readFileSync(new URL('../../../../../docs/roles.md', import.meta.url), 'utf8');
  const out: { route: string; file: string }[] = [];
  for (const line of (doc.split(ELSEWHERE)[1] ?? '').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const request = /^`([A-Z]+ \/\S+)`$/.exec(cells[2] ?? '');
    const file = /^`([\w./-]+\.api\.test\.ts)`$/.exec(cells[4] ?? '');
    if (request && file) out.push({ route: request[1]!, file: file[1]! });
  }
  return out;
}

/** The table of docs/roles.md. */
export function readTable(): Row[] {
  const doc = readFileSync(new URL('../../../../../docs/roles.md', import.meta.url), 'utf8');
  const rows: Row[] = [];
  for (const line of doc.split(ELSEWHERE)[0]!.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const request = /^`([A-Z]+) (\/\S+)(?: \(([^)]+)\))?`$/.exec(cells[2] ?? '');
    if (!request) continue;
    const verdict = (cell: string): Verdict => {
      if (cell === '✓') return 'yes';
      if (cell === '✗') return 'no';
      if (cell === '—') return 'public';
      throw new Error(`docs/roles.md: "${cell}" in ${line}`);
    };
    rows.push({
      key: cells[2]!.slice(1, -1),
      method: request[1]!,
      path: request[2]!,
      verdicts: { owner: verdict(cells[3]!), artist: verdict(cells[4]!), desk: verdict(cells[5]!) },
    });
  }
  return rows;
}
