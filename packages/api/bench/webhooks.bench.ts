/**
 * Webhook ingest benchmark. Signed sandbox `payment.succeeded` events (real Standard-Webhooks
 * signatures), 10% of deliveries duplicates, half of those fired at the same moment as their
 * original and half redelivered later, at one concurrency, through:
 *
 *   api        the API's ingest handler (`createPaymentWebhookHandler`) over node:http
 *   full path  the checkout receiver (`receiveProviderWebhook`, verify + session CAS + forward)
 *              over node:http, forwarding to the same API server
 *   raw SQL    the bare transaction with postgres.js: insert the event ON CONFLICT DO NOTHING,
 *              CAS the order PENDING → PAID, insert the fulfillment_log row, insert the jobs
 *
 * all in the same run, at each concurrency of a list, on a scratch database that is dropped at the
 * end. Loopback only. Each path at each concurrency gets its own tenant and events, and its own
 * check (every event stored once, every order paid once).
 *
 * Usage: pnpm --filter @prood/api bench:webhooks
 *   DATABASE_URL                Postgres server for the scratch database (default 127.0.0.1:5432)
 *   BENCH_WEBHOOK_EVENTS        unique events per path (default 600; deliveries are 10% more)
 *   BENCH_WEBHOOK_CONCURRENCY   deliveries in flight, a list (default 1,16,64; goals read c=16)
 *   BENCH_WEBHOOK_PATHS         which paths, a list of raw-sql, raw-http, api, receiver (default all;
 *                               the goals need raw-sql; one path alone is for profiling it)
 *   BENCH_WEBHOOK_CPU_PROF      a directory: a V8 CPU profile of each path's run alone (load
 *                               generator and in-process servers), without the set-up around it
 */

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import {
  createCheckoutSession,
  createMemorySessionStore,
  loadAndHydrate,
  receiveProviderWebhook,
  type SessionStore,
  saveSession,
} from '@prood/checkout-host';
import { newOrderReference } from '@prood/db';
import { migrateDatabase } from '@prood/db/migrate';
import { fulfillmentLog, orderItems, orders, webhookEvents } from '@prood/db/schema';
import { createScratchDatabase, createTestProduct, dropScratchDatabase } from '@prood/db/testing';
import { machineRequest } from '@prood/http/machine-client';
import { signSandboxWebhook } from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import { createEnv } from '@t3-oss/env-core';
import { and, count, eq, inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { JOB_QUEUES } from '../src/jobs/queues';
import { createPaymentWebhookHandler } from '../src/payments/ingest-webhook';
import {
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  type SandboxTenant,
  sandboxEventBody,
} from '../src/payments/testing';
import { serveFetchHandler } from '../src/testing/http';
import { cpuSnapshot, cpuSpent } from './cpu';
import { writeReportSection } from './report';
import { type GoalResult, type Series, writeResults } from './results';

/** This script's knobs; the only place in it that reads process.env. */
const env = createEnv({
  server: {
    DATABASE_URL: z.string().optional(),
    BENCH_WEBHOOK_EVENTS: z.coerce.number().int().min(20).max(3000).default(600),
    BENCH_WEBHOOK_CONCURRENCY: z
      .string()
      .default('1,16,64')
      .transform((value) => value.split(',').map((n) => Number(n.trim())))
      .pipe(z.array(z.number().int().min(1).max(128)).min(1)),
    BENCH_WEBHOOK_PATHS: z
      .string()
      .default('raw-sql,raw-http,api,receiver')
      .transform((value) => value.split(',').map((n) => n.trim()))
      .pipe(z.array(z.enum(['raw-sql', 'raw-http', 'api', 'receiver'])).min(1)),
    BENCH_WEBHOOK_CPU_PROF: z.string().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

const UNIQUE = env.BENCH_WEBHOOK_EVENTS;
const CONCURRENCIES = env.BENCH_WEBHOOK_CONCURRENCY;
/** The concurrency issue 13's goal rows B1 and B2 are read at. */
const GOAL_CONCURRENCY = 16;
/** Duplicates are 10% of all deliveries: d / (u + d) = 0.1. */
const DUPLICATES = Math.round(UNIQUE / 9);
const CONCURRENT_DUPLICATES = Math.floor(DUPLICATES / 2);
const UNIT_AMOUNT = 500;
const QUANTITY = 2;
const TOTAL = UNIT_AMOUNT * QUANTITY;
/** The jobs the real path enqueues for a paid digital order; the raw baseline inserts as many. */
const JOBS_PER_PAYMENT = [
  JOB_QUEUES.orderConfirmationEmail,
  JOB_QUEUES.stockDecrement,
  JOB_QUEUES.digitalFulfilment,
] as const;

interface PreparedEvent {
  orderId: string;
  checkoutSessionId: string;
  id: string;
  payload: string;
}

/** One unit of work for a client worker: one delivery, or an original and its twin at once. */
type Slot = { event: PreparedEvent; twin: boolean };

interface Outcome {
  path: string;
  concurrency: number;
  deliveries: number;
  seconds: number;
  latencies: Float64Array;
  failures: number;
  firstFailure: string | null;
  check: string;
  /** CPU milliseconds per delivery: this process (client and servers) and Postgres. */
  cpu: { node: number; postgres: number | null };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Deterministic shuffle so every path sees the same shape of traffic. */
function seededOrder<T>(items: T[], seed: string): T[] {
  const key = (i: number) => createHash('sha1').update(`${seed}:${i}`).digest().readUInt32BE(0);
  return items
    .map((item, i) => ({ item, k: key(i) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.item);
}

/**
 * The delivery schedule: every event once; 5% of deliveries are a twin fired together with its
 * original; 5% are late redeliveries placed in the last third, after their original's slot.
 */
function schedule(events: PreparedEvent[]): Slot[] {
  const slots: Slot[] = events.map((event, i) => ({ event, twin: i < CONCURRENT_DUPLICATES }));
  const firstTwoThirds = Math.floor((events.length * 2) / 3);
  const late = events
    .slice(CONCURRENT_DUPLICATES, CONCURRENT_DUPLICATES + (DUPLICATES - CONCURRENT_DUPLICATES))
    .map((event) => ({ event, twin: false }));
  const early = seededOrder(slots, 'early');
  const head = early.slice(0, firstTwoThirds);
  const tail = seededOrder([...early.slice(firstTwoThirds), ...late], 'late');
  // a late redelivery whose original fell into the tail goes after it
  const seen = new Set(head.map((s) => s.event.id));
  const ordered: Slot[] = [...head];
  const deferred: Slot[] = [];
  for (const slot of tail) {
    if (seen.has(slot.event.id) || !late.includes(slot)) {
      ordered.push(slot);
      seen.add(slot.event.id);
    } else deferred.push(slot);
  }
  return [...ordered, ...deferred];
}

/** Runs the schedule with `concurrency` workers; each delivery's latency is recorded. */
async function drive(
  concurrency: number,
  slots: Slot[],
  deliver: (event: PreparedEvent) => Promise<{ ok: boolean; detail: string }>,
): Promise<Omit<Outcome, 'path' | 'concurrency' | 'check' | 'cpu'>> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const timed = async (event: PreparedEvent) => {
    const started = performance.now();
    const result = await deliver(event);
    latencies.push(performance.now() - started);
    if (!result.ok) {
      failures += 1;
      firstFailure ??= result.detail;
    }
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let slot = slots[next++]; slot; slot = slots[next++]) {
        if (slot.twin) await Promise.all([timed(slot.event), timed(slot.event)]);
        else await timed(slot.event);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    deliveries: latencies.length,
    seconds,
    latencies: Float64Array.from(latencies).sort(),
    failures,
    firstFailure,
  };
}

/** PENDING orders with one line each, and their checkout sessions waiting at the payment step. */
async function prepareEvents(
  h: PaymentsHarness,
  tenant: SandboxTenant,
  sessions: SessionStore,
  n: number,
): Promise<PreparedEvent[]> {
  const { productId, price } = await createTestProduct(h.db, {
    tenantId: tenant.tenantId,
    unitAmount: UNIT_AMOUNT,
  });
  const provider = await h.deps.resolveProvider(tenant.tenantId, 'sandbox');
  const events: PreparedEvent[] = [];
  for (let i = 0; i < n; i += 1) {
    const orderId = newId('order');
    const { id: checkoutSessionId } = await createCheckoutSession(
      {
        orderId,
        amount: TOTAL,
        currency: 'EUR',
        tenantId: tenant.tenantId,
        returnUrl: 'https://shop.example/thanks',
        customerInfo: { email: 'ada@example.com' },
        fulfillment: 'digital',
        provider: 'sandbox',
      },
      { store: sessions },
    );
    const session = await loadAndHydrate(checkoutSessionId, () => provider, { store: sessions });
    session.start().submitInfo({ email: 'ada@example.com' });
    await saveSession(checkoutSessionId, session.toSnapshot(), { store: sessions });
    const { id, payload } = sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
      order_id: orderId,
      checkout_session_id: checkoutSessionId,
      session_id: `sbx_cs_${randomBase62(20)}`,
      payment_id: `sbx_pay_${randomBase62(20)}`,
      amount: TOTAL,
      currency: 'EUR',
    });
    events.push({ orderId, checkoutSessionId, id, payload });
  }
  for (let from = 0; from < events.length; from += 200) {
    const batch = events.slice(from, from + 200);
    await h.db.insert(orders).values(
      batch.map((e) => ({
        id: e.orderId,
        tenantId: tenant.tenantId,
        reference: newOrderReference(),
        currency: 'EUR',
        subtotal: TOTAL,
        total: TOTAL,
        customer: { name: 'Ada Shopper', email: 'ada@example.com' },
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
        unitAmount: UNIT_AMOUNT,
        quantity: QUANTITY,
        lineSubtotal: TOTAL,
        lineTotal: TOTAL,
      })),
    );
  }
  return events;
}

/** A V8 CPU profile of this process from now until `stop`, written to BENCH_WEBHOOK_CPU_PROF. */
async function startCpuProfile(name: string): Promise<{ stop(): Promise<string> }> {
  const dir = resolve(env.BENCH_WEBHOOK_CPU_PROF ?? '.');
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  const post = <T>(method: string) =>
    new Promise<T>((done, fail) =>
      session.post(method, (error, result) => (error ? fail(error) : done(result as T))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      const file = join(dir, `webhooks-${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** What must hold after each path: every event once, every order paid once, one log row each. */
async function verify(h: PaymentsHarness, tenantId: string, events: PreparedEvent[]) {
  const ids = events.map((e) => e.orderId);
  const [stored] = await h.db
    .select({ n: count() })
    .from(webhookEvents)
    .where(eq(webhookEvents.tenantId, tenantId));
  const [paid] = await h.db
    .select({ n: count() })
    .from(orders)
    .where(and(inArray(orders.id, ids), eq(orders.status, 'PAID')));
  const [logged] = await h.db
    .select({ n: count() })
    .from(fulfillmentLog)
    .where(eq(fulfillmentLog.tenantId, tenantId));
  const ok =
    stored?.n === events.length && paid?.n === events.length && logged?.n === events.length;
  return `${ok ? 'ok' : 'MISMATCH'}: ${stored?.n} events, ${paid?.n} paid, ${logged?.n} log rows for ${events.length}`;
}

async function main(): Promise<number> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  try {
    const serverUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const databaseUrl = await createScratchDatabase(serverUrl, 'prood_bench_webhooks');
    cleanups.push(() => dropScratchDatabase(databaseUrl));
    await migrateDatabase(databaseUrl);
    const h = await createPaymentsHarness(databaseUrl);
    cleanups.push(() => h.close());
    const poolMax = 8; // createPaymentsHarness's pool; the raw baseline gets the same
    const sql = postgres(databaseUrl, { max: poolMax, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 5 }));
    const [{ server_version: pgVersion } = { server_version: '?' }] = await sql<
      { server_version: string }[]
    >`show server_version`;
    const sessions = createMemorySessionStore();

    const api = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
    cleanups.push(() => api.close());
    const checkout = await serveFetchHandler(async (request) => {
      const match = new URL(request.url).pathname.match(/^\/api\/webhooks\/([^/]+)\/([^/]+)$/);
      if (!match?.[1] || !match[2]) return new Response(null, { status: 404 });
      return receiveProviderWebhook(
        { provider: match[1], orgId: match[2], request },
        {
          resolveProvider: h.deps.resolveProvider,
          forward: { commerceApiUrl: api.url, secret: h.checkoutSecret },
          store: sessions,
        },
      );
    });
    cleanups.push(() => checkout.close());

    // the load generator's client: undici's request with keep-alive, lighter than fetch, so less
    // of the shared event loop goes to the client on every HTTP path
    const post = async (url: string, body: string, headers: Record<string, string>) => {
      try {
        const response = await machineRequest(url, {
          method: 'POST',
          headers,
          body,
          timeoutMs: 60_000,
        });
        return {
          ok: response.ok,
          detail: `${response.status} ${response.text.slice(0, 200)}`,
        };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    };
    /** Signed now, as the provider would at send time (tolerance is 300 s). */
    const signed = (tenant: SandboxTenant, e: PreparedEvent) => ({
      ...signSandboxWebhook({
        secret: tenant.secret,
        id: e.id,
        timestamp: new Date(),
        payload: e.payload,
      }),
      'content-type': 'application/json',
    });

    const outcomes: Outcome[] = [];
    // warm-up: JIT, pools, provider cache; its own tenant so it counts nowhere
    {
      const tenant = await createSandboxTenant(h.db);
      const events = await prepareEvents(h, tenant, sessions, 40);
      await drive(
        16,
        events.map((event) => ({ event, twin: false })),
        (e) =>
          post(
            `${checkout.url}/api/webhooks/sandbox/${tenant.tenantId}`,
            e.payload,
            signed(tenant, e),
          ),
      );
    }

    /** The bare transaction both raw rows run: event once, order CAS, log row, three jobs. */
    const rawTransaction = (tenantId: string, e: { id: string; orderId: string }) =>
      sql.begin(async (tx) => {
        const inserted = await tx`
          insert into webhook_events (id, tenant_id, provider, event_id, type, normalized)
          values (${newId('event')}, ${tenantId}, 'sandbox', ${e.id}, 'payment.succeeded', '[]')
          on conflict (tenant_id, provider, event_id) do nothing
          returning id`;
        if (inserted.length === 0) return;
        const moved = await tx`
          update orders set status = 'PAID', amount_paid = ${TOTAL}, paid_at = now(), updated_at = now()
          where tenant_id = ${tenantId} and id = ${e.orderId} and status = 'PENDING'
          returning id`;
        if (moved.length === 0) return;
        await tx`
          insert into fulfillment_log (id, tenant_id, order_id, event)
          values (${newId('fulfillment')}, ${tenantId}, ${e.orderId}, 'paid')
          on conflict (order_id, event) do nothing`;
        const data = JSON.stringify({ tenantId, orderId: e.orderId });
        for (const name of JOBS_PER_PAYMENT) {
          await tx`insert into pgboss.job (name, data) values (${name}, ${data}::jsonb)`;
        }
      });

    // the second floor: the same transaction behind a bare node:http server that checks the
    // Standard Webhooks signature, driven by the same client as the API: what HTTP, the
    // signature and the client cost before any of prood's own code runs
    const rawSecrets = new Map<string, Webhook>();
    const rawHttp = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const tenantId = new URL(req.url ?? '/', 'http://raw').searchParams.get('org') ?? '';
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = (status: number, text: string) => {
          res.writeHead(status, { 'content-type': 'application/json' }).end(text);
        };
        try {
          const verifier = rawSecrets.get(tenantId);
          if (!verifier) return answer(404, '{"error":"not_found"}');
          const event = verifier.verify(body, req.headers as Record<string, string>) as {
            id: string;
            data: { order_id: string };
          };
          rawTransaction(tenantId, { id: event.id, orderId: event.data.order_id }).then(
            () => answer(200, '{"received":true}'),
            (error: unknown) => answer(500, JSON.stringify({ error: String(error) })),
          );
        } catch {
          answer(400, '{"error":"webhook_signature_invalid"}');
        }
      });
    });
    await new Promise<void>((resolve) => rawHttp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => rawHttp.close(() => resolve())));
    const rawHttpUrl = `http://127.0.0.1:${(rawHttp.address() as AddressInfo).port}`;

    type PathName =
      | 'raw SQL (postgres.js)'
      | 'raw HTTP (node:http + signature + SQL)'
      | 'API ingest (node:http)'
      | 'checkout receiver → API';
    const deliverers: Record<
      PathName,
      (tenant: SandboxTenant) => (e: PreparedEvent) => Promise<{ ok: boolean; detail: string }>
    > = {
      // the same transaction's core, postgres.js, same pool size and concurrency
      'raw SQL (postgres.js)': (tenant) => async (e) => {
        await rawTransaction(tenant.tenantId, e);
        return { ok: true, detail: '' };
      },
      'raw HTTP (node:http + signature + SQL)': (tenant) => {
        rawSecrets.set(tenant.tenantId, new Webhook(tenant.secret));
        return (e) =>
          post(
            `${rawHttpUrl}/webhooks/payments/sandbox?org=${tenant.tenantId}`,
            e.payload,
            signed(tenant, e),
          );
      },
      // the API alone: forwarded requests as the checkout app sends them
      'API ingest (node:http)': (tenant) => (e) =>
        post(`${api.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`, e.payload, {
          ...signed(tenant, e),
          'x-checkout-secret': h.checkoutSecret,
          'x-provider-event-id': e.id,
        }),
      // the full path: provider → checkout receiver → API → Postgres
      'checkout receiver → API': (tenant) => (e) =>
        post(
          `${checkout.url}/api/webhooks/sandbox/${tenant.tenantId}`,
          e.payload,
          signed(tenant, e),
        ),
    };

    const pathKeys: Record<PathName, (typeof env.BENCH_WEBHOOK_PATHS)[number]> = {
      'raw SQL (postgres.js)': 'raw-sql',
      'raw HTTP (node:http + signature + SQL)': 'raw-http',
      'API ingest (node:http)': 'api',
      'checkout receiver → API': 'receiver',
    };
    for (const concurrency of CONCURRENCIES) {
      for (const [path, deliverer] of Object.entries(deliverers) as Array<
        [PathName, (typeof deliverers)[PathName]]
      >) {
        if (!env.BENCH_WEBHOOK_PATHS.includes(pathKeys[path])) continue;
        const tenant = await createSandboxTenant(h.db);
        const events = await prepareEvents(h, tenant, sessions, UNIQUE);
        process.stdout.write(`c=${concurrency} ${path} … `);
        const profiling = env.BENCH_WEBHOOK_CPU_PROF
          ? await startCpuProfile(`${pathKeys[path]}-c${concurrency}`)
          : null;
        const cpuBefore = cpuSnapshot();
        const run = await drive(concurrency, schedule(events), deliverer(tenant));
        const cpu = cpuSpent(cpuBefore, cpuSnapshot(), run.deliveries);
        if (profiling) console.log(`profile: ${await profiling.stop()}`);
        console.log(`${run.seconds.toFixed(1)} s`);
        outcomes.push({
          path,
          concurrency,
          ...run,
          cpu,
          check: await verify(h, tenant.tenantId, events),
        });
      }
    }

    const rate = (o: Outcome) => o.deliveries / o.seconds;
    const ms = (v: number) => v.toFixed(1);
    const rawAt = (c: number) =>
      outcomes.find((o) => o.concurrency === c && o.path === 'raw SQL (postgres.js)');
    const lines: string[] = [];
    lines.push(
      `Webhook ingest — per path and concurrency ${UNIQUE} unique signed events + ${DUPLICATES} duplicates ` +
        `(${CONCURRENT_DUPLICATES} concurrent with their original, ${DUPLICATES - CONCURRENT_DUPLICATES} redelivered later), ` +
        `concurrency ${CONCURRENCIES.join(' / ')}, pool ${poolMax}; events/s counts every delivery, duplicates included; Postgres ${pgVersion}, Node ${process.version}, loopback\n`,
    );
    lines.push(
      '| path | concurrency | deliveries | events/s | p50 ms | p99 ms | failed | events/s vs raw SQL | events/s vs raw HTTP | p50 vs raw SQL | CPU ms/delivery: node | CPU ms/delivery: postgres | check |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const o of outcomes) {
      const raw = rawAt(o.concurrency);
      const rawHttpRun = outcomes.find(
        (r) =>
          r.concurrency === o.concurrency && r.path === 'raw HTTP (node:http + signature + SQL)',
      );
      const p50 = percentile(o.latencies, 50);
      const p99 = percentile(o.latencies, 99);
      const vsRate = raw ? `${(rate(o) / rate(raw)).toFixed(2)}×` : '–';
      const vsHttp = rawHttpRun ? `${(rate(o) / rate(rawHttpRun)).toFixed(2)}×` : '–';
      const vsP50 = raw ? `${(p50 / percentile(raw.latencies, 50)).toFixed(1)}×` : '–';
      lines.push(
        `| ${o.path} | ${o.concurrency} | ${o.deliveries} | ${rate(o).toFixed(0)} | ${ms(p50)} | ${ms(p99)} | ${o.failures} | ${vsRate} | ${vsHttp} | ${vsP50} | ${o.cpu.node.toFixed(2)} | ${o.cpu.postgres === null ? '–' : o.cpu.postgres.toFixed(2)} | ${o.check} |`,
      );
    }
    lines.push(
      '\nCPU per delivery: this process (the load generator and every server in it; they all run in this one process) and all of PostgreSQL, from /proc, divided by the deliveries. On two cores shared by all of them, it bounds throughput: 2000 ms ÷ (node + postgres) deliveries per second at most.',
    );
    lines.push(
      "\nThe goals (B1, B2) are judged against raw SQL, the bare transaction with no HTTP at all. Raw HTTP is the same transaction behind a bare node:http server that checks the signature, driven by the same in-process client: the share of the gap that HTTP, the signature check and the client take before any of prood's code runs.",
    );
    console.log(`\n${lines.join('\n')}`);
    writeReportSection('webhooks', lines.join('\n'));

    const figure = (o: Outcome) => ({
      throughput: rate(o),
      p50: percentile(o.latencies, 50),
      p99: percentile(o.latencies, 99),
    });
    const series = (id: string, title: string, path: PathName): Series => ({
      id,
      title,
      xLabel: 'concurrency',
      unit: 'events/s',
      rawLabel: 'raw SQL',
      points: outcomes
        .filter((o) => o.path === path)
        .map((o) => {
          const raw = rawAt(o.concurrency);
          const ok = o.failures === 0 && o.check.startsWith('ok');
          return {
            x: o.concurrency,
            prood: figure(o),
            raw: raw ? figure(raw) : null,
            check: o.failures > 0 ? `${o.failures} failed; ${o.check}` : o.check,
            checkOk: ok && (raw?.check.startsWith('ok') ?? false),
          };
        }),
    });
    const ingest = series(
      'ingest',
      'B1 webhook ingest at the API (signed, 10 % duplicates)',
      'API ingest (node:http)',
    );
    const receiver = series(
      'receiver',
      'B2 checkout receiver → API (same events)',
      'checkout receiver → API',
    );
    const goal = (id: string, s: Series, minRatio: number, maxP99: number): GoalResult => {
      const text = `≥ ${minRatio}× raw, p99 < ${maxP99} ms at c=${GOAL_CONCURRENCY}; checks ok`;
      const point = s.points.find((p) => p.x === GOAL_CONCURRENCY);
      if (!point?.raw) {
        return { id, goal: text, measured: `not measured at c=${GOAL_CONCURRENCY}`, met: false };
      }
      const ratio = point.prood.throughput / point.raw.throughput;
      return {
        id,
        goal: text,
        measured: `${ratio.toFixed(2)}× raw (${point.prood.throughput.toFixed(0)} vs ${point.raw.throughput.toFixed(0)} events/s), p99 ${point.prood.p99.toFixed(1)} ms${point.checkOk ? '' : `, check failed: ${point.check}`}`,
        met: ratio >= minRatio && point.prood.p99 < maxP99 && point.checkOk,
      };
    };
    writeResults({
      section: 'webhooks',
      series: [ingest, receiver],
      goals: [goal('B1', ingest, 0.5, 50), goal('B2', receiver, 0.35, 100)],
    });

    const failed = outcomes.filter((o) => o.failures > 0 || !o.check.startsWith('ok'));
    for (const o of failed) {
      console.error(
        `\n${o.path} c=${o.concurrency}: ${o.failures} failed, first: ${o.firstFailure}; ${o.check}`,
      );
    }
    return failed.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
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
