import { claimDueDeliveries } from '@prood/db';
import {
  events,
  mailOutbox,
  members,
  users,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from '@prood/db/schema';
import { randomBase62 } from '@prood/validators';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer } from '../jobs/mailer';
import { createPaymentWebhookHandler } from '../payments/ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
} from '../payments/testing';
import { serveFetchHandler } from '../testing/http';
import { startWebhookReceiver } from '../testing/receiver';
import { attemptDelivery, type WebhookDeliveryDeps } from './delivery';
import { emitEvent } from './emit';
import { createWebhookEndpoint, rotateEndpointSecret } from './service';
import type { ResolveHost } from './ssrf';
import { startWebhookDelivery } from './worker';

let h: PaymentsHarness;
let ingest: Awaited<ReturnType<typeof serveFetchHandler>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

const loopbackDns: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  // own pg-boss schema: the workers started here never take other files' jobs
  h = await createPaymentsHarness(inject('databaseUrl'), { jobsSchema: 'pgboss_events' });
  ingest = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await ingest?.close();
  await h?.close();
});

async function endpointFor(tenant: SandboxTenant, enabledEvents: string[] = ['order.paid']) {
  const path = `/hooks/${randomBase62(8)}`;
  const created = await createWebhookEndpoint(
    { db: h.db, tenantId: tenant.tenantId, resolveHost: loopbackDns },
    'test',
    { url: `${receiver.url}${path}`, enabledEvents: enabledEvents as ['order.paid'] },
  );
  return { ...created, path };
}

const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

/** Verifies as the README shows: the raw body and the request's headers, as node:http has them. */
function verifyWith(secret: string, request: { body: string; headers: Record<string, unknown> }) {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
}

