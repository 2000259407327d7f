import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { E2E_PORTS } from './platform';

/**
 * The Stripe API fake on the run's Stripe port (the platform's PAYMENT_PROVIDER_API_URLS points
 * there), treating the local checkout app as reachable so webhook endpoints can be registered
 * at its URL. For specs outside this app, which cannot resolve the fake's package themselves.
 */
export function startE2eStripeFake(): Promise<StripeFake> {
  return startStripeFake({ port: E2E_PORTS.stripe, reachableHosts: ['localhost', '127.0.0.1'] });
}
