// Passwords: argon2id hashes (OWASP's minimum parameters, which are @node-rs/argon2's defaults,
// stated here so a library update cannot weaken them) and a strength rule: at least 12
// characters (the shared schema) and a zxcvbn score of 3 or more, judged against the person's
// own name and email.
import { hash, verify } from '@node-rs/argon2';
import type { FieldMessage } from '@stipple/core';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot import). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the time of a real verification, so unknown emails answer as slowly as wrong passwords. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword('not a real password, only for equal timing');
  await verifyPassword(await dummyHash, password);
}

export const MIN_PASSWORD_SCORE = 3;
let zxcvbn: ZxcvbnFactory | undefined;

/** Why a password is too weak, as a field message; null when it is strong enough. */
export function passwordWeakness(password: string, userInputs: string[]): FieldMessage | null {
  if (password.length < 12) return { code: 'tooShort', params: { count: 12 } };
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  // The whole string, its parts, and its parts run together ("Mei Chen" -> "meichen").
  const inputs = userInputs
    .flatMap((s) => {
      const local = s.split('@')[0] ?? s;
      return [s, local, ...s.split(/[\s@.+_-]+/), local.replace(/[\s.+_-]+/g, ''), s.replace(/[\s]+/g, '')];
    })
    .map((s) => s.toLowerCase())
    .filter((s) => s.length >= 3);
  const result = zxcvbn.check(password.slice(0, 256), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  // zxcvbn's own feedback is English only: the web app's strength meter gives it in the UI language.
  return { code: 'tooEasyToGuess' };
}