describe('an order paid through the sandbox', () => {
  it('50 duplicate provider webhooks: one order.paid event, one delivery, one signed POST that verifies', async () => {
    const tenant = await createSandboxTenant(h.db);
    const endpoint = await endpointFor(tenant);
    const worker = await startWebhookDelivery(
      h.jobs.boss,
      { db: h.db, logger, resolveHost: loopbackDns },
      { relayIntervalMs: 50 },
    );
    try {
      const order = await createPayableOrder(h.db, tenant.tenantId);
      await payWithSandboxCard(h, order);
      const sent = (await pendingSandboxDeliveries(h, tenant)).find(
        (d) => d.type === 'payment.succeeded',
      );
      if (!sent) throw new Error('the sandbox queued no payment.succeeded');
      const statuses = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${ingest.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`, {
            method: 'POST',
            headers: sent.headers(),
            body: sent.payload,
          }).then((r) => r.status),
        ),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);

      const paidEvents = await h.db
        .select()
        .from(events)
        .where(and(eq(events.tenantId, tenant.tenantId), eq(events.type, 'order.paid')));
      expect(paidEvents).toHaveLength(1);
      const deliveries = await h.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      expect(deliveries).toHaveLength(1);

      await receiver.waitUntil(() => receivedAt(endpoint.path).length > 0);
      const [request] = receivedAt(endpoint.path);
      expect(receivedAt(endpoint.path)).toHaveLength(1);
      if (!request) throw new Error('nothing received');
      const payload = verifyWith(endpoint.secret, request) as {
        id: string;
        type: string;
        data: { object: { id: string; status: string; amountPaid: number } };
      };
      expect(payload).toMatchObject({
        id: paidEvents[0]?.id,
        type: 'order.paid',
        data: { object: { id: order.id, status: 'PAID', amountPaid: order.total } },
      });
      expect(request.headers['webhook-id']).toBe(paidEvents[0]?.id);
      // another secret does not verify
      expect(() =>
        verifyWith(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, request),
      ).toThrow();
    } finally {
      await worker.stop();
    }
  });
});

/** A tenant, a test endpoint on the local receiver and one emitted event owed to it. */
async function owedDelivery(enabledEvents: string[] = ['order.paid']) {
  const tenant = await createSandboxTenant(h.db);
  const endpoint = await endpointFor(tenant, enabledEvents);
  const order = await createPayableOrder(h.db, tenant.tenantId);
  await h.db.transaction((tx) =>
    emitEvent(tx, {
      tenantId: tenant.tenantId,
      type: 'order.paid',
      object: { id: order.id, object: 'order' },
    }),
  );
  const [delivery] = await h.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpoint.id));
  if (!delivery) throw new Error('no delivery owed');
  return { tenant, endpoint, delivery };
}

async function attemptsOf(deliveryId: string) {
  return h.db
    .select()
    .from(webhookDeliveryAttempts)
    .where(eq(webhookDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookDeliveryAttempts.attemptedAt));
}

async function isDue(deliveryId: string, now: Date) {
  // claims only what is due; a claimed row is released again by the attempt that follows
  const claimed = await claimDueDeliveries(h.db, { now, leaseMs: 0, limit: 1000 });
  await h.db
    .update(webhookDeliveries)
    .set({ claimedAt: null })
    .where(eq(webhookDeliveries.id, deliveryId));
  return claimed.some((c) => c.id === deliveryId);
}

/** Delivery deps on a controllable clock, with jitter pinned to its middle. */
function clockDeps(now: () => Date, extra: Partial<WebhookDeliveryDeps> = {}): WebhookDeliveryDeps {
  return { db: h.db, logger, resolveHost: loopbackDns, now, random: () => 0.5, ...extra };
}

describe('retries (controllable clock)', () => {
  it('500, then a timeout, then 200: three attempts recorded, one success, backoff between', async () => {
    const { tenant, delivery } = await owedDelivery();
    let now = new Date(delivery.createdAt.getTime() + 100);
    // no jitter: the delays are exactly 10 s and 20 s
    const deps = clockDeps(() => now, { timeoutMs: 300 });
    const scope = { tenantId: tenant.tenantId, deliveryId: delivery.id };
    receiver.script.push('error', 'hang', 'ok');

    expect(await isDue(delivery.id, now)).toBe(true);
    expect(await attemptDelivery(deps, scope)).toBe('retrying');
    const afterFirst = await h.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(afterFirst[0]?.nextAttemptAt?.getTime()).toBe(now.getTime() + 10_000);
    expect(await isDue(delivery.id, new Date(now.getTime() + 9_999))).toBe(false);

    now = new Date(now.getTime() + 10_000);
    expect(await isDue(delivery.id, now)).toBe(true);
    expect(await attemptDelivery(deps, scope)).toBe('retrying');
    expect(await isDue(delivery.id, new Date(now.getTime() + 19_999))).toBe(false);

    now = new Date(now.getTime() + 20_000);
    expect(await isDue(delivery.id, now)).toBe(true);
    expect(await attemptDelivery(deps, scope)).toBe('succeeded');
    expect(await attemptDelivery(deps, scope)).toBe('skipped');

    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.succeeded, a.responseStatus])).toEqual([
      [false, 500],
      [false, null],
      [true, 200],
    ]);
    expect(attempts[0]?.responseExcerpt?.length).toBe(1024);
    expect(attempts[1]?.error).toMatch(/timeout/);
    const gaps = attempts
      .slice(1)
      .map((a, i) => a.attemptedAt.getTime() - (attempts[i]?.attemptedAt.getTime() ?? 0));
    expect(gaps).toEqual([10_000, 20_000]);
    const [final] = await h.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(final).toMatchObject({ status: 'succeeded', attemptCount: 3, nextAttemptAt: null });
  });

  it('after 3 days of failures the delivery gives up, the endpoint is disabled and the owner is mailed', async () => {
    const { tenant, endpoint, delivery } = await owedDelivery();
    const userId = `usr_${randomBase62(22)}`;
    await h.db.insert(users).values({ id: userId, name: 'Owner', email: `${userId}@example.com` });
    await h.db.insert(members).values({
      id: `mem_${randomBase62(22)}`,
      organizationId: tenant.tenantId,
      userId,
      role: 'owner',
    });
    let now = new Date(delivery.createdAt.getTime() + 100);
    const deps = clockDeps(() => now, { mailer: createMailer({ from: 'webhooks@prood.dev' }) });
    const scope = { tenantId: tenant.tenantId, deliveryId: delivery.id };
    let outcome = 'retrying';
    let attempts = 0;
    while (outcome === 'retrying') {
      receiver.script.push('error');
      outcome = await attemptDelivery(deps, scope);
      attempts += 1;
      const [row] = await h.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.id, delivery.id));
      if (row?.nextAttemptAt) now = row.nextAttemptAt;
    }
    expect(outcome).toBe('failed');
    // 10 s doubling to a 6 h cap fills 3 days in about 20 attempts
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(30);
    expect(now.getTime() - delivery.createdAt.getTime()).toBeLessThanOrEqual(3 * 24 * 3_600_000);
    const [disabled] = await h.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(disabled?.status).toBe('disabled');
    const mails = await h.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.tenantId, tenant.tenantId));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      kind: 'webhook_endpoint_disabled',
      to: `${userId}@example.com`,
    });
  });
});

describe('secret rotation', () => {
  it('both secrets verify during the 24 h overlap; only the new one after', async () => {
    const { tenant, endpoint, delivery } = await owedDelivery();
    const real = Date.now();
    const scope = { db: h.db, tenantId: tenant.tenantId, resolveHost: loopbackDns };
    const deps = { db: h.db, logger, resolveHost: loopbackDns };

    // rotated an hour ago: still inside the overlap
    const rotated = await rotateEndpointSecret(
      { ...scope, now: () => new Date(real - 3_600_000) },
      endpoint.id,
    );
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(
      await attemptDelivery(deps, { tenantId: tenant.tenantId, deliveryId: delivery.id }),
    ).toBe('succeeded');
    const during = receivedAt(endpoint.path).at(-1);
    if (!during) throw new Error('nothing received');
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(() => verifyWith(endpoint.secret, during)).not.toThrow();
    expect(() => verifyWith(rotated.secret, during)).not.toThrow();

    // the previous secret's overlap ran out (rotation 25 h ago)
    await h.db
      .update(webhookEndpoints)
      .set({ previousSecretExpiresAt: new Date(real - 3_600_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    await h.db
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: new Date() })
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(
      await attemptDelivery(deps, { tenantId: tenant.tenantId, deliveryId: delivery.id }),
    ).toBe('succeeded');
    const after = receivedAt(endpoint.path).at(-1);
    if (!after || after === during) throw new Error('nothing received');
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => verifyWith(rotated.secret, after)).not.toThrow();
    expect(() => verifyWith(endpoint.secret, after)).toThrow();
  });
});

describe('SSRF at delivery time', () => {
  it('a host that resolved to a public address at creation but to 10.0.0.1 now is refused at connect', async () => {
    const tenant = await createSandboxTenant(h.db);
    const created = await createWebhookEndpoint(
      {
        db: h.db,
        tenantId: tenant.tenantId,
        resolveHost: async () => [{ address: '93.184.216.34', family: 4 }],
      },
      'test',
      { url: `http://rebind.example:${receiver.port}/hooks`, enabledEvents: ['*'] },
    );
    await h.db.transaction((tx) =>
      emitEvent(tx, { tenantId: tenant.tenantId, type: 'order.created', object: { id: 'x' } }),
    );
    const [delivery] = await h.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, created.id));
    if (!delivery) throw new Error('no delivery');
    const before = receiver.received.length;
    const outcome = await attemptDelivery(
      { db: h.db, logger, resolveHost: async () => [{ address: '10.0.0.1', family: 4 }] },
      { tenantId: tenant.tenantId, deliveryId: delivery.id },
    );
    expect(outcome).toBe('retrying');
    const [attempt] = await attemptsOf(delivery.id);
    expect(attempt?.error).toMatch(/address refused.*10\.0\.0\.1/);
    expect(receiver.received.length).toBe(before);
  });
});
