// A Chinese reader's plan has no English left in it: for assessments that make the planner say
// nearly everything it can (every scar kind, every wait and referral, every fact left out), each
// sentence of the Chinese plan is Chinese, and the only Latin words are the names of things that
// have no other name in a Chinese studio (SMP, FUT, Norwood, 3RL, mm, Accutane…). A rule text added
// in English only, or a fact or scar id printed as it is stored, fails here.
import { describe, expect, it } from 'vitest';
import { Assessment, type AssessmentInput } from '../../domain/assessment.schema.js';
import type { Plan } from '../../domain/plan.schema.js';
import { localisePlan } from '../localise-plan.js';
import { planTreatment } from '../plan-treatment.js';
import { ruleDescription } from '../rule-card.js';
import { RULES_V1 } from './rules.v1.js';

/** Latin words a Chinese text may hold: names of methods, scales, brands, units, abbreviations. */
const NAMES = new Set(
  [
    'SMP',
    'FUT',
    'FUE',
    'FU',
    'RL',
    'GP',
    'AHA',
    'SPF',
    'UV',
    'Norwood',
    'Hamilton',
    'Ludwig',
    'Savin',
    'Fitzpatrick',
    'vertex',
    'Accutane',
    'isotretinoin',
    'blow',
    'out',
    'mm',
    'cm',
    'h',
  ].map((w) => w.toLowerCase()),
);

/** Every sentence a plan prints. */
function sentences(plan: Plan): string[] {
  return [
    ...plan.reasons.map((r) => r.text),
    ...plan.waitingPeriods.map((w) => w.text),
    ...plan.preTreatments.map((s) => s.text),
    ...plan.cautions.map((s) => s.text),
    ...plan.zones.flatMap((z) => z.notes.map((n) => n.text)),
    ...plan.expectedCamouflage.map((c) => c.text),
    ...plan.aftercare.map((a) => a.instruction),
    ...plan.assumptions.map((a) => a.text),
  ];
}

/**
 * A text without what may stay in its own language: a gloss right after a Chinese term
 * ("甘醇酸（glycolic acid）") and a citation with its year ("Liu 2025", "Minors Act 1969").
 */
const withoutGlossesAndCitations = (text: string) =>
  text
    .replace(/(\p{Script=Han})（[^（）]*）/gu, '$1')
    .replace(/（[^（）]*\d{4}[^（）]*）/gu, '')
    .replace(/[，、]\s*[A-Za-z][A-Za-z ]*(?=）)/g, '');

