import { z } from 'zod';

/**
 * Every id prefix the platform hands out. One table, so a prefix can never be reused for two
 * kinds of record and a leaked id always says what it is.
 */
export const ID_PREFIXES = {
  apiKey: 'key',
  checkoutSession: 'cs',
  coupon: 'coupon',
  customer: 'cust',
  event: 'evt',
  fulfillment: 'ful',
  integration: 'int',
  invitation: 'inv',
  member: 'mem',
  order: 'ord',
  orderItem: 'oi',
  organization: 'org',
  payment: 'pay',
  paymentAttempt: 'att',
  paymentLink: 'cs_link',
  productLink: 'plink',
  price: 'price',
  product: 'prod',
  refund: 're',
  secretKey: 'sk',
  session: 'sess',
  subscription: 'sub',
  taxRate: 'txr',
  user: 'usr',
  account: 'acct',
  verification: 'ver',
  cart: 'cart',
  cartItem: 'ci',
  idempotency: 'idem',
  request: 'req',
  webhookEndpoint: 'we',
  webhookDelivery: 'whd',
  webhookAttempt: 'wha',
  webhookRejection: 'whr',
  shippingRate: 'shr',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 22 base62 characters carry 22 × log2(62) ≈ 131 bits of randomness. */
export const ID_RANDOM_LENGTH = 22;

/** Uniform random base62 string; rejection sampling keeps every character equally likely. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    // getRandomValues refuses more than 65,536 bytes per call
    const bytes = crypto.getRandomValues(new Uint8Array(Math.min(length * 2, 65_536)));
    for (const byte of bytes) {
      // 248 = 4 × 62: bytes above it would bias the first characters of the alphabet.
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * Makes a new prefixed id with ~131 bits of randomness.
 *
 * @example
 * newId('order') // 'ord_3fK9…'
 */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(ID_RANDOM_LENGTH)}`;
}

/** zod schema that accepts only ids of one kind, e.g. `idSchema('order')`. */
export function idSchema(kind: IdKind) {
  const prefix = ID_PREFIXES[kind];
  return z
    .string()
    .regex(new RegExp(`^${prefix}_[0-9A-Za-z]{${ID_RANDOM_LENGTH}}$`), `must be a ${prefix}_… id`);
}

/** True when `value` looks like an id of `kind`. */
export function isId(kind: IdKind, value: string): boolean {
  return idSchema(kind).safeParse(value).success;
}
