import type { AssessmentFacts } from './facts.js';
import type { Fact } from './condition.js';

/*
 * Facts that come from what the studio measured rather than from the assessment: the retention a
 * healed follow-up showed in each scar's zone (outcome/measure-outcome.ts), and the studio's own
 * figure for scars of the same texture on the same skin type. Rules read them like scar facts;
 * a scar without them has them unknown, and the rules that read them say so in their condition.
 */

/**
 * The studio's own retention figure for a scar texture and skin type is used once it rests on this
 * many healed cases (the rules read it as `scar.studioRetentionCases` ≥ 10). Scars of one texture
 * differ by about 20 points in what they keep (SCAR_RETENTION_POOR is ~60 % of the expected share);
 * with 10 cases the mean is known to about ±12 points (95 %), enough to tell a figure under 60 %
 * from the 70-85 % the defaults expect, while one or two unlucky scars cannot move every plan.
 */
export const STUDIO_RETENTION_MIN_CASES = 10;

export interface MeasuredRetention {
  /** The scar's plan id (`scar-1`, or the id the assessment gave it). */
  scar: string;
  /** Share of pigment the scar kept, percent (100: as healthy skin). */
  percent: number;
}

export interface StudioRetention {
  texture: string;
  /** Fitzpatrick type, or null for the figure over every skin type. */
  fitzpatrick: number | null;
  percent: number;
  cases: number;
}

export interface OutcomeFactsInput {
  measured?: readonly MeasuredRetention[];
  studio?: readonly StudioRetention[];
}

/** The outcome facts, as a JSON schema of a scar (for the rule-set check). */
export const OUTCOME_FACTS_SCHEMA = {
  type: 'object',
  properties: {
    scars: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          measuredRetentionPercent: { type: 'number' },
          studioRetentionPercent: { type: 'number' },
          studioRetentionCases: { type: 'integer' },
        },
        required: ['measuredRetentionPercent', 'studioRetentionPercent', 'studioRetentionCases'],
      },
    },
  },
} as const;

/**
 * The assessment's facts with each scar's outcome facts added. The studio's figure is the one for
 * the scar's texture and the client's skin type, else for its texture over every skin type.
 */
export function withOutcomeFacts(facts: AssessmentFacts, input: OutcomeFactsInput): AssessmentFacts {
  const fitzpatrick = facts.global.get('fitzpatrick');
  return {
    ...facts,
    scars: facts.scars.map((scar) => {
      const extra = new Map<string, Fact>(scar.facts);
      const measured = input.measured?.filter((m) => m.scar === scar.id).at(-1);
      if (measured) extra.set('scar.measuredRetentionPercent', Math.round(measured.percent));
      const texture = scar.facts.get('scar.texture');
      const studio =
        input.studio?.find((s) => s.texture === texture && s.fitzpatrick === fitzpatrick) ??
        input.studio?.find((s) => s.texture === texture && s.fitzpatrick === null);
      if (studio) {
        extra.set('scar.studioRetentionPercent', Math.round(studio.percent));
        extra.set('scar.studioRetentionCases', studio.cases);
      }
      return { ...scar, facts: extra };
    }),
  };
}
