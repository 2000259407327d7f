/**
 * Merchant-events benchmark, two figures, each beside a raw baseline measured in the same run:
 *
 * 1. Delivery throughput. N events owed to one test endpoint on a loopback receiver are
 *    delivered by the real path (outbox relay → pg-boss → `attemptDelivery`: load, sign with
 *    standardwebhooks, connect-time address check, POST, record the attempt) at concurrency 16,
 *    against a raw loop of standardwebhooks-signed POSTs (node:http, keep-alive) to the same
 *    receiver at the same concurrency.
 * 2. What writing the event adds to webhook ingest. Signed sandbox `payment.succeeded` events
 *    through the API's ingest handler (which now writes `order.paid` and its delivery row in the
 *    same transaction), against what the event write adds to a write transaction: a transaction
 *    that writes the order row and `emitOrderMoved`, minus one that only writes the order row,
 *    for the same number of paid orders at the same concurrency.
 *
 * Scratch database, dropped at the end. Usage: pnpm --filter @prood/api bench:events
 *   DATABASE_URL                Postgres server for the scratch database (default 127.0.0.1:5432)
 *   BENCH_EVENTS                events per measurement (default 2000)
 *   BENCH_EVENTS_CONCURRENCY    deliveries / ingests in flight (default 16)
 */
import { Agent, request } from 'node:http';
import { type Database, type Executor, newOrderReference } from '@prood/db';
import { migrateDatabase } from '@prood/db/migrate';
import { orderItems, orders, webhookDeliveries } from '@prood/db/schema';
import { createScratchDatabase, createTestProduct, dropScratchDatabase } from '@prood/db/testing';
import { signSandboxWebhook } from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import { createEnv } from '@t3-oss/env-core';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { emitEvent, emitOrderMoved } from '../src/events/emit';
import { createWebhookEndpoint } from '../src/events/service';
import { startWebhookDelivery } from '../src/events/worker';
import { createPaymentWebhookHandler } from '../src/payments/ingest-webhook';
import {
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  type SandboxTenant,
  sandboxEventBody,
} from '../src/payments/testing';
import { serveFetchHandler } from '../src/testing/http';
import { startWebhookReceiver } from '../src/testing/receiver';
import { writeReportSection } from './report';
import { writeResults } from './results';

const env = createEnv({
  server: {
    DATABASE_URL: z.string().optional(),
    BENCH_EVENTS: z.coerce.number().int().min(50).max(20_000).default(2000),
    BENCH_EVENTS_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(16),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
const N = env.BENCH_EVENTS;
const CONCURRENCY = env.BENCH_EVENTS_CONCURRENCY;
const logger = pino({ level: 'silent' });

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let item = items[next++]; item !== undefined; item = items[next++]) {
        const started = performance.now();
        await work(item);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const p50 = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? Number.NaN;

/** N events for a fresh tenant whose one endpoint points at the receiver; returns the tenant. */
async function owedEvents(h: PaymentsHarness, url: string, n: number) {
  const tenant = await createSandboxTenant(h.db);
  const endpoint = await createWebhookEndpoint(
    {
      db: h.db,
      tenantId: tenant.tenantId,
      resolveHost: async () => [{ address: '127.0.0.1', family: 4 }],
    },
    'test',
    { url, enabledEvents: ['*'] },
  );
  for (let i = 0; i < n; i += 100) {
    await h.db.transaction(async (tx) => {
      for (let j = i; j < Math.min(n, i + 100); j += 1) {
        await emitEvent(tx, {
          tenantId: tenant.tenantId,
          type: 'order.created',
          object: { id: newId('order'), object: 'order', total: 1000, currency: 'EUR', n: j },
        });
      }
    });
  }
  return { tenant, endpoint };
}

async function succeeded(db: Database, endpointId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'succeeded')),
    );
  return row?.n ?? 0;
}

