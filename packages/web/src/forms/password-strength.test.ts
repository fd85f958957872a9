import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { checkPasswordStrength, personalInputs } from './password-strength.js';

describe('password strength (zxcvbn-ts, as on the server)', () => {
  it('rates a common password as weak and says why, with a key we translate', async () => {
    const result = await checkPasswordStrength('password1234');
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.warning).not.toBeNull();
    expect(Object.keys(en.passwordFeedback.warnings)).toContain(result.warning);
  });

  it('rates a passphrase of unrelated words as strong', async () => {
    const result = await checkPasswordStrength('velvet otter tangerine 1977 lighthouse');
    expect(result.score).toBe(4);
    expect(result.warning).toBeNull();
  });

  it('counts the person’s own details as easy to guess', async () => {
    const inputs = personalInputs('Marta Kowalczyk', 'marta.kowalczyk@demo-studio.example', 'Demo Studio');
    expect(inputs).toEqual(expect.arrayContaining(['marta', 'kowalczyk', 'demo', 'studio']));
    const without = await checkPasswordStrength('kowalczykmarta', []);
    const withInputs = await checkPasswordStrength('kowalczykmarta', inputs);
    expect(withInputs.score).toBeLessThan(without.score);
  });
});
