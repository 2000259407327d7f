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
});
