import { NORMALIZED_PAYMENT_EVENT_TYPES } from '@prood/checkout';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  connectableProviders,
  credentialsFromForm,
  defaultProviderOf,
  listProviderDefinitions,
  PROVIDER_IDS,
  providerCheckoutUi,
  providerForwardHeaders,
} from './registry';

describe('the provider registry', () => {
  it.each(PROVIDER_IDS)('%s: describes every credential field and its webhooks', (id) => {
    const definition = listProviderDefinitions().find((d) => d.id === id);
    if (!definition) throw new Error(`no definition ${id}`);
    expect(definition.credentialsSchema).toBeInstanceOf(z.ZodObject);
    const shape = (definition.credentialsSchema as unknown as z.ZodObject).shape;
    expect(Object.keys(definition.credentialFields).sort()).toEqual(Object.keys(shape).sort());
    if (definition.webhook.strategy === 'signature') {
      expect(definition.webhook.forwardHeaders.length).toBeGreaterThan(0);
    } else {
      expect(definition.webhook.forwardHeaders).toEqual([]);
    }
    expect(providerForwardHeaders(id)).toEqual(definition.webhook.forwardHeaders);
    for (const types of Object.values(definition.events)) {
      for (const type of types) expect(NORMALIZED_PAYMENT_EVENT_TYPES).toContain(type);
    }
  });

  it.each(PROVIDER_IDS)('%s: says how the checkout page pays with it, over https only', (id) => {
    const ui = providerCheckoutUi(id);
    expect(['inline-card-form', 'embedded-element', 'redirect']).toContain(ui?.payment);
    for (const sources of Object.values(ui?.csp ?? {})) {
      for (const source of sources ?? []) expect(source).toMatch(/^https:\/\/[a-z0-9*.-]+$/);
    }
  });

  it('knows no provider it does not register', () => {
    expect(providerCheckoutUi('paypal')).toBeUndefined();
    expect(providerCheckoutUi('__proto__')).toBeUndefined();
    expect(providerForwardHeaders('paypal')).toBeUndefined();
    expect(providerForwardHeaders('__proto__')).toBeUndefined();
  });

  it('picks the enabled provider with the highest preference as the default', () => {
    expect(defaultProviderOf([])).toBeNull();
    expect(defaultProviderOf([{ provider: 'sandbox', enabled: true }])).toBe('sandbox');
    expect(
      defaultProviderOf([
        { provider: 'sandbox', enabled: true },
        { provider: 'stripe', enabled: true },
      ]),
    ).toBe('stripe');
    expect(
      defaultProviderOf([
        { provider: 'stripe', enabled: false },
        { provider: 'sandbox', enabled: true },
        { provider: 'unknown', enabled: true },
      ]),
    ).toBe('sandbox');
  });

  it('builds connect forms from the credential fields, and only takes known fields back', () => {
    const stripe = connectableProviders().find((f) => f.id === 'stripe');
    expect(stripe?.fields.find((f) => f.name === 'secretKey')).toMatchObject({ secret: true });
    expect(stripe?.fields.find((f) => f.name === 'accountId')).toMatchObject({ optional: true });
    // the endpoint id is ours to set: not in the form, and a form cannot smuggle one in
    expect(stripe?.fields.map((f) => f.name)).not.toContain('webhookEndpointId');
    expect(stripe?.webhookEndpoint).toEqual({
      secretField: 'webhookSecret',
      endpointIdField: 'webhookEndpointId',
    });
    expect(
      credentialsFromForm('stripe', { secretKey: 'sk', webhookEndpointId: 'we_someoneElse' }),
    ).not.toHaveProperty('webhookEndpointId');
    expect(
      credentialsFromForm('stripe', {
        secretKey: ' sk_test_x ',
        publishableKey: 'pk',
        webhookSecret: '',
        accountId: '',
        smuggled: 'x',
      }),
    ).toEqual({ secretKey: 'sk_test_x', publishableKey: 'pk', webhookSecret: '' });
  });
});
