import { z } from 'zod';
import { currencySchema, minorUnitsSchema } from './money';
import { CHECKOUT_EVENT_TYPES, CHECKOUT_STATES, FULFILLMENT_TYPES } from './state-machine';

/** Bumped when the snapshot's shape changes; hydration refuses other versions. */
export const CHECKOUT_SNAPSHOT_SCHEMA_VERSION = 1 as const;

export const CHECKOUT_SESSION_KINDS = ['order', 'payment_link'] as const;
export type CheckoutSessionKind = (typeof CHECKOUT_SESSION_KINDS)[number];

const isoDate = z.iso.datetime({ offset: false, message: 'must be an ISO-8601 UTC timestamp' });

export const addressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().nullable(),
  city: z.string().min(1),
  postalCode: z.string().nullable(),
  region: z.string().nullable(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
});
export type Address = z.infer<typeof addressSchema>;

export const customerInfoSchema = z.object({
  email: z.email().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
});
export type CustomerInfo = z.infer<typeof customerInfoSchema>;

export const fulfillmentSchema = z.object({
  type: z.enum(FULFILLMENT_TYPES),
  address: addressSchema.nullable(),
});
export type Fulfillment = z.infer<typeof fulfillmentSchema>;

export const transitionRecordSchema = z.object({
  from: z.enum(CHECKOUT_STATES),
  to: z.enum(CHECKOUT_STATES),
  event: z.enum(CHECKOUT_EVENT_TYPES),
  at: isoDate,
});
export type TransitionRecord = z.infer<typeof transitionRecordSchema>;

/**
 * The persisted form of a checkout session. Absent values are `null`, never missing, so that a
 * JSON round-trip gives back exactly the same object.
 */
export const checkoutSnapshotSchema = z.object({
  schemaVersion: z.literal(CHECKOUT_SNAPSHOT_SCHEMA_VERSION),
  /** Incremented by every successful save; the compare-and-set token. */
  version: z.number().int().nonnegative(),
  id: z.string().min(1),
  tenantId: z.string().min(1),
  kind: z.enum(CHECKOUT_SESSION_KINDS),
  orderId: z.string().min(1).nullable(),
  description: z.string().nullable(),
  amount: minorUnitsSchema,
  currency: currencySchema,
  returnUrl: z.string().min(1),
  cancelUrl: z.string().min(1).nullable(),
  customerInfo: customerInfoSchema,
  fulfillment: fulfillmentSchema,
  /** Provider id; null for a payment link until the tenant's provider is assigned. */
  provider: z.string().min(1).nullable(),
  providerSessionId: z.string().nullable(),
  providerPaymentId: z.string().nullable(),
  state: z.enum(CHECKOUT_STATES),
  /** Payment attempts started: 0 before the payment step, +1 on every entry into it. */
  attempt: z.number().int().nonnegative(),
  createdAt: isoDate,
  expiresAt: isoDate,
  paymentStartedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  history: z.array(transitionRecordSchema),
});
export type CheckoutSnapshot = z.infer<typeof checkoutSnapshotSchema>;
