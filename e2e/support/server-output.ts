import type { DemoSignIn } from './provided.js';

const DEMO_LINE = /^\[stipple\] Demo sign-in: (\S+@\S+) \/ (\S.*?)\s*$/;
const LISTENING_LINE = /^\[stipple\] Listening on (http:\/\/\S+?)\/?\s*$/;

/**
 * Reads the lines the server prints on its first start: the demo sign-ins (keyed by the part of
 * the email before `@`, e.g. `owner`) and the address it listens on.
 */
export function parseServerOutput(text: string): {
  signIns: Record<string, DemoSignIn>;
  listening: string | null;
} {
  const signIns: Record<string, DemoSignIn> = {};
  let listening: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const demo = DEMO_LINE.exec(line);
    if (demo) {
      const email = demo[1]!;
      signIns[email.split('@')[0]!] = { email, password: demo[2]! };
      continue;
    }
    const listen = LISTENING_LINE.exec(line);
    if (listen) listening = listen[1]!;
  }
  return { signIns, listening };
}
