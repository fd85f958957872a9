import { describe, expect, it } from 'vitest';
import { absoluteAcceptUrl, safeNextPath } from './links.js';

describe('links', () => {
  it('returns to paths inside the app only', () => {
    expect(safeNextPath('/clients/42?tab=notes')).toBe('/clients/42?tab=notes');
    expect(safeNextPath('https://evil.example/')).toBe('/clients');
    expect(safeNextPath('//evil.example/')).toBe('/clients');
    expect(safeNextPath('/\\evil.example')).toBe('/clients');
    expect(safeNextPath(null)).toBe('/clients');
  });

  it('makes the accept link absolute whether the server sent a path or a URL', () => {
    expect(absoluteAcceptUrl('/invite/abc', 'http://127.0.0.1:3000')).toBe(
      'http://127.0.0.1:3000/invite/abc',
    );
    expect(absoluteAcceptUrl('https://studio.example/invite/abc', 'http://127.0.0.1:3000')).toBe(
      'https://studio.example/invite/abc',
    );
  });
});
