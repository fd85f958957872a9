// The Chinese texts of the planner's rules: every text RULES_V1 can print has one, with the same
// placeholders, under a rule id or fact that exists, and written in Chinese; and a Chinese report's
// plan is the saved English plan word for word translated, with the same rules and overrides.
import { describe, expect, it } from 'vitest';
import { Assessment } from '../../domain/assessment.schema.js';
import type { Plan } from '../../domain/plan.schema.js';
import { localisePlan, translatedRules } from '../localise-plan.js';
import { applyPlanOverrides } from '../overrides.js';
import { planTreatment } from '../plan-treatment.js';
import { PlannerRuleSet, type PlannerRule } from '../rule.schema.js';
import { RULES_V1 } from './rules.v1.js';
import { ruleDescription, ruleSources } from '../rule-card.js';
import { RULE_DESCRIPTIONS_ZH, RULE_TEXTS_ZH, UNKNOWN_FACTS_ZH, type RuleTexts } from './rules.v1.zh-CN.js';

type TextField = keyof RuleTexts;

/** The texts of a rule's effect that a report can print, by the key RuleTexts uses for them. */
function englishTexts(rule: PlannerRule): Partial<Record<TextField, string>> {
  const e = rule.effect;
  const texts: Partial<Record<TextField, string | undefined>> = {
    reason: e.reason,
    preTreatment: e.preTreatment,
    caution: e.caution,
    camouflage: e.camouflage?.text,
    aftercare: e.aftercare?.instruction,
    note: e.zone?.note,
    until: e.wait && 'until' in e.wait ? e.wait.until : undefined,
    assumption: e.assumption?.text,
  };
  return Object.fromEntries(Object.entries(texts).filter(([, t]) => t !== undefined));
}

/** Every English text with its Chinese one (undefined when missing), labelled for messages. */
function textPairs(): { label: string; en: string; zh: string | undefined }[] {
  const rules = RULES_V1.rules.flatMap((rule) =>
    Object.entries(englishTexts(rule)).map(([field, en]) => ({
      label: `${rule.id}.${field}`,
      en,
      zh: RULE_TEXTS_ZH[rule.id]?.[field as TextField],
    })),
  );
  const facts = Object.entries(RULES_V1.unknownFacts).map(([fact, en]) => ({
    label: `unknownFacts.${fact}`,
    en,
    zh: UNKNOWN_FACTS_ZH[fact],
  }));
  return [...rules, ...facts];
}

// The planner's own placeholder pattern (plan-treatment.ts render()).
const placeholders = (text: string) =>
  [...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9.]*)\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3400-\u9fff]/;
const CJK_G = /[\u3400-\u9fff]/g;

