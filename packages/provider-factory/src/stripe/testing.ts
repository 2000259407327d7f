import { randomBytes } from 'node:crypto';
import { isProviderError, type ProviderErrorCode } from '@prood/checkout';
import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { createStripeProvider, type StripePaymentProvider } from './provider';

/**
 * The Stripe provider under test: fresh test-mode keys and the real SDK pointed at a running
 * Stripe fake. Test code only; the fake never ships.
 */
export async function startStripeUnderTest(tenantId: string): Promise<{
  fake: StripeFake;
  stripe: StripePaymentProvider;
  credentials: { secretKey: string; publishableKey: string; webhookSecret: string };
}> {
  const credentials = {
    secretKey: `sk_test_${randomBytes(12).toString('hex')}`,
    publishableKey: `pk_test_${randomBytes(12).toString('hex')}`,
    webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
  };
  const fake = await startStripeFake();
  const stripe = createStripeProvider({
    tenantId,
    mode: 'test',
    credentials,
    runtime: { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 },
  });
  return { fake, stripe, credentials };
}

/** The ProviderError code a call failed with (or 'ok'); a message holding a secret fails. */
export async function providerErrorCode(
  promise: Promise<unknown>,
  secrets: readonly string[],
): Promise<ProviderErrorCode | 'ok'> {
  const outcome = await promise.then(
    () => 'ok' as const,
    (caught: unknown) => caught,
  );
  if (outcome === 'ok') return 'ok';
  if (!isProviderError(outcome))
    throw new Error(`expected a ProviderError, got ${String(outcome)}`);
  if (secrets.some((secret) => outcome.message.includes(secret))) {
    throw new Error('a provider error leaked a secret');
  }
  return outcome.code;
}
