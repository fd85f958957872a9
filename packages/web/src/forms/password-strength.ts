import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export interface PasswordStrength {
  /** 0 (guessed in seconds) to 4 (very hard to guess), zxcvbn's scale. */
  score: 0 | 1 | 2 | 3 | 4;
  /** Translation key of the main weakness under `passwordFeedback.warnings`, if any. */
  warning: string | null;
  /** Translation keys under `passwordFeedback.suggestions`. */
  suggestions: string[];
}

let checker: Promise<ZxcvbnFactory> | null = null;

/**
 * The same estimator the server scores new passwords with (zxcvbn-ts with its common and English
 * dictionaries), loaded on first use only: its dictionaries are a large download that only the
 * set-password page needs. Feedback comes back as keys, translated by our own i18n.
 */
function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
      }),
  );
  return checker;
}

/** Scores a password; `userInputs` (name, email, studio) count as easy to guess. */
export async function checkPasswordStrength(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordStrength> {
  const zxcvbn = await loadChecker();
  const result = await zxcvbn.checkAsync(password, userInputs);
  return {
    score: result.score,
    warning: result.feedback.warning || null,
    suggestions: result.feedback.suggestions,
  };
}

/** Words from the user's own details that a password should not be built on. */
export function personalInputs(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const part of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}