describe('Chinese texts of the planner rules (RULE_TEXTS_ZH, UNKNOWN_FACTS_ZH)', () => {
  it('translate every text-bearing field of every rule in RULES_V1 and every unknown fact', () => {
    const pairs = textPairs();
    // 77 rules carry 103 texts, and 43 facts have an assumption; a change to RULES_V1 shows here.
    expect(pairs.length).toBeGreaterThanOrEqual(146);
    expect(pairs.filter((p) => p.zh === undefined).map((p) => p.label)).toEqual([]);
  });

  it('translate only fields the English rule has', () => {
    const extra = Object.entries(RULE_TEXTS_ZH).flatMap(([id, texts]) => {
      const rule = RULES_V1.rules.find((r) => r.id === id);
      const en = rule ? englishTexts(rule) : {};
      return Object.keys(texts)
        .filter((field) => !(field in en))
        .map((field) => `${id}.${field}`);
    });
    expect(extra).toEqual([]);
  });

  it('name only rule ids and facts that exist in RULES_V1', () => {
    const ruleIds = new Set(RULES_V1.rules.map((r) => r.id));
    expect(Object.keys(RULE_TEXTS_ZH).filter((id) => !ruleIds.has(id))).toEqual([]);
    expect(Object.keys(UNKNOWN_FACTS_ZH).filter((fact) => !(fact in RULES_V1.unknownFacts))).toEqual([]);
  });

  it('keep exactly the placeholders of the English text', () => {
    const differing = textPairs()
      .filter((p) => p.zh !== undefined)
      .filter((p) => placeholders(p.zh!).join() !== placeholders(p.en).join())
      .map((p) => ({ text: p.label, en: placeholders(p.en), zh: placeholders(p.zh!) }));
    expect(differing).toEqual([]);
  });

  it('are written in Chinese, not left as plain ASCII', () => {
    const untranslated = textPairs()
      .filter((p) => p.zh !== undefined)
      .filter((p) => /^[ -~\s]*$/.test(p.zh!) || !CJK.test(p.zh!) || p.zh === p.en)
      .map((p) => p.label);
    expect(untranslated).toEqual([]);
  });

  it('keep the numbers of the English text', () => {
    const numbers = (text: string) => (text.match(/\d+(\.\d+)?/g) ?? []).sort();
    const differing = textPairs()
      .filter((p) => p.zh !== undefined)
      .filter((p) => numbers(p.zh!).join() !== numbers(p.en).join())
      .map((p) => ({ text: p.label, en: numbers(p.en), zh: numbers(p.zh!) }));
    expect(differing).toEqual([]);
  });

  it('make a rule set that is valid and differs from RULES_V1 in every text and nothing else', () => {
    const zh = PlannerRuleSet.parse(translatedRules(RULE_TEXTS_ZH, UNKNOWN_FACTS_ZH));
    expect(zh.version).toBe(RULES_V1.version);
    expect(zh.rules.map((r) => r.id)).toEqual(RULES_V1.rules.map((r) => r.id));
    for (const [i, rule] of zh.rules.entries()) {
      const original = RULES_V1.rules[i]!;
      const en = englishTexts(original);
      const translated = englishTexts(rule);
      expect(Object.keys(translated), rule.id).toEqual(Object.keys(en));
      for (const field of Object.keys(en) as TextField[])
        expect(translated[field], `${rule.id}.${field}`).not.toBe(en[field]);
      expect(rule.condition, rule.id).toEqual(original.condition);
      expect(rule.scope, rule.id).toEqual(original.scope);
    }
    for (const [fact, text] of Object.entries(zh.unknownFacts)) expect(text, fact).toMatch(CJK);
  });
});

/** A woman of 52 (zh-CN client) with an FUT strip scar, taking anticoagulants. */
const futOnAnticoagulants = Assessment.parse({
  consultationDate: '2026-11-12',
  ageYears: 52,
  fitzpatrick: 'III',
  hairLoss: { scale: 'ludwig', stage: 'II' },
  hairColour: 'black',
  goal: ['scar-camouflage', 'density'],
  scars: [
    {
      id: 'strip',
      cause: 'fut',
      texture: 'flat',
      colour: 'hypo',
      lengthMm: 160,
      widthMm: 3,
      ageMonths: 20,
      surroundingHairDensityPerCm2: 80,
      location: { region: 'occipital', point: { x: 0.5, y: 0.84 } },
    },
  ],
  // Only part of the screening answered: the rest becomes assumptions.
  screening: { keloidHistory: false, anticoagulants: true, pregnant: false, chemotherapyMonthsAgo: null },
});

const by = { id: 'artist-1', name: '李明' };
const overrides = [
  { path: 'sessions.count', value: 6, reason: '上次结痂时间较长', by, at: '2026-11-12T10:00:00.000Z' },
  { path: 'touchUpYears', value: 3, reason: 'Client is outdoors a lot', by, at: '2026-11-12T10:05:00.000Z' },
];

/** The plan without its words: everything a translation must leave as it is. */
function withoutTexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTexts);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'text' && key !== 'instruction')
      .map(([key, v]) => [key, withoutTexts(v)]),
  );
}

