// The password rule that the server enforces and the web app shows while the password is typed:
// at least 12 characters and a zxcvbn score of 3 or more, judged against the person's own name,
// email and studio. The estimator itself (zxcvbn-ts) is passed in, so this stays pure and both
// sides use the same rule.
//
// zxcvbn prices every separator as a guess of its own, so 'invitee demo studio example' (the
// person's own email in words) or 'password password' score as strong. Separators add almost
// nothing an attacker has to guess: the password is also judged with them taken out, and the
// lower score counts.

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

export interface StrengthResult {
  score: 0 | 1 | 2 | 3 | 4;
  feedback: { warning: string | null; suggestions: string[] };
}

/** zxcvbn-ts's `check` (or anything of that shape). */
export type StrengthEstimator = (password: string, userInputs: string[]) => StrengthResult;

/** The words of a person's own details a password must not be built on: whole, split, and run together. */
export function personalWords(...texts: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    const lower = text.trim().toLowerCase();
    if (!lower) continue;
    const local = lower.split('@')[0] ?? lower;
    const parts = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const w of [lower, local, ...parts, parts.join(''), local.replace(/[^\p{L}\p{N}]+/gu, '')])
      if (w.length >= 3) words.add(w);
  }
  return [...words];
}

const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/**
 * The weakest of three judgements: as typed; with separators taken out; and, when the person's
 * own words are in it, of what is left without them (an attacker knows those words).
 * `fromPersonalWords` says that the last one decided.
 */
export function judgePassword(
  estimate: StrengthEstimator,
  password: string,
  personal: readonly string[],
): StrengthResult & { fromPersonalWords: boolean } {
  const inputs = [...personal];
  const text = password.slice(0, 256);
  let weakest = estimate(text, inputs);
  const joined = text.replace(SEPARATORS, '');
  if (joined && joined !== text) {
    const bare = estimate(joined, inputs);
    if (bare.score < weakest.score) weakest = bare;
  }
  let rest = joined.toLowerCase();
  for (const word of [...personal].sort((a, b) => b.length - a.length))
    rest = rest.split(word.replace(SEPARATORS, '')).join('');
  if (rest !== joined.toLowerCase()) {
    const left = rest
      ? estimate(rest, inputs)
      : { score: 0 as const, feedback: { warning: null, suggestions: [] } };
    if (left.score < weakest.score) return { ...left, fromPersonalWords: true };
  }
  return { ...weakest, fromPersonalWords: false };
}

/** Whether a password passes the rule (length and score). */
export function passwordAccepted(result: StrengthResult, password: string): boolean {
  return password.length >= MIN_PASSWORD_LENGTH && result.score >= MIN_PASSWORD_SCORE;
}
