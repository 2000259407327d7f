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
    expect(findings).toEqual([
      'known secret in #1',
      'key-shaped in #2',
      'card number in #3 (after "paid with ")',
    ]);
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
    expect(findings).toEqual([
      'card number in #1 (after "!DOCTYPE html><html><li>")',
      'card number in #2 (after "{"msg":"pay","card":"")',
    ]);
  });

  it("reports only numbers with a card scheme's prefix and length, not any Luhn-valid run", () => {
    // 9000000000000008 and 1234567890123452 pass Luhn but no scheme issues them
    expect(
      findSecrets(
        ['{"durationNs":9000000000000008}', 'seq 1234567890123452', 'amex 378282246310005'],
        [],
      ),
    ).toEqual(['card number in #2 (after "amex ")']);
  });

  it('leaves UUIDs out, even one whose leading digits pass as a card', () => {
    // 41111111-1111-4008: 16 decimal digits with a Visa prefix that pass Luhn (seen as a pg-boss
    // job id in a fault run); the same digits in card form are still found
    expect(
      findSecrets(
        ['{"jobId":"41111111-1111-4008-8abc-0123456789ab"}', 'pan 4111-1111-1111-4008'],
        [],
      ),
    ).toEqual(['card number in #1 (after "pan ")']);
  });
});