async function deliveryThroughput(h: PaymentsHarness) {
  const receiver = await startWebhookReceiver({ record: false });
  try {
    // warm-up: JIT, pools, pg-boss queue
    const warm = await owedEvents(h, `${receiver.url}/warm`, 100);
    const warmWorker = await startWebhookDelivery(
      h.jobs.boss,
      { db: h.db, logger },
      { concurrency: CONCURRENCY },
    );
    while ((await succeeded(h.db, warm.endpoint.id)) < 100)
      await new Promise((r) => setTimeout(r, 50));
    await warmWorker.stop();

    const { endpoint } = await owedEvents(h, `${receiver.url}/hooks`, N);
    const before = receiver.received.length;
    const started = performance.now();
    const worker = await startWebhookDelivery(
      h.jobs.boss,
      { db: h.db, logger },
      { concurrency: CONCURRENCY },
    );
    await receiver.waitUntil(() => receiver.received.length - before >= N);
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const recorded = await succeeded(h.db, endpoint.id);

    // raw: the same receiver, signed POSTs in a loop, node:http keep-alive, same concurrency
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const signer = new Webhook(endpoint.secret);
    const body = JSON.stringify({
      id: 'evt_raw',
      object: 'event',
      type: 'order.created',
      data: { object: { total: 1000 } },
    });
    const rawStarted = performance.now();
    const rawLatencies = await pool(
      Array.from({ length: N }, (_, i) => i),
      (i) =>
        new Promise<void>((resolve, reject) => {
          const now = new Date();
          const id = `evt_raw_${i}`;
          const req = request(
            `${receiver.url}/raw`,
            {
              method: 'POST',
              agent,
              headers: {
                'content-type': 'application/json',
                'webhook-id': id,
                'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
                'webhook-signature': signer.sign(id, now, body),
              },
            },
            (res) => {
              res.resume();
              res.on('end', () =>
                res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
              );
            },
          );
          req.on('error', reject);
          req.end(body);
        }),
    );
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    agent.destroy();
    return { seconds, rawSeconds, rawLatencies, recorded };
  } finally {
    await receiver.close();
  }
}

/** PENDING digital orders with one line, and their signed sandbox `payment.succeeded` bodies. */
async function payableOrders(h: PaymentsHarness, tenant: SandboxTenant, n: number) {
  const { productId, price } = await createTestProduct(h.db, {
    tenantId: tenant.tenantId,
    unitAmount: 500,
  });
  const prepared = Array.from({ length: n }, () => {
    const orderId = newId('order');
    const checkoutSessionId = newId('checkoutSession');
    return {
      orderId,
      checkoutSessionId,
      ...sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
        order_id: orderId,
        checkout_session_id: checkoutSessionId,
        payment_id: `sbx_pay_${randomBase62(20)}`,
        amount: 1000,
        currency: 'EUR',
      }),
    };
  });
  for (let from = 0; from < n; from += 200) {
    const batch = prepared.slice(from, from + 200);
    await h.db.insert(orders).values(
      batch.map((e) => ({
        id: e.orderId,
        tenantId: tenant.tenantId,
        reference: newOrderReference(),
        currency: 'EUR',
        subtotal: 1000,
        total: 1000,
        customer: { name: 'Ada', email: 'ada@example.com' },
        customerEmail: 'ada@example.com',
        fulfillment: 'digital' as const,
        checkoutSessionId: e.checkoutSessionId,
        provider: 'sandbox',
        attempt: 1,
      })),
    );
    await h.db.insert(orderItems).values(
      batch.map((e) => ({
        id: newId('orderItem'),
        tenantId: tenant.tenantId,
        orderId: e.orderId,
        productId,
        priceId: price.id,
        title: 'Bench item',
        unitAmount: 500,
        quantity: 2,
        lineSubtotal: 1000,
        lineTotal: 1000,
      })),
    );
  }
  return prepared;
}

async function ingestOverhead(h: PaymentsHarness) {
  const api = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
  try {
    const ingest = async (
      tenant: SandboxTenant,
      events: Awaited<ReturnType<typeof payableOrders>>,
    ) =>
      pool(events, async (e) => {
        const response = await fetch(
          `${api.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`,
          {
            method: 'POST',
            headers: {
              ...signSandboxWebhook({
                secret: tenant.secret,
                id: e.id,
                timestamp: new Date(),
                payload: e.payload,
              }),
              'content-type': 'application/json',
              'x-checkout-secret': h.checkoutSecret,
              'x-provider-event-id': e.id,
            },
            body: e.payload,
          },
        );
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`ingest answered ${response.status}`);
      });
    const warm = await createSandboxTenant(h.db);
    await ingest(warm, await payableOrders(h, warm, 100));

    // the merchant has one endpoint, so each event also owes a delivery row
    const tenant = await createSandboxTenant(h.db);
    await createWebhookEndpoint(
      {
        db: h.db,
        tenantId: tenant.tenantId,
        resolveHost: async () => [{ address: '93.184.216.34', family: 4 }],
      },
      'live',
      { url: 'https://merchant.example/hooks', enabledEvents: ['*'] },
    );
    const events = await payableOrders(h, tenant, N);
    const withEvents = await ingest(tenant, events);

    // the event write alone, on the orders just paid: the same statements (as order.fulfilled,
    // so the once-per-order key does not cut it short), same concurrency
    const paid = await h.db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.tenantId, tenant.tenantId),
          inArray(
            orders.id,
            events.map((e) => e.orderId),
          ),
        ),
      );
    // the ingest hands the event write the items it read for the snapshot; so does this
    const items = await h.db
      .select()
      .from(orderItems)
      .where(
        and(
          eq(orderItems.tenantId, tenant.tenantId),
          inArray(
            orderItems.orderId,
            paid.map((o) => o.id),
          ),
        ),
      );
    const itemsOf = Map.groupBy(items, (item) => item.orderId);
    // Both sides write the order row, as the ingest does: its transaction commits a write (a WAL
    // flush) with or without the event, so the flush is not the event's cost. What differs is
    // exactly the event statement and what it adds to the commit (sequence trigger, NOTIFY).
    const touch = (tx: Executor, order: (typeof paid)[number]) =>
      tx
        .update(orders)
        .set({ updatedAt: sql`now()` })
        .where(and(eq(orders.tenantId, order.tenantId), eq(orders.id, order.id)));
    const writeAlone = await pool(paid, async (order) => {
      await h.db.transaction(async (tx) => {
        await touch(tx, order);
        await emitOrderMoved(
          tx,
          { status: 'PAID' },
          { ...order, status: 'FULFILLED' },
          itemsOf.get(order.id) ?? [],
        );
      });
    });
    const emptyTx = await pool(paid, async (order) => {
      await h.db.transaction(async (tx) => {
        await touch(tx, order);
      });
    });
    return { withEvents, writeAlone, emptyTx };
  } finally {
    await api.close();
  }
}

