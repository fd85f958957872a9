import { describe, expect, it } from 'vitest';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordWeakness('violet kettle marches under seven lanterns', ['ana@example.com'])).toBeNull();
  });

  it('refuses short, common and keyboard-pattern passwords, saying why', () => {
    expect(passwordWeakness('short', [])).toEqual({ code: 'tooShort', params: { count: 12 } });
    expect(passwordWeakness('password1234', [])).toEqual({ code: 'tooEasyToGuess' });
    expect(passwordWeakness('qwertyuiop12', [])).toEqual({ code: 'tooEasyToGuess' });
  });

  it("refuses a password built from the person's own name and email", () => {
    const inputs = ['Margarethe Vollstaendig', 'margarethe.vollstaendig@studio.example'];
    expect(passwordWeakness('MargaretheVollstaendig', inputs)?.code).toMatch(/^tooEasyToGuess/);
    expect(passwordWeakness('MargaretheVollstaendig', [])).toBeNull();
    expect(passwordWeakness('meichen12345', ['Mei Chen', 'mei.chen@example.com'])?.code).toMatch(
      /^tooEasyToGuess/,
    );
  });

  it('refuses words of the name, email or studio separated by spaces, and a repeated word', () => {
    const invitee = ['Invitee', 'invitee@demo-studio.example', 'Demo Studio'];
    expect(passwordWeakness('invitee demo studio example', invitee)?.code).toMatch(/^tooEasyToGuess/);
    expect(passwordWeakness('Demo-Studio invitee 2026', invitee)?.code).toMatch(/^tooEasyToGuess/);
    expect(passwordWeakness('password password', [])?.code).toMatch(/^tooEasyToGuess/);
    expect(passwordWeakness('violet kettle marches under seven lanterns', invitee)).toBeNull();
  });
});

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
