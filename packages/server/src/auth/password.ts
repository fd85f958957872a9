// Passwords: argon2id hashes (OWASP's minimum parameters, which are @node-rs/argon2's defaults,
// stated here so a library update cannot weaken them) and a strength rule: at least 12
// characters (the shared schema) and a zxcvbn score of 3 or more, judged against the person's
// own name, email and studio (the rule itself: core's password-policy.ts).
import { hash, verify } from '@node-rs/argon2';
import {
  MIN_PASSWORD_LENGTH,
  MIN_PASSWORD_SCORE,
  judgePassword,
  personalWords,
  type FieldMessage,
  type StrengthEstimator,
} from '@stipple/core';
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

let zxcvbn: ZxcvbnFactory | undefined;

const estimate: StrengthEstimator = (password, inputs) => {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  const result = zxcvbn.check(password, inputs);
  return {
    score: result.score,
    feedback: { warning: result.feedback.warning, suggestions: result.feedback.suggestions },
  };
};

/**
 * Why a password is too weak, as a field message; null when it is strong enough.
 * `personal` are the person's own details (name, email, studio name), as they are written.
 */
export function passwordWeakness(password: string, personal: string[]): FieldMessage | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return { code: 'tooShort', params: { count: MIN_PASSWORD_LENGTH } };
  const result = judgePassword(estimate, password, personalWords(...personal));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  if (result.fromPersonalWords) return { code: 'tooEasyToGuessPersonal' };
  // zxcvbn's own feedback is English only: the web app's strength meter gives it in the UI language.
  return { code: 'tooEasyToGuess' };
}
