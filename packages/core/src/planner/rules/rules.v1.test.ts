import { describe, expect, it } from 'vitest';
import { checkRuleSet, factMayBeUnknown, schemasAtFactPath } from '../rule-set.check.js';
import { assessmentJsonSchema } from '../json-schema.js';
import type { PlannerRule, PlannerRuleSet } from '../rule.schema.js';
import { RULES_V1 } from './rules.v1.js';

const withRules = (rules: PlannerRule[], extra: Partial<PlannerRuleSet> = {}): PlannerRuleSet => ({
  ...RULES_V1,
  ...extra,
  rules,
});
const replace = (id: string, change: (r: PlannerRule) => PlannerRule) =>
  withRules(RULES_V1.rules.map((r) => (r.id === id ? change(r) : r)));

describe('rules v1', () => {
  it('is a sound rule set: unique ids, sourced, facts from the assessment schema, defaults complete', () => {
    expect(checkRuleSet(RULES_V1)).toEqual([]);
  });
  it('is plain data that survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(RULES_V1))).toEqual(RULES_V1);
    expect(RULES_V1.version).toBe('2026.11-1');
  });
  it('cites domain.md and a source for every rule, and states ranges where domain.md disagrees', () => {
    for (const rule of RULES_V1.rules) expect(rule.source).toMatch(/^domain\.md §\d/);
    const text = (id: string) => JSON.stringify(RULES_V1.rules.find((r) => r.id === id));
    expect(text('scar.young')).toMatch(/6-12/);
    expect(text('wait.chemotherapy')).toMatch(/6-12/);
    expect(text('wait.hair-transplant')).toMatch(/6-12/);
    expect(text('sessions.base')).toMatch(/7-30/);
    expect(text('touchup.base')).toMatch(/1-6/);
    expect(text('aftercare.first-shave')).toMatch(/4-10/);
  });
  it('covers every screening question of the assessment with a rule', () => {
    const screening = (assessmentJsonSchema() as { properties: { screening: { properties: object } } })
      .properties.screening.properties;
    const read = new Set(
      RULES_V1.rules.flatMap((r) => JSON.stringify(r.condition).match(/screening\.\w+/g) ?? []),
    );
    const dateFields = [
      'isotretinoinStoppedDate',
      'chemotherapyEndDate',
      'laserRemovalDate',
      'hairTransplantDate',
      'scalpSurgeryDate',
    ];
    const unread = Object.keys(screening).filter(
      (k) => !read.has(`screening.${k}`) && !dateFields.includes(k),
    );
    expect(unread).toEqual([]);
  });
});

