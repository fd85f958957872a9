import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import { checkPasswordStrength } from './password-strength.js';

describe('password strength (zxcvbn-ts, by the server’s rule)', () => {
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

  it('counts the person’s own details as easy to guess, even split by spaces, and says so', async () => {
    const me = ['Marta Kowalczyk', 'marta.kowalczyk@demo-studio.example', 'Demo Studio'];
    expect((await checkPasswordStrength('kowalczykmarta', [])).score).toBeGreaterThan(
      (await checkPasswordStrength('kowalczykmarta', me)).score,
    );
    const spaced = await checkPasswordStrength('marta kowalczyk demo studio', me);
    expect(spaced.score).toBeLessThan(3);
    expect(spaced.warning).toBe('personal');
    expect((await checkPasswordStrength('password password')).score).toBeLessThan(3);
  });
});
