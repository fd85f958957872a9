import { describe, expect, it } from 'vitest';
import { numberProblem } from './number-check.js';

describe('numberProblem', () => {
  const shade = { min: 10, max: 60 };
  it('accepts nothing typed and numbers within the range, ends included', () => {
    expect(numberProblem(undefined, shade)).toBeNull();
    expect(numberProblem(10, shade)).toBeNull();
    expect(numberProblem(60, shade)).toBeNull();
    expect(numberProblem(34.5, shade)).toBeNull();
  });

  it('names text that is not a number, never reading "1e9" as 19', () => {
    expect(numberProblem('1e9', shade)).toEqual({ code: 'notANumber' });
    expect(numberProblem('abc', shade)).toEqual({ code: 'notANumber' });
    expect(numberProblem(Number.NaN, shade)).toEqual({ code: 'notANumber' });
  });

  it('refuses what lies outside the range with the bound, instead of clamping to it', () => {
    expect(numberProblem(99, shade)).toEqual({ code: 'atMost', params: { max: 60 } });
    expect(numberProblem(-20, shade)).toEqual({ code: 'atLeast', params: { min: 10 } });
    expect(numberProblem(0, { min: 0, minExclusive: true })).toEqual({
      code: 'moreThan',
      params: { min: 0 },
    });
    expect(numberProblem(0.001, { min: 0, minExclusive: true })).toBeNull();
  });
});