/** Every statement the plan prints from a rule text. */
function printedTexts(plan: Plan): string[] {
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

describe('localisePlan', () => {
  const english = applyPlanOverrides(planTreatment(futOnAnticoagulants), overrides);

  it('leaves an English report the saved plan', () => {
    expect(localisePlan(english, futOnAnticoagulants, 'en')).toBe(english);
  });

  it('gives a zh-CN client the saved plan in Chinese: same rules in the same order, overrides applied', () => {
    const zh = localisePlan(english, futOnAnticoagulants, 'zh-CN');
    expect(zh).not.toBe(english);

    expect(english.eligibility).toBe('refer');
    expect(zh.reasons.map((r) => r.ruleId)).toEqual(english.reasons.map((r) => r.ruleId));
    expect(zh.reasons.map((r) => r.ruleId)).toContain('refer.anticoagulants');
    for (const r of zh.reasons) expect(r.text, r.ruleId).toMatch(CJK);
    expect(zh.reasons.find((r) => r.ruleId === 'refer.anticoagulants')!.text).toContain('抗凝药');
    expect(zh.zones.flatMap((z) => z.notes.map((n) => n.text)).join()).toContain('FUT 条状疤痕');

    // Every printed statement is in Chinese, the planner's own frame round an unknown fact too,
    // and most of each is Chinese script (an assumption also names its fact's path).
    const texts = printedTexts(zh);
    expect(texts.length).toBe(printedTexts(english).length);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) expect(text).toMatch(CJK);
    for (const text of texts) expect(text).not.toMatch(/not known|still to be set|were not applied/);
    // An assumption names its fact in words, never by its path in the assessment.
    for (const a of zh.assumptions) expect(a.text, a.fact).toMatch(/^(strip：)?[^.:]+未记录：.*。$/);
    // Chinese text takes the full-width colon, the scar's name before a statement too.
    for (const text of texts) expect(text).not.toMatch(/[\u3400-\u9fff\w]: /);
    const statements = texts;
    for (const text of statements) expect(text.match(CJK_G)!.length, text).toBeGreaterThan(text.length / 3);

    // Everything but the words is the saved plan's: rule ids, citations, numbers, dates, overrides.
    expect(withoutTexts(zh)).toEqual(withoutTexts(english));
    expect(zh.sessions.count).toBe(6);
    expect(zh.touchUpYears).toBe(3);
    expect(zh.overrides.map((o) => [o.path, o.value, o.ruleValue, o.reason])).toEqual([
      ['sessions.count', 6, english.ruleOutput!.sessions.count, '上次结痂时间较长'],
      ['touchUpYears', 3, 4, 'Client is outdoors a lot'],
    ]);
    expect(zh.ruleOutput!.reasons.map((r) => r.ruleId)).toEqual(
      english.ruleOutput!.reasons.map((r) => r.ruleId),
    );
    expect(zh.ruleOutput!.reasons.every((r) => CJK.test(r.text))).toBe(true);
  });
});

describe('the rule cards', () => {
  it('describe every rule in Chinese, and cite only published sources, never our notes', () => {
    for (const rule of RULES_V1.rules) {
      expect(RULE_DESCRIPTIONS_ZH[rule.id], rule.id).toMatch(/\p{Script=Han}/u);
      expect(ruleDescription(rule, 'en')).not.toMatch(/\[|DISAGREE|NOT FOUND/);
      for (const s of ruleSources(rule.source))
        expect(`${rule.id}: ${s}`).not.toMatch(/domain\.md|§|DESIGN|\[|derived|planner choice/);
    }
    expect(Object.keys(RULE_DESCRIPTIONS_ZH).sort()).toEqual(RULES_V1.rules.map((r) => r.id).sort());
    expect(
      ruleSources('domain.md §2.5 (naturalinkspm.com; inkdsmp.com.au); §7.3 (Sioux City screening form)'),
    ).toEqual(['naturalinkspm.com', 'inkdsmp.com.au', 'Sioux City screening form']);
    expect(ruleSources('domain.md §7.2; Tattooing of Minors Act 1969')).toEqual([
      'Tattooing of Minors Act 1969',
    ]);
    expect(ruleSources('domain.md §1.9, §8; Liu 2025 (J Cosmet Dermatol, doi 10.1111/jocd.70375)')).toEqual([
      'Liu 2025 (J Cosmet Dermatol, doi 10.1111/jocd.70375)',
    ]);
    expect(ruleSources('domain.md §2 (every scar changes the plan)')).toEqual([]);
  });
});
