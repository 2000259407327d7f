import type Stripe from 'stripe';

/**
 * The one Stripe API version this platform speaks: the version the installed SDK's types
 * describe. Upgrading the SDK means reading its changelog and moving this line.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;
