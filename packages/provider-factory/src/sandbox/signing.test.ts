import { randomBytes } from 'node:crypto';
import { isProviderError, type ProviderErrorCode } from '@prood/checkout';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createSandboxProvider } from './provider';
import { signSandboxWebhook } from './signing';
import { createMemorySandboxStore } from './store';

const tenantId = 'org_signingTenant00000001';
const secret = `whsec_${randomBytes(24).toString('base64')}`;
const provider = createSandboxProvider({
  tenantId,
  credentials: { webhookSecret: secret },
  runtime: { store: createMemorySandboxStore(), checkoutBaseUrl: 'http://localhost:3004' },
});

function event(overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: 'evt_sbx_abc123',
    object: 'event',
    type: 'payment.succeeded',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    tenant_id: tenantId,
    data: { order_id: 'ord_1', payment_id: 'sbx_pay_1', amount: 4980, currency: 'eur' },
    ...overrides,
  });
}

async function codeOf(promise: Promise<unknown>): Promise<ProviderErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!isProviderError(error)) throw error;
    expect(error.message).not.toContain(secret.slice(6, 20));
    return error.code;
  }
}

describe('sandbox webhook signatures', () => {
  it('signs like Standard Webhooks: the reference library verifies it', () => {
    const payload = event();
    const headers = signSandboxWebhook({
      secret,
      id: 'evt_sbx_abc123',
      timestamp: new Date(),
      payload,
    });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(payload, headers)).toMatchObject({ id: 'evt_sbx_abc123' });
  });

  it('accepts a valid delivery and maps it', async () => {
    const payload = event();
    const headers = signSandboxWebhook({
      secret,
      id: 'evt_sbx_abc123',
      timestamp: new Date(),
      payload,
    });
    const parsed = await provider.parseWebhook({
      rawBody: new TextEncoder().encode(payload),
      headers,
      tenantId,
    });
    expect(parsed).toMatchObject({ eventId: 'evt_sbx_abc123', type: 'payment.succeeded' });
    expect(parsed.events).toEqual([
      expect.objectContaining({
        type: 'payment.succeeded',
        amount: 4980,
        currency: 'EUR',
        orderId: 'ord_1',
      }),
    ]);
  });

  it('refuses missing, forged, tampered and stale signatures, and other tenants’ events', async () => {
    const payload = event();
    const now = new Date();
    const headers = signSandboxWebhook({ secret, id: 'evt_sbx_abc123', timestamp: now, payload });
    const parse = (rawBody: string, h: Record<string, string | undefined>, tenant = tenantId) =>
      codeOf(provider.parseWebhook({ rawBody, headers: h, tenantId: tenant }));

    expect(await parse(payload, { ...headers, 'webhook-signature': undefined })).toBe(
      'webhook_signature_missing',
    );
    expect(await parse(payload, {})).toBe('webhook_signature_missing');
    const forged = signSandboxWebhook({
      secret: `whsec_${randomBytes(24).toString('base64')}`,
      id: 'evt_sbx_abc123',
      timestamp: now,
      payload,
    });
    expect(await parse(payload, forged)).toBe('webhook_signature_invalid');
    const tampered = payload.replace('4980', '4981');
    expect(tampered).not.toBe(payload);
    expect(await parse(tampered, headers)).toBe('webhook_signature_invalid');
    expect(await parse(payload, { ...headers, 'webhook-id': 'evt_sbx_other' })).toBe(
      'webhook_signature_invalid',
    );
    const stale = signSandboxWebhook({
      secret,
      id: 'evt_sbx_abc123',
      timestamp: new Date(now.getTime() - 301_000),
      payload,
    });
    expect(await parse(payload, stale)).toBe('webhook_timestamp_out_of_tolerance');
    expect(await parse(payload, headers, 'org_someoneElse000000001')).toBe(
      'webhook_tenant_mismatch',
    );
    const foreign = event({ tenant_id: 'org_someoneElse000000001' });
    expect(
      await parse(
        foreign,
        signSandboxWebhook({ secret, id: 'evt_sbx_abc123', timestamp: now, payload: foreign }),
      ),
    ).toBe('webhook_tenant_mismatch');
    const junk = '{"hello":"world"}';
    expect(
      await parse(junk, signSandboxWebhook({ secret, id: 'x', timestamp: now, payload: junk })),
    ).toBe('webhook_payload_invalid');
  });
});