/** The Latin words of a text that are not names (numbers, Roman numerals and units aside). */
function englishWords(text: string): string[] {
  return (withoutGlossesAndCitations(text).match(/[A-Za-z][A-Za-z'-]*/g) ?? [])
    .flatMap((w) => w.split('-'))
    .filter(
      (w) => w !== '' && !NAMES.has(w.toLowerCase()) && !/^[IVX]+$/.test(w) && !/^\d*[A-Za-z]?$/.test(w),
    );
}

const everyYes = {
  keloidHistory: false,
  hypertrophicScarringTendency: true,
  anticoagulants: true,
  bleedingDisorder: true,
  diabetes: true,
  immuneCondition: true,
  heartConditionOrHighBloodPressure: true,
  epilepsy: true,
  liverDisease: true,
  infectiousDisease: true,
  steroidsOrRetinoids: true,
  vitiligo: true,
  pregnant: true,
  breastfeeding: true,
  activeScalpCondition: true,
  herpesOnScalp: true,
  sunburnOrWounds: true,
  antibiotics: true,
  activeProgressiveHairLoss: true,
  temporaryAlopecia: true,
  pihTendency: true,
  wartsOrMolesInArea: true,
  severeScalpDryness: true,
  inkAllergy: false,
  chemotherapyMonthsAgo: 3,
  chemotherapyPlanned: true,
  laserRemovalDaysAgo: 20,
  isotretinoinMonthsAgo: 2,
  monthsSinceHairTransplant: 4,
  monthsSinceScalpSurgery: 5,
};

const samples: [string, AssessmentInput][] = [
  ['nothing but the date: every fact assumed', { consultationDate: '2026-11-02' }],
  [
    'every kind of scar, two of them unnamed, facts about them left out',
    {
      consultationDate: '2026-11-02',
      ageYears: 44,
      fitzpatrick: 'II',
      hairLoss: { scale: 'norwood', stage: 'VI' },
      hairColour: 'grey',
      ancestry: 'han-chinese',
      goal: ['scar-camouflage', 'density', 'hairline'],
      scars: [
        { cause: 'fut', texture: 'flat', lengthMm: 180 },
        {
          id: 'crown',
          cause: 'fue',
          texture: 'flat',
          colour: 'hyper',
          lengthMm: 1,
          count: 300,
          ageMonths: 30,
        },
        { cause: 'burn', texture: 'atrophic', colour: 'hypo', ageMonths: 5 },
        { cause: 'trauma', texture: 'raised', ageMonths: 40 },
        { cause: 'fut', texture: 'flat', widthMm: 4, ageMonths: 24, surroundingHairDensityPerCm2: 60 },
      ],
      screening: { keloidHistory: false },
    },
  ],
  [
    'every screening answer that changes the plan',
    {
      consultationDate: '2026-11-02',
      ageYears: 17,
      fitzpatrick: 'VI',
      hairLoss: { scale: 'ludwig', stage: 'II', type: 'scarring-alopecia' },
      hairColour: 'black',
      goal: ['density'],
      scars: [],
      screening: everyYes,
    },
  ],
  [
    'keloids, ink allergy and a Savin frontal pattern',
    {
      consultationDate: '2026-11-02',
      ageYears: 30,
      hairLoss: { scale: 'savin', stage: 'frontal' },
      hairColour: 'blonde',
      goal: ['hairline'],
      scars: [{ cause: 'surgery', texture: 'keloid', ageMonths: 20 }],
      screening: { keloidHistory: true, inkAllergy: true },
    },
  ],
];

describe('the Chinese plan has no English left in it', () => {
  for (const [what, assessment] of samples) {
    it(what, () => {
      const english = planTreatment(assessment);
      const zh = localisePlan(english, Assessment.parse(assessment), 'zh-CN');
      const texts = sentences(zh);
      expect(texts.length).toBeGreaterThan(10);
      const left = texts.flatMap((text) => englishWords(text).map((w) => `${w} in «${text}»`));
      expect(left).toEqual([]);
      for (const text of texts) expect(text).toMatch(/\p{Script=Han}/u);
      // An unnamed scar is "疤痕 2" by itself: the sentence does not say 疤痕 again before it.
      for (const text of texts) expect(text).not.toMatch(/疤痕\s*疤痕/);
    });
  }

  it('calls the artist 纹绣师, never 技师', () => {
    const plans = samples.map(([, a]) => localisePlan(planTreatment(a), Assessment.parse(a), 'zh-CN'));
    expect(JSON.stringify(plans)).not.toContain('技师');
  });

  it('calls pigment 色素, never 色料, in plans and rule cards', () => {
    const plans = samples.map(([, a]) => localisePlan(planTreatment(a), Assessment.parse(a), 'zh-CN'));
    const cards = RULES_V1.rules.map((r) => ruleDescription(r, 'zh-CN'));
    const text = JSON.stringify([plans, cards]);
    expect(text).toContain('色素');
    expect(text).not.toContain('色料');
  });

  it('nor in any rule card', () => {
    const left = RULES_V1.rules.flatMap((r) =>
      englishWords(ruleDescription(r, 'zh-CN')).map((w) => `${w} in ${r.id}`),
    );
    expect(left).toEqual([]);
  });
});