async function main(): Promise<number> {
  const serverUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseUrl = await createScratchDatabase(serverUrl, 'prood_bench_events');
  let h: PaymentsHarness | undefined;
  try {
    await migrateDatabase(databaseUrl);
    h = await createPaymentsHarness(databaseUrl, { jobsSchema: 'pgboss' });

    process.stdout.write('delivery throughput … ');
    const d = await deliveryThroughput(h);
    console.log('done');
    process.stdout.write('ingest with and without the event write … ');
    const i = await ingestOverhead(h);
    console.log('done');

    const rate = N / d.seconds;
    const rawRate = N / d.rawSeconds;
    const added = mean(i.writeAlone) - mean(i.emptyTx);
    const ingestMean = mean(i.withEvents);
    const without = ingestMean - added;
    const lines = [
      `Merchant events — ${N} events, concurrency ${CONCURRENCY}, Node ${process.version}, loopback`,
      '',
      '| figure | prood | raw baseline | ratio | goal |',
      '|---|---:|---:|---:|---|',
      `| deliveries/s to a local receiver (${d.recorded}/${N} recorded succeeded) | ${rate.toFixed(0)} | ${rawRate.toFixed(0)} (signed node:http POST loop) | ${(rate / rawRate).toFixed(2)}× | ≥ 0.5× |`,
      `| webhook ingest mean ms (p50 ${p50(i.withEvents).toFixed(1)}) | ${ingestMean.toFixed(2)} with event | ${without.toFixed(2)} without (= with − event write ${added.toFixed(2)} ms; order write + event ${mean(i.writeAlone).toFixed(2)} − order write alone ${mean(i.emptyTx).toFixed(2)}) | +${((added / without) * 100).toFixed(1)} % | < 10 % |`,
    ];
    console.log(`\n${lines.join('\n')}`);
    writeReportSection('events', lines.join('\n'));
    const percentile = (sorted: number[], p: number) =>
      sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ??
      Number.NaN;
    const delivered = d.recorded === N;
    const overhead = added / without;
    writeResults({
      section: 'events',
      series: [
        {
          id: 'delivery',
          title: 'Merchant event delivery to a local receiver (outbox → pg-boss → signed POST)',
          xLabel: 'concurrency',
          unit: 'events/s',
          rawLabel: 'signed POST loop',
          points: [
            {
              x: CONCURRENCY,
              // the relay delivers from jobs: no per-delivery latency is timed on this side
              prood: { throughput: rate, p50: Number.NaN, p99: Number.NaN },
              raw: {
                throughput: rawRate,
                p50: percentile(d.rawLatencies, 50),
                p99: percentile(d.rawLatencies, 99),
              },
              check: `${delivered ? 'ok' : 'MISMATCH'}: ${d.recorded}/${N} deliveries recorded succeeded`,
              checkOk: delivered,
            },
          ],
        },
      ],
      goals: [
        {
          id: 'events delivery',
          goal: '≥ 0.5× a signed node:http POST loop',
          measured: `${(rate / rawRate).toFixed(2)}× (${rate.toFixed(0)} vs ${rawRate.toFixed(0)} events/s)`,
          met: rate / rawRate >= 0.5 && delivered,
        },
        {
          id: 'events write in ingest',
          goal: 'the event write adds < 10 % to webhook ingest (mean)',
          measured: `+${(overhead * 100).toFixed(1)} % (${added.toFixed(2)} of ${ingestMean.toFixed(2)} ms)`,
          met: overhead < 0.1,
        },
      ],
    });
    return d.recorded === N ? 0 : 1;
  } finally {
    await h?.close();
    await dropScratchDatabase(databaseUrl).catch(() => undefined);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
