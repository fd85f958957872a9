import { describe, expect, it } from 'vitest';
import { RuleCondition, comparisonsIn, evaluateCondition, factsRead, type Fact } from './condition.js';

const facts: Record<string, Fact> = {
  'screening.keloidHistory': true,
  'screening.pregnant': false,
  'screening.chemotherapyMonthsAgo': 4,
  'screening.laserRemovalDaysAgo': null,
  'scar.texture': 'raised',
  goal: ['density', 'hairline'],
  scars: [],
};
const lookup = (path: string) => facts[path];
const value = (c: RuleCondition) => evaluateCondition(c, lookup).value;

describe('condition interpreter', () => {
  it('compares facts with every operator', () => {
    expect(value({ always: true })).toBe(true);
    expect(value({ fact: 'screening.keloidHistory', eq: true })).toBe(true);
    expect(value({ fact: 'screening.pregnant', eq: true })).toBe(false);
    expect(value({ fact: 'screening.pregnant', ne: true })).toBe(true);
    expect(value({ fact: 'scar.texture', in: ['raised', 'keloid'] })).toBe(true);
    expect(value({ fact: 'scar.texture', in: ['flat'] })).toBe(false);
    expect(value({ fact: 'screening.chemotherapyMonthsAgo', lt: 12 })).toBe(true);
    expect(value({ fact: 'screening.chemotherapyMonthsAgo', lt: 4 })).toBe(false);
    expect(value({ fact: 'screening.chemotherapyMonthsAgo', lte: 4 })).toBe(true);
    expect(value({ fact: 'screening.chemotherapyMonthsAgo', gt: 4 })).toBe(false);
    expect(value({ fact: 'screening.chemotherapyMonthsAgo', gte: 4 })).toBe(true);
    expect(value({ fact: 'goal', has: 'hairline' })).toBe(true);
    expect(value({ fact: 'goal', has: 'scar-camouflage' })).toBe(false);
    expect(value({ fact: 'scars', empty: true })).toBe(true);
    expect(value({ fact: 'goal', empty: true })).toBe(false);
  });
  it('treats null (the event never happened) as known: no ordering holds, and it equals null', () => {
    expect(value({ fact: 'screening.laserRemovalDaysAgo', lt: 90 })).toBe(false);
    expect(value({ fact: 'screening.laserRemovalDaysAgo', gte: 0 })).toBe(false);
    expect(value({ fact: 'screening.laserRemovalDaysAgo', eq: null })).toBe(true);
  });
  it('leaves a comparison on a missing fact unknown, and names the fact', () => {
    expect(evaluateCondition({ fact: 'screening.diabetes', eq: true }, lookup)).toEqual({
      value: 'unknown',
      missing: ['screening.diabetes'],
    });
    expect(value({ unknown: 'screening.diabetes' })).toBe(true);
    expect(value({ unknown: 'screening.pregnant' })).toBe(false);
  });
  it('uses three-valued logic: a false or true branch decides, otherwise unknown stays unknown', () => {
    const unknownA = { fact: 'a', eq: true } as const;
    const unknownB = { fact: 'b', lt: 3 } as const;
    const yes = { fact: 'screening.keloidHistory', eq: true } as const;
    const no = { fact: 'screening.pregnant', eq: true } as const;
    expect(value({ all: [unknownA, no] })).toBe(false);
    expect(value({ all: [unknownA, yes] })).toBe('unknown');
    expect(value({ all: [yes, yes] })).toBe(true);
    expect(value({ all: [] })).toBe(true);
    expect(value({ any: [unknownA, yes] })).toBe(true);
    expect(value({ any: [unknownA, no] })).toBe('unknown');
    expect(value({ any: [no, no] })).toBe(false);
    expect(value({ any: [] })).toBe(false);
    expect(value({ not: unknownA })).toBe('unknown');
    expect(value({ not: no })).toBe(true);
    expect(value({ not: yes })).toBe(false);
    expect(evaluateCondition({ any: [unknownA, { all: [unknownB, yes] }, no] }, lookup).missing).toEqual([
      'a',
      'b',
    ]);
    expect(evaluateCondition({ all: [unknownA, no] }, lookup).missing).toEqual([]);
  });
  it('lists the facts a condition reads and its comparisons', () => {
    const c: RuleCondition = {
      all: [
        { unknown: 'goal' },
        { not: { fact: 'hairLoss.scale', in: ['norwood', 'ludwig'] } },
        { fact: 'goal', has: 'x' },
      ],
    };
    expect(factsRead(c)).toEqual(['goal', 'hairLoss.scale']);
    expect(comparisonsIn(c)).toEqual([
      { fact: 'hairLoss.scale', op: 'in', operand: ['norwood', 'ludwig'] },
      { fact: 'goal', op: 'has', operand: 'x' },
    ]);
  });
  it('accepts only well-formed conditions as data', () => {
    expect(RuleCondition.safeParse({ all: [{ fact: 'a', eq: 1 }, { not: { unknown: 'b' } }] }).success).toBe(
      true,
    );
    expect(RuleCondition.safeParse({ fact: 'a', eq: 1, lt: 2 }).success).toBe(false);
    expect(RuleCondition.safeParse({ fact: 'a', like: 'x' }).success).toBe(false);
    expect(RuleCondition.safeParse({ fact: 'a', in: [] }).success).toBe(false);
    expect(RuleCondition.safeParse({ fact: 'a', lt: '3' }).success).toBe(false);
    expect(RuleCondition.safeParse({ always: false }).success).toBe(false);
    expect(RuleCondition.safeParse({ fact: 'bad path!', eq: 1 }).success).toBe(false);
    expect(RuleCondition.safeParse(() => true).success).toBe(false);
  });
});
