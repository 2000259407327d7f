/**
 * Stripe API objects as the fake returns them, field names and nesting after Stripe's published
 * fixtures (`fixtures3.json`): the fields the platform reads are filled from request data, the
 * rest carry Stripe's defaults.
 */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

const emptyAddress = () => ({
  city: null,
  country: null,
  line1: null,
  line2: null,
  postal_code: null,
  state: null,
});

export interface LineItemInput {
  quantity?: number;
  price_data?: {
    currency: string;
    unit_amount?: number;
    product_data?: { name: string };
    recurring?: { interval: string; interval_count?: number };
  };
}

export function checkoutSession(input: {
  id: string;
  created: number;
  livemode: boolean;
  params: Record<string, unknown>;
  amountTotal: number;
  currency: string;
}): StripeObject {
  const p = input.params;
  return {
    id: input.id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: p.allow_promotion_codes ?? null,
    amount_subtotal: input.amountTotal,
    amount_total: input.amountTotal,
    automatic_tax: { enabled: false, liability: null, status: null, provider: null },
    billing_address_collection: null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created: input.created,
    currency: input.currency,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: p.customer ?? null,
    customer_creation: p.mode === 'payment' && !p.customer ? 'if_required' : null,
    customer_details: null,
    customer_email: p.customer_email ?? null,
    expires_at: p.expires_at ?? input.created + 24 * 3600,
    invoice: null,
    invoice_creation: null,
    livemode: input.livemode,
    locale: null,
    metadata: p.metadata ?? {},
    mode: p.mode,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: p.mode === 'subscription' ? 'always' : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: p.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `https://checkout.stripe.com/c/pay/${input.id}`,
    adaptive_pricing: { enabled: false },
    discounts: [],
    wallet_options: null,
  };
}

export function paymentIntent(input: {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  customer: string | null;
  status: string;
  secret: string;
}): StripeObject {
  return {
    id: input.id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: input.status === 'succeeded' ? input.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${input.id}_secret_${input.secret}`,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: input.livemode,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function charge(input: {
  id: string;
  created: number;
  livemode: boolean;
  amount: number;
  currency: string;
  paymentIntent: string;
  metadata: Record<string, string>;
  customer: string | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'charge',
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: {
      address: emptyAddress(),
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: 'PROOD',
    captured: true,
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: input.livemode,
    metadata: input.metadata,
    on_behalf_of: null,
    outcome: {
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: true,
    payment_intent: input.paymentIntent,
    payment_method: null,
    payment_method_details: { card: { brand: 'visa', last4: '4242' }, type: 'card' },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${input.id}/refunds` },
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function refund(input: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  charge: string;
  paymentIntent: string;
  metadata: Record<string, string>;
  reason: string | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'refund',
    amount: input.amount,
    balance_transaction: null,
    charge: input.charge,
    created: input.created,
    currency: input.currency,
    destination_details: { card: { type: 'refund' }, type: 'card' },
    metadata: input.metadata,
    payment_intent: input.paymentIntent,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

export function customer(input: {
  id: string;
  created: number;
  livemode: boolean;
  params: Record<string, unknown>;
}): StripeObject {
  return {
    id: input.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: input.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.params.description ?? null,
    discount: null,
    email: input.params.email ?? null,
    invoice_prefix: input.id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: input.livemode,
    metadata: input.params.metadata ?? {},
    name: input.params.name ?? null,
    next_invoice_sequence: 1,
    phone: input.params.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function subscription(input: {
  id: string;
  created: number;
  livemode: boolean;
  customer: string;
  currency: string;
  metadata: Record<string, string>;
  items: Array<{
    id: string;
    priceId: string;
    product: string;
    unitAmount: number;
    quantity: number;
    interval: string;
    intervalCount: number;
  }>;
  periodEnd: number;
}): StripeObject {
  return {
    id: input.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: input.created,
    billing_cycle_anchor_config: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: {
      object: 'list',
      data: input.items.map((item) => ({
        id: item.id,
        object: 'subscription_item',
        created: input.created,
        current_period_end: input.periodEnd,
        current_period_start: input.created,
        discounts: [],
        metadata: {},
        price: {
          id: item.priceId,
          object: 'price',
          active: false,
          billing_scheme: 'per_unit',
          created: input.created,
          currency: input.currency,
          livemode: input.livemode,
          lookup_key: null,
          metadata: {},
          nickname: null,
          product: item.product,
          recurring: {
            interval: item.interval,
            interval_count: item.intervalCount,
            meter: null,
            usage_type: 'licensed',
          },
          tax_behavior: 'unspecified',
          tiers_mode: null,
          transform_quantity: null,
          type: 'recurring',
          unit_amount: item.unitAmount,
          unit_amount_decimal: String(item.unitAmount),
        },
        quantity: item.quantity,
        subscription: input.id,
        tax_rates: [],
      })),
      has_more: false,
      url: `/v1/subscription_items?subscription=${input.id}`,
    },
    latest_invoice: null,
    livemode: input.livemode,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: input.created,
    status: 'active',
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export function billingPortalSession(input: {
  id: string;
  created: number;
  livemode: boolean;
  customer: string;
  returnUrl: string | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'billing_portal.session',
    configuration: 'bpc_fake_default',
    created: input.created,
    customer: input.customer,
    flow: null,
    livemode: input.livemode,
    locale: null,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `https://billing.stripe.com/p/session/${input.id.replace('bps_', 'test_')}`,
  };
}

export function webhookEndpoint(input: {
  id: string;
  created: number;
  livemode: boolean;
  params: Record<string, unknown>;
  secret: string;
}): StripeObject {
  return {
    id: input.id,
    object: 'webhook_endpoint',
    api_version: input.params.api_version ?? null,
    application: null,
    created: input.created,
    description: input.params.description ?? null,
    enabled_events: input.params.enabled_events,
    livemode: input.livemode,
    metadata: input.params.metadata ?? {},
    secret: input.secret,
    status: 'enabled',
    url: input.params.url,
  };
}

/** An object as Stripe shows it after creation: a webhook endpoint's secret is shown only once. */
export function withoutSecret(object: StripeObject): StripeObject {
  const { secret: _secret, ...rest } = object;
  return rest;
}
