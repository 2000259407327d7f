/** What a sandbox card does when the shopper submits it. */
export type SandboxCardBehaviour =
  | 'succeeded'
  | 'declined'
  | 'insufficient_funds'
  | 'requires_action'
  | 'processing';

export interface SandboxTestCard {
  /** Digits only. */
  number: string;
  behaviour: SandboxCardBehaviour;
  /** Shown on the sandbox page next to the number. */
  description: string;
}

/**
 * The sandbox's test cards, Stripe's numbers for the same behaviours. Any other number is refused,
 * the way Stripe test mode refuses real cards.
 */
export const SANDBOX_TEST_CARDS = [
  { number: '4242424242424242', behaviour: 'succeeded', description: 'Succeeds' },
  { number: '4000000000000002', behaviour: 'declined', description: 'Declined (card_declined)' },
  {
    number: '4000000000009995',
    behaviour: 'insufficient_funds',
    description: 'Declined (insufficient_funds)',
  },
  {
    number: '4000002760003184',
    behaviour: 'requires_action',
    description: 'Needs authentication: approve or fail it on the next page',
  },
  {
    number: '4000000000000077',
    behaviour: 'processing',
    description: 'Processing, then succeeds asynchronously after a delay',
  },
] as const satisfies readonly SandboxTestCard[];

export const SANDBOX_CARD_SUCCEEDS = '4242424242424242';
export const SANDBOX_CARD_DECLINED = '4000000000000002';
export const SANDBOX_CARD_INSUFFICIENT_FUNDS = '4000000000009995';
export const SANDBOX_CARD_REQUIRES_ACTION = '4000002760003184';
export const SANDBOX_CARD_ASYNC = '4000000000000077';

/** Finds the test card for what the shopper typed (spaces and dashes ignored). */
export function findSandboxTestCard(cardNumber: string): SandboxTestCard | undefined {
  const digits = cardNumber.replace(/[\s-]/g, '');
  return SANDBOX_TEST_CARDS.find((card) => card.number === digits);
}
