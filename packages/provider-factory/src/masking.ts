/**
 * Masks a secret for display: keeps the non-secret prefix (`sk_test_`, `whsec_`) and the last four
 * characters, so a merchant can tell keys apart without the key being readable.
 *
 * @example
 * maskSecret('sk_test_51Habc…4242') // 'sk_test_…4242'
 */
export function maskSecret(value: string): string {
  const prefix = /^(?:(?:sk|rk|pk)_(?:test|live)_|whsec_|acct_)/.exec(value)?.[0] ?? '';
  if (value.length - prefix.length <= 8) return `${prefix}…`;
  return `${prefix}…${value.slice(-4)}`;
}
