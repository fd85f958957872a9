import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { judgePassword, personalWords, type StrengthEstimator } from '@stipple/core';

export interface PasswordStrength {
  /** 0 (guessed in seconds) to 4 (very hard to guess), zxcvbn's scale, by the server's rule. */
  score: 0 | 1 | 2 | 3 | 4;
  /**
   * Translation key of the main weakness under `passwordFeedback.warnings`, or `personal` when the
   * password is built from the person's own name, email or studio.
   */
  warning: string | null;
  /** Translation keys under `passwordFeedback.suggestions`. */
  suggestions: string[];
}

let checker: Promise<ZxcvbnFactory> | null = null;

/**
 * The same estimator the server scores new passwords with (zxcvbn-ts with its common and English
 * dictionaries), loaded on first use only: its dictionaries are a large download that only the
 * password pages need. Feedback comes back as keys, translated by our own i18n.
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

/**
 * Scores a password by the server's rule (core's judgePassword): `personal` are the person's own
 * details (name, email, studio name) as written; words of them count as easy to guess.
 */
export async function checkPasswordStrength(
  password: string,
  personal: readonly string[] = [],
): Promise<PasswordStrength> {
  const zxcvbn = await loadChecker();
  const estimate: StrengthEstimator = (pw, inputs) => {
    const r = zxcvbn.check(pw, inputs);
    return {
      score: r.score,
      feedback: { warning: r.feedback.warning || null, suggestions: r.feedback.suggestions },
    };
  };
  const result = judgePassword(estimate, password, personalWords(...personal));
  return {
    score: result.score,
    warning: result.fromPersonalWords ? 'personal' : result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
