import { describe, expect, it } from 'vitest';
import { messageIdFor, skipReason } from './outbox.service.js';
import { retryDelaySeconds } from './outbox-dispatcher.js';

describe('what the outbox sends', () => {
  it('sends service messages without marketing consent, but promotions only with it', () => {
    for (const kind of ['appointment_reminder', 'aftercare', 'touch_up_recall'] as const)
      expect(skipReason(kind, 'a@b.example', false)).toBeNull();
    expect(skipReason('promotion', 'a@b.example', false)).toBe('no active marketing consent');
    expect(skipReason('promotion', 'a@b.example', true)).toBeNull();
    expect(skipReason('aftercare', null, true)).toBe('the client has no email address');
  });

  it('derives one Message-ID per idempotency key', () => {
    expect(messageIdFor('aftercare:x:1')).toBe(messageIdFor('aftercare:x:1'));
    expect(messageIdFor('aftercare:x:1')).not.toBe(messageIdFor('aftercare:x:2'));
    expect(messageIdFor('k')).toMatch(/^<[0-9a-f]{32}@outbox\.stipple>$/);
  });

  it('backs off exponentially, capped at six hours', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(20, 60)).toBe(6 * 3600);
  });
});
