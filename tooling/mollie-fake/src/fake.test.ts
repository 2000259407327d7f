import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createMollieClient from '@mollie/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MollieFake,
  mollieTestKey,
  startMollieFake,
  trustMollieFakeCertificate,
} from './index';

trustMollieFakeCertificate();

let fake: MollieFake;
const received: { body: string; contentType: string | undefined }[] = [];
let webhookUrl = '';
let closeReceiver: () => void = () => {};

beforeAll(async () => {
  fake = await startMollieFake();
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        contentType: request.headers['content-type'],
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  closeReceiver = () => receiver.close();
});
afterAll(async () => {
  closeReceiver();
  await fake.close();
});

const client = (apiKey = mollieTestKey()) =>
  createMollieClient({ apiKey, apiEndpoint: fake.apiEndpoint });

async function rawCreate(apiKey: string, body: unknown) {
  const response = await fetch(`${fake.apiEndpoint}payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    // biome-ignore lint/suspicious/noExplicitAny: a wire document, read field by field below
    body: (await response.json()) as any,
  };
}

const valid = {
  amount: { currency: 'EUR', value: '10.00' },
  description: 'Order ord_1',
  redirectUrl: 'https://shop.example/return',
};

describe('the Mollie fake through the real SDK', () => {
  it('creates a payment in Mollie’s wire format: HAL links, string amounts, open status', async () => {
    const key = mollieTestKey();
    const created = await rawCreate(key, { ...valid, method: ['ideal', 'creditcard'], webhookUrl });
    expect(created.status).toBe(201);
    expect(created.type).toBe('application/hal+json');
    expect(created.body).toMatchObject({
      resource: 'payment',
      id: expect.stringMatching(/^tr_[A-Za-z0-9]{10}$/),
      mode: 'test',
      status: 'open',
      amount: { currency: 'EUR', value: '10.00' },
      _links: { checkout: { href: expect.stringContaining('/checkout/'), type: 'text/html' } },
    });
    const payment = await client(key).payments.get(created.body.id);
    expect(payment.status).toBe('open');
    expect(payment.getCheckoutUrl()).toBe(created.body._links.checkout.href);
  });

  it('refuses unknown parameters, float amounts and wrong decimals with Mollie’s error document', async () => {
    const key = mollieTestKey();
    const unknown = await rawCreate(key, { ...valid, expiresAt: '2030-01-01' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      status: 422,
      title: 'Unprocessable Entity',
      field: 'expiresAt',
      _links: { documentation: { href: expect.stringContaining('docs.mollie.com') } },
    });
    expect(
      (await rawCreate(key, { ...valid, amount: { currency: 'EUR', value: 10 } })).body.field,
    ).toBe('amount.value');
    expect(
      (await rawCreate(key, { ...valid, amount: { currency: 'EUR', value: '10.0' } })).status,
    ).toBe(422);
    expect((await rawCreate(key, { ...valid, method: 'paypal' })).body.field).toBe('method');
    const noAuth = await fetch(`${fake.apiEndpoint}payments`, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(401);
    // the SDK surfaces the document as an ApiError with Mollie's status and field
    await expect(
      client(key).payments.create({ ...valid, amount: { currency: 'EUR', value: '1' } }),
    ).rejects.toMatchObject({ statusCode: 422, field: 'amount.value' });
  });

  it('shows a payment only to the account whose key made it', async () => {
    const owner = client();
    const payment = await owner.payments.create(valid);
    await expect(client().payments.get(payment.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(owner.payments.get('tr_0000000000')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('replays a create with the same idempotency key', async () => {
    const mollie = client();
    const a = await mollie.payments.create({ ...valid, idempotencyKey: 'k1' });
    const b = await mollie.payments.create({ ...valid, idempotencyKey: 'k1' });
    const c = await mollie.payments.create({ ...valid, idempotencyKey: 'k2' });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
  });

  it('pays on the hosted page: webhook with id=tr_… form body, then a redirect', async () => {
    const mollie = client();
    const payment = await mollie.payments.create({ ...valid, webhookUrl });
    const page = await fetch(payment.getCheckoutUrl() ?? '');
    expect(await page.text()).toContain('value="paid"');
    const before = received.length;
    const submit = await fetch(payment.getCheckoutUrl() ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=paid',
      redirect: 'manual',
    });
    expect(submit.status).toBe(303);
    expect(submit.headers.get('location')).toBe(valid.redirectUrl);
    expect(received.slice(before)).toEqual([
      { body: `id=${payment.id}`, contentType: 'application/x-www-form-urlencoded' },
    ]);
    const paid = await mollie.payments.get(payment.id);
    expect(paid.status).toBe('paid');
    expect(paid.amountRemaining).toEqual({ currency: 'EUR', value: '10.00' });
    expect(paid.getCheckoutUrl()).toBeNull();
  });

  it('refunds partially and fully, never more than remains', async () => {
    const mollie = client();
    const payment = await mollie.payments.create({
      ...valid,
      amount: { currency: 'EUR', value: '25.50' },
    });
    await expect(
      mollie.paymentRefunds.create({
        paymentId: payment.id,
        amount: { currency: 'EUR', value: '1.00' },
      }),
    ).rejects.toMatchObject({ statusCode: 422 });
    await fake.setPaymentStatus(payment.id, 'paid');
    const part = await mollie.paymentRefunds.create({
      paymentId: payment.id,
      amount: { currency: 'EUR', value: '5.50' },
    });
    expect(part).toMatchObject({
      resource: 'refund',
      status: 'pending',
      amount: { value: '5.50' },
    });
    await expect(
      mollie.paymentRefunds.create({
        paymentId: payment.id,
        amount: { currency: 'EUR', value: '20.01' },
      }),
    ).rejects.toMatchObject({ statusCode: 422, field: 'amount' });
    await mollie.paymentRefunds.create({
      paymentId: payment.id,
      amount: { currency: 'EUR', value: '20.00' },
    });
    const after = await mollie.payments.get(payment.id);
    expect(after.amountRefunded).toEqual({ currency: 'EUR', value: '25.50' });
    expect(after.amountRemaining).toEqual({ currency: 'EUR', value: '0.00' });
    await fake.processRefunds(payment.id);
    const refunds = await mollie.paymentRefunds.page({ paymentId: payment.id });
    expect(refunds.map((r) => r.status)).toEqual(['refunded', 'refunded']);
  });

  it('cancels an open payment and refuses to cancel a paid one', async () => {
    const mollie = client();
    const open = await mollie.payments.create(valid);
    expect((await mollie.payments.cancel(open.id)).status).toBe('canceled');
    const paid = await mollie.payments.create(valid);
    await fake.setPaymentStatus(paid.id, 'paid');
    await expect(mollie.payments.cancel(paid.id)).rejects.toMatchObject({ statusCode: 422 });
  });

  it('expires an open payment once its expiry passes', async () => {
    let now = Date.now();
    const clocked = await startMollieFake({ now: () => now });
    try {
      const mollie = createMollieClient({
        apiKey: mollieTestKey(),
        apiEndpoint: clocked.apiEndpoint,
      });
      const payment = await mollie.payments.create(valid);
      now += 16 * 60 * 1000;
      expect((await mollie.payments.get(payment.id)).status).toBe('expired');
    } finally {
      await clocked.close();
    }
  });
});
