// A field's error goes when the person changes that field, and only then.
import { describe, expect, it } from 'vitest';
import { errorsAfterEdit, withoutErrors } from './field-errors.js';

describe('withoutErrors', () => {
  const errors = { courseId: 'Required', 'steps.0.day': 'Must be 1 or more', 'steps.1.day': 'Required' };

  it('takes away the fields named and those under a prefix, keeping the rest', () => {
    expect(withoutErrors(errors, ['courseId'])).toEqual({
      'steps.0.day': 'Must be 1 or more',
      'steps.1.day': 'Required',
    });
    expect(withoutErrors(errors, ['steps.0.'])).toEqual({ courseId: 'Required', 'steps.1.day': 'Required' });
  });

  it('gives back the same errors when none go (nothing for React to redraw)', () => {
    expect(withoutErrors(errors, ['artistId'])).toBe(errors);
  });
});

describe('errorsAfterEdit', () => {
  const before = {
    consultationDate: '2026-12-01',
    hairLoss: { scale: 'norwood' },
    scars: [{ id: 'scar-1', lengthMm: -3 }],
  };
  const errors = { 'hairLoss.stage': 'Required', 'scars.0.lengthMm': 'Must be more than 0' };

  it('takes away the error of a field the edit gave a value ("Required" under a stage just chosen)', () => {
    const after = { ...before, hairLoss: { scale: 'norwood', stage: 'III' } };
    expect(errorsAfterEdit(errors, before, after)).toEqual({ 'scars.0.lengthMm': 'Must be more than 0' });
  });

  it('takes away the error of a field inside a list when that field changes', () => {
    const after = { ...before, scars: [{ id: 'scar-1', lengthMm: 30 }] };
    expect(errorsAfterEdit(errors, before, after)).toEqual({ 'hairLoss.stage': 'Required' });
  });

  it('keeps the error of a field whose path only starts like a changed one', () => {
    const many = { 'scars.1': 'Required', 'scars.10': 'Required' };
    const list = Array.from({ length: 11 }, (_, i) => i);
    const after = list.map((i) => (i === 1 ? 1.5 : i));
    expect(errorsAfterEdit(many, { scars: list }, { scars: after })).toEqual({ 'scars.10': 'Required' });
  });

  it('keeps every error when the edit changed other fields', () => {
    const after = { ...before, consultationDate: '2026-12-02' };
    expect(errorsAfterEdit(errors, before, after)).toBe(errors);
  });
});
