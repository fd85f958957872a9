import { describe, expect, it } from 'vitest';
import { sameName } from './client-matching.js';

describe('sameName', () => {
  it('ignores case, accents and spacing', () => {
    expect(
      sameName({ givenName: 'José', familyName: 'Núñez' }, { givenName: ' jose ', familyName: 'NUNEZ' }),
    ).toBe(true);
    expect(sameName({ givenName: '芳', familyName: '王' }, { givenName: '芳', familyName: '王' })).toBe(true);
  });

  it('keeps two people who share an email apart', () => {
    expect(
      sameName({ givenName: 'Ana', familyName: 'Silva' }, { givenName: 'Rui', familyName: 'Silva' }),
    ).toBe(false);
    expect(sameName({ givenName: '芳', familyName: '王' }, { givenName: '伟', familyName: '王' })).toBe(
      false,
    );
  });
});