describe('checkRuleSet finds what is wrong', () => {
  const first = RULES_V1.rules[0]!;
  it('a repeated id', () => {
    expect(checkRuleSet(withRules([...RULES_V1.rules, first]))).toContain(
      'rule eligibility.base: the id is used twice',
    );
  });
  it('a rule without a domain.md source', () => {
    expect(checkRuleSet(replace('age.minor', (r) => ({ ...r, source: 'a blog' })))).toEqual([
      'rule age.minor: the source must cite a domain.md section (§)',
    ]);
  });
  it('a fact that is not in the assessment schema, or a scar fact outside a scar rule', () => {
    expect(checkRuleSet(replace('age.minor', (r) => ({ ...r, condition: { fact: 'age', lt: 18 } })))).toEqual(
      expect.arrayContaining(['rule age.minor: age is not in the assessment schema']),
    );
    expect(
      checkRuleSet(
        replace('scar.young', (r) => ({ ...r, scope: 'assessment', effect: { ...r.effect, reason: 'x' } })),
      ),
    ).toEqual(
      expect.arrayContaining(['rule scar.young: scar.ageMonths is a scar fact, read outside a scar rule']),
    );
  });
  it('an operand the fact cannot take', () => {
    expect(
      checkRuleSet(
        replace('scar.raised', (r) => ({ ...r, condition: { fact: 'scar.texture', in: ['raisd'] } })),
      ),
    ).toEqual(['rule scar.raised: ["raisd"] is not a value scar.texture can take (in)']);
    expect(
      checkRuleSet(
        replace('keloid.history', (r) => ({ ...r, condition: { fact: 'screening.keloidHistory', lt: 1 } })),
      ),
    ).toEqual(['rule keloid.history: 1 is not a value screening.keloidHistory can take (lt)']);
    expect(
      checkRuleSet(replace('zone.fill', (r) => ({ ...r, condition: { fact: 'goal', has: 'volume' } }))),
    ).toEqual(['rule zone.fill: "volume" is not a value goal can take (has)']);
  });
  it('a fact that may be left out without an assumption text, and a stale text', () => {
    const { 'screening.pregnant': _gone, ...rest } = RULES_V1.unknownFacts;
    expect(
      checkRuleSet(withRules(RULES_V1.rules, { unknownFacts: { ...rest, 'screening.nothing': 'x' } })),
    ).toEqual([
      'unknownFacts: no text for screening.pregnant, which rules read',
      'unknownFacts: screening.nothing is read by no rule',
      'factNames: no name for screening.nothing',
    ]);
  });
  it('an eligibility without a reason, a wait after an event the condition does not read, a bad placeholder', () => {
    expect(
      checkRuleSet(replace('refer.diabetes', (r) => ({ ...r, effect: { eligibility: 'refer' } }))),
    ).toEqual(['rule refer.diabetes: an eligibility or wait needs a reason']);
    expect(
      checkRuleSet(
        replace('wait.laser-removal', (r) => ({
          ...r,
          effect: { ...r.effect, wait: { after: 'screening.chemotherapyMonthsAgo', days: 90 } },
        })),
      ),
    ).toEqual([
      'rule wait.laser-removal: wait.after screening.chemotherapyMonthsAgo must be read by the condition',
    ]);
    expect(
      checkRuleSet(
        replace('refer.epilepsy', (r) => ({
          ...r,
          effect: { ...r.effect, reason: '{scar} {date} {shoeSize}' },
        })),
      ),
    ).toEqual([
      'rule refer.epilepsy: {scar} used outside a scar rule',
      'rule refer.epilepsy: {date} used without a dated wait',
      'rule refer.epilepsy: placeholder {shoeSize}: shoeSize is not in the assessment schema',
    ]);
  });
  it('a missing unconditional default', () => {
    const problems = checkRuleSet(withRules(RULES_V1.rules.filter((r) => r.id !== 'zone.hairline.params')));
    expect(problems).toEqual(
      expect.arrayContaining([
        'the rule set needs an unconditional rule setting hairline zone needle',
        'the rule set needs an unconditional rule setting hairline zone transitionWidthMm',
      ]),
    );
  });
  it('a rule that is not data (a function as condition) or has an unknown effect', () => {
    const bad = { ...RULES_V1, rules: [{ ...first, condition: () => true }] };
    expect(checkRuleSet(bad)[0]).toMatch(/^rules\.0\.condition: /);
    const unknownEffect = { ...RULES_V1, rules: [{ ...first, effect: { discount: 10 } }] };
    expect(checkRuleSet(unknownEffect)[0]).toMatch(/^rules\.0\.effect: Unrecognized key/);
  });
});

describe('fact paths in the assessment JSON schema', () => {
  const root = assessmentJsonSchema() as Parameters<typeof schemasAtFactPath>[0];
  it('resolves top-level, nested, union and scar facts', () => {
    expect(schemasAtFactPath(root, 'screening.pregnant')).toHaveLength(1);
    expect(schemasAtFactPath(root, 'hairLoss.stage')).toHaveLength(3);
    expect(schemasAtFactPath(root, 'scar.texture')).toHaveLength(1);
    expect(schemasAtFactPath(root, 'scar.location.region')).toHaveLength(1);
    expect(schemasAtFactPath(root, 'screening.nothing')).toEqual([]);
  });
  it('knows which facts may be left out', () => {
    expect(factMayBeUnknown(root, 'screening.pregnant')).toBe(true);
    expect(factMayBeUnknown(root, 'scar.texture')).toBe(false);
    expect(factMayBeUnknown(root, 'scar.ageMonths')).toBe(true);
    expect(factMayBeUnknown(root, 'hairLoss.stage')).toBe(true);
  });
});
