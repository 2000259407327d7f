import { describe, expect, it } from 'vitest';
import { findSecrets } from './secrets-scan';

describe('findSecrets', () => {
  it('finds known values, key shapes and Luhn-valid card numbers, never echoing them', () => {
    const findings = findSecrets(
      [
        'ok line',
        'token=supersecretvalue123',
        'key sk_test_abcdefghijklmnop1234',
        'paid with 4242 4242 4242 4242',
        'order 1234567890123',
        '{"time":1796173573057}',
      ],
      ['supersecretvalue123'],
    );
    expect(findings).toEqual(['known secret in #1', 'key-shaped in #2', 'card number in #3']);
    expect(findings.join()).not.toContain('4242');
  });

  it('allows the test cards a test-mode page lists, in a page only, and no other card', () => {
    const findings = findSecrets(
      [
        '<!DOCTYPE html><html><li>4242 4242 4242 4242</li></html>',
        '<!DOCTYPE html><html><li>4000 0566 5566 5556</li></html>',
        '{"msg":"pay","card":"4242 4242 4242 4242"}',
      ],
      [],
      { shownCards: ['4242424242424242'] },
    );
    expect(findings).toEqual(['card number in #1', 'card number in #2']);
  });
});
