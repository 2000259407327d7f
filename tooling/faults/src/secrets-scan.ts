/** Luhn checksum: true for a plausible card number. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// 15–19 digits: every card scheme in use; 13-digit runs are epoch milliseconds in every log line
const CARD = /\b(?:\d[ -]?){15,19}\b/g;
const SECRET_SHAPES = [/\bsk_(?:test|live)_[0-9A-Za-z]{16,}/, /\bwhsec_[0-9A-Za-z+/=]{16,}/];

const HTML_PAGE = /^\s*<!DOCTYPE html>/i;
/** A UUID (pg-boss job ids, request ids): one whose first 16 hex digits are all decimal looks
 * like a dashed card number, about once in a thousand, so UUIDs are left out of the card scan. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * The issuer prefixes and lengths of the card schemes in use (Visa, Mastercard, Amex,
 * Discover, JCB, UnionPay, Diners), as PAN scanners check them: with Luhn alone one random
 * 15–19 digit run in ten (a counter, a nanosecond duration) would be reported as a card.
 */
const CARD_SCHEMES: readonly [RegExp, readonly number[]][] = [
  [/^4/, [13, 16, 19]],
  [/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/, [16]],
  [/^3[47]/, [15]],
  [/^(6011|65|64[4-9])/, [16, 17, 18, 19]],
  [/^35(2[89]|[3-8]\d)/, [16, 17, 18, 19]],
  [/^62/, [16, 17, 18, 19]],
  [/^3(0[0-5]|[689])/, [14, 15, 16, 17, 18, 19]],
];

function looksLikeCard(digits: string): boolean {
  return (
    CARD_SCHEMES.some(
      ([prefix, lengths]) => prefix.test(digits) && lengths.includes(digits.length),
    ) && luhn(digits)
  );
}

/** What stood before a match, digits masked, so a finding can be traced without echoing it. */
function contextOf(line: string, at: number): string {
  return line
    .slice(Math.max(0, at - 24), at)
    .replace(/\d/g, '#')
    .replace(/\s+/g, ' ');
}

/**
 * What in `lines` looks like a leak: one of the `known` secret values, anything shaped like a
 * secret API key or webhook secret, or a Luhn-valid card number. Findings name the kind and
 * the line number, never the value. `shownCards` are the public test cards a test-mode
 * checkout page lists on purpose: allowed in an HTML page, still a finding anywhere else.
 */
export function findSecrets(
  lines: readonly string[],
  known: readonly string[],
  options: { shownCards?: readonly string[] } = {},
): string[] {
  const findings: string[] = [];
  const values = known.filter((value) => value.length >= 12);
  const shown = new Set(options.shownCards ?? []);
  lines.forEach((line, index) => {
    const page = HTML_PAGE.test(line);
    if (values.some((value) => line.includes(value))) findings.push(`known secret in #${index}`);
    else if (SECRET_SHAPES.some((shape) => shape.test(line)))
      findings.push(`key-shaped in #${index}`);
    for (const match of line.replace(UUID, (uuid) => 'u'.repeat(uuid.length)).matchAll(CARD)) {
      const digits = match[0].replace(/[ -]/g, '');
      if (page && shown.has(digits)) continue;
      if (looksLikeCard(digits)) {
        findings.push(`card number in #${index} (after "${contextOf(line, match.index)}")`);
      }
    }
  });
  return findings;
}
