/**
 * Growth benchmark (issue 13's growth row): does a path stay as fast when the data behind it
 * grows? Each row is measured small and large in the same run with the same load shape, and
 * the large case's p99 is compared with the small case's (goal: within 1.2×).
 *
 *   ingest    signed sandbox `payment.succeeded` through the API's ingest handler over node:http
 *             (10% late redeliveries), with 10k vs 1M provider events already stored for the
 *             tenant (each with its order; the paid ones with their fulfillment-log row and
 *             merchant `order.paid` event)
 *             plus a quarter as many again in four other tenants. One scratch database per
 *             size, each with its own API server, in this one process.
 *   orders    `orders.page` (in-process tRPC caller, as orders.bench.ts measures it), sequential
 *             calls, first page and a keyset page 90% deep, for a tenant with 1k orders and one
 *             with 100k orders in the same table (plus 100k in four other tenants).
 *   tenants   the same ingest, events spread round-robin over 1 tenant vs 1,000 tenants (each its
 *             own sandbox integration and secret), through the app's resolver and its provider
 *             LRU at the default bound; the process heap and RSS before and after the
 *             1,000-tenant runs, and the cache's hits and misses. Beside it, for information,
 *             the same 1,000 tenants through a cache bounded one entry short of them.
 *
 * Noise: a p99 from a few hundred samples is one of the slowest handful, so each case is run
 * BENCH_GROWTH_REPEATS times, small and large interleaved (the order flipped every repeat, so
 * drift on the shared machine lands on both), and the figures are the median over the repeats
 * of each repeat's own p99 / p50 / throughput; the spread of the repeats' p99 and the p99 of
 * all their samples pooled are printed beside.
 *
 * Scratch databases, dropped at the end. Usage: pnpm --filter @prood/api bench:growth
 *   DATABASE_URL                  Postgres server for the scratch databases (default 127.0.0.1:5432)
 *   BENCH_GROWTH_ROWS             which rows, comma-separated (default ingest,orders,tenants)
 *   BENCH_GROWTH_STORED_SMALL     stored provider events in the small ingest case (default 10000)
 *   BENCH_GROWTH_STORED_LARGE     … in the large case (default 1000000)
 *   BENCH_GROWTH_ORDERS_SMALL     orders in the small tenant (default 1000)
 *   BENCH_GROWTH_ORDERS_LARGE     orders in the large tenant (default 100000)
 *   BENCH_GROWTH_TENANTS          tenants in the large tenants case (default 1000)
 *   BENCH_GROWTH_EVENTS           unique events per ingest repeat (default 600; deliveries 10% more)
 *   BENCH_GROWTH_CONCURRENCY      ingest deliveries in flight (default 16)
 *   BENCH_GROWTH_REPEATS          repeats per case (default 7)
 *   BENCH_GROWTH_LIST_RUNS        sequential orders.page calls per scenario and repeat (default 500)
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDatabase, type Database, newOrderReference } from '@prood/db';
import { migrateDatabase } from '@prood/db/migrate';
import { integrations, orderItems, orders } from '@prood/db/schema';
import {
  createScratchDatabase,
  createTestProduct,
  createTestTenant,
  dropScratchDatabase,
} from '@prood/db/testing';
import {
  createProviderCache,
  createTenantProviderResolver,
  DEFAULT_PROVIDER_CACHE_SIZE,
  type ProviderCache,
  signSandboxWebhook,
} from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import { createEnv } from '@t3-oss/env-core';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import type { WebhookIngestDeps } from '../src/payments/deps';
import { createPaymentWebhookHandler } from '../src/payments/ingest-webhook';
import {
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  type SandboxTenant,
  sandboxEventBody,
  testKeyring,
} from '../src/payments/testing';
import { serveFetchHandler } from '../src/testing/http';
import { createCallerFactory } from '../src/trpc/init';
import { appRouter } from '../src/trpc/router';
import { writeReportSection } from './report';
import type { GoalResult, Point, Series } from './results';
import { writeResults } from './results';
import { ownerContext, seedOrders, seedPaymentHistory } from './seed';

const ROWS = ['ingest', 'orders', 'tenants'] as const;
type Row = (typeof ROWS)[number];

/** This script's knobs; the only place in it that reads process.env. */
const env = createEnv({
  server: {
    DATABASE_URL: z.string().optional(),
    BENCH_GROWTH_ROWS: z
      .string()
      .default(ROWS.join(','))
      .transform((value) => value.split(',').map((row) => row.trim()))
      .pipe(z.array(z.enum(ROWS)).min(1)),
    BENCH_GROWTH_STORED_SMALL: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
    BENCH_GROWTH_STORED_LARGE: z.coerce.number().int().min(100).max(10_000_000).default(1_000_000),
    BENCH_GROWTH_ORDERS_SMALL: z.coerce.number().int().min(100).max(10_000_000).default(1000),
    BENCH_GROWTH_ORDERS_LARGE: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
    BENCH_GROWTH_TENANTS: z.coerce.number().int().min(2).max(100_000).default(1000),
    BENCH_GROWTH_EVENTS: z.coerce.number().int().min(100).max(20_000).default(600),
    BENCH_GROWTH_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(16),
    BENCH_GROWTH_REPEATS: z.coerce.number().int().min(1).max(50).default(7),
    BENCH_GROWTH_LIST_RUNS: z.coerce.number().int().min(20).max(10_000).default(500),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

const SERVER_URL = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = env.BENCH_GROWTH_EVENTS;
const CONCURRENCY = env.BENCH_GROWTH_CONCURRENCY;
const REPEATS = env.BENCH_GROWTH_REPEATS;
const LIST_RUNS = env.BENCH_GROWTH_LIST_RUNS;
/** The goal: the large case's p99 at most this many times the small case's. */
const GOAL_RATIO = 1.2;
/** Other tenants sharing the tables, holding this share of the measured tenant's rows between them. */
const NOISE_TENANTS = 4;
const NOISE_SHARE = 0.25;
const UNIT_AMOUNT = 500;
const QUANTITY = 2;
const TOTAL = UNIT_AMOUNT * QUANTITY;

// a heap figure is only comparable after a full collection
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

// ---------------------------------------------------------------- measuring

const percentile = (sorted: ArrayLike<number>, p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ??
      Number.NaN);

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** One timed repeat of one case. */
interface Repeat {
  throughput: number;
  p50: number;
  p99: number;
  samples: number;
  /** This repeat's latencies, ascending, for the p99 over all repeats' samples together. */
  sorted: number[];
}

/** A case's repeats folded into one figure: the median of each statistic over the repeats. */
interface Summary {
  throughput: number;
  p50: number;
  p99: number;
  p99Min: number;
  p99Max: number;
  /** p99 of every repeat's samples pooled: a second estimator from many more samples. */
  p99Pooled: number;
  samples: number;
}

function summarize(repeats: Repeat[]): Summary {
  const p99s = repeats.map((r) => r.p99);
  return {
    throughput: median(repeats.map((r) => r.throughput)),
    p50: median(repeats.map((r) => r.p50)),
    p99: median(p99s),
    p99Min: Math.min(...p99s),
    p99Max: Math.max(...p99s),
    p99Pooled: percentile(
      repeats.flatMap((r) => r.sorted).sort((a, b) => a - b),
      99,
    ),
    samples: repeats.reduce((n, r) => n + r.samples, 0),
  };
}

function repeatOf(latencies: number[], seconds: number): Repeat {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    samples: sorted.length,
    sorted,
  };
}

/** Small then large on even repeats, large then small on odd ones. */
async function interleaved<K extends string>(
  cases: readonly K[],
  run: (name: K, repeat: number) => Promise<Repeat>,
): Promise<Record<K, Repeat[]>> {
  const out = Object.fromEntries(cases.map((c) => [c, [] as Repeat[]])) as Record<K, Repeat[]>;
  for (let r = 0; r < REPEATS; r += 1) {
    const order = r % 2 === 0 ? cases : [...cases].reverse();
    for (const name of order) out[name].push(await run(name, r));
  }
  return out;
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const n = (v: number) => v.toLocaleString('en');

// ---------------------------------------------------------------- ingest plumbing

interface PayableEvent {
  tenant: SandboxTenant;
  orderId: string;
  id: string;
  payload: string;
}

interface Seller {
  tenant: SandboxTenant;
  productId: string;
  priceId: string;
}

async function sellerFor(db: Database, tenant: SandboxTenant): Promise<Seller> {
  const { productId, price } = await createTestProduct(db, {
    tenantId: tenant.tenantId,
    unitAmount: UNIT_AMOUNT,
  });
  return { tenant, productId, priceId: price.id };
}

/** `count` PENDING digital orders with one line, the i-th sold by `sellerOf(i)`, and their events. */
async function payableEvents(
  db: Database,
  count: number,
  sellerOf: (i: number) => Seller,
): Promise<PayableEvent[]> {
  const prepared = Array.from({ length: count }, (_, i) => {
    const seller = sellerOf(i);
    const orderId = newId('order');
    return {
      seller,
      orderId,
      checkoutSessionId: newId('checkoutSession'),
      ...sandboxEventBody(seller.tenant.tenantId, 'payment.succeeded', {
        order_id: orderId,
        payment_id: `sbx_pay_${randomBase62(20)}`,
        amount: TOTAL,
        currency: 'EUR',
      }),
    };
  });
  for (let from = 0; from < count; from += 200) {
    const batch = prepared.slice(from, from + 200);
    await db.insert(orders).values(
      batch.map((e) => ({
        id: e.orderId,
        tenantId: e.seller.tenant.tenantId,
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
    await db.insert(orderItems).values(
      batch.map((e) => ({
        id: newId('orderItem'),
        tenantId: e.seller.tenant.tenantId,
        orderId: e.orderId,
        productId: e.seller.productId,
        priceId: e.seller.priceId,
        title: 'Bench item',
        unitAmount: UNIT_AMOUNT,
        quantity: QUANTITY,
        lineSubtotal: TOTAL,
        lineTotal: TOTAL,
      })),
    );
  }
  return prepared.map((e) => ({
    tenant: e.seller.tenant,
    orderId: e.orderId,
    id: e.id,
    payload: e.payload,
  }));
}

/** Every event once, and every tenth one redelivered 64 deliveries after its original. */
function withRedeliveries(events: PayableEvent[]): PayableEvent[] {
  const out: PayableEvent[] = [];
  events.forEach((event, i) => {
    out.push(event);
    const back = events[i - 64];
    if (i >= 64 && (i - 64) % 10 === 0 && back) out.push(back);
  });
  return out;
}
const redeliveries = (events: number) =>
  Array.from({ length: events }, (_, i) => i).filter((i) => i >= 64 && (i - 64) % 10 === 0).length;

/** The API's ingest on node:http; `ingest(deliveries)` runs them at CONCURRENCY, timing each. */
async function ingestServer(deps: WebhookIngestDeps) {
  const api = await serveFetchHandler(createPaymentWebhookHandler(deps));
  const deliver = async (e: PayableEvent): Promise<string | null> => {
    try {
      const response = await fetch(
        `${api.url}/webhooks/payments/sandbox?org=${e.tenant.tenantId}`,
        {
          method: 'POST',
          headers: {
            ...signSandboxWebhook({
              secret: e.tenant.secret,
              id: e.id,
              timestamp: new Date(),
              payload: e.payload,
            }),
            'content-type': 'application/json',
            'x-checkout-secret': deps.checkoutSecret,
            'x-provider-event-id': e.id,
          },
          body: e.payload,
        },
      );
      const text = await response.text();
      return response.ok ? null : `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  const ingest = async (deliveries: PayableEvent[]) => {
    const latencies: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let e = deliveries[next++]; e; e = deliveries[next++]) {
          const t0 = performance.now();
          const failure = await deliver(e);
          latencies.push(performance.now() - t0);
          if (failure) failures.push(failure);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (failures.length > 0) {
      throw new Error(`${failures.length} deliveries failed, first: ${failures[0]}`);
    }
    return repeatOf(latencies, seconds);
  };
  return { url: api.url, ingest, close: () => api.close() };
}

/** Every event stored once (redeliveries counted on it), every order paid once, one log row each. */
async function verifyIngest(
  sql: postgres.Sql,
  events: PayableEvent[],
  redelivered: number,
): Promise<{ check: string; ok: boolean }> {
  const ids = events.map((e) => e.id);
  const orderIds = events.map((e) => e.orderId);
  const [stored] = await sql<{ rows: number; duplicates: number }[]>`
    select count(*)::int as rows, coalesce(sum(duplicates), 0)::int as duplicates
    from webhook_events where event_id = any(${ids})`;
  const [paid] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders where id = any(${orderIds}) and status = 'PAID'`;
  const [logged] = await sql<{ n: number }[]>`
    select count(*)::int as n from fulfillment_log where order_id = any(${orderIds}) and event = 'paid'`;
  const expected = events.length;
  const ok =
    stored?.rows === expected &&
    stored.duplicates === redelivered &&
    paid?.n === expected &&
    logged?.n === expected;
  return {
    ok,
    check: `${ok ? 'ok' : 'MISMATCH'}: ${stored?.rows}/${expected} events stored once (${stored?.duplicates}/${redelivered} redeliveries counted), ${paid?.n} paid, ${logged?.n} paid log rows`,
  };
}

/** A scratch database, migrated, with the payments harness and a raw client on it. */
async function scratch(name: string, cleanups: Array<() => Promise<unknown>>) {
  const url = await createScratchDatabase(SERVER_URL, `prood_bench_growth_${name}`);
  cleanups.push(() => dropScratchDatabase(url));
  await migrateDatabase(url);
  const h = await createPaymentsHarness(url);
  cleanups.push(() => h.close());
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  cleanups.push(() => sql.end({ timeout: 5 }));
  return { url, h, sql };
}

interface RowResult {
  series: Series[];
  goal: GoalResult;
  markdown: string;
  ok: boolean;
  notes?: Record<string, string>;
}

function pointOf(x: number, s: Summary, check: string, ok: boolean): Point {
  return {
    x,
    prood: { throughput: s.throughput, p50: s.p50, p99: s.p99 },
    raw: null,
    check,
    checkOk: ok,
  };
}

const caseRow = (label: string, s: Summary, check: string) =>
  `| ${label} | ${s.throughput.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.p99Min)}–${ms(s.p99Max)} | ${ms(s.p99Pooled)} | ${n(s.samples)} | ${check} |`;
const CASE_HEADER = [
  '| case | throughput | p50 ms | p99 ms (median of repeats) | p99 of the repeats, min–max | p99 of all samples | samples | check |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
];

// ---------------------------------------------------------------- row 1: stored events

async function ingestRow(cleanups: Array<() => Promise<unknown>>): Promise<RowResult> {
  const sizes = { small: env.BENCH_GROWTH_STORED_SMALL, large: env.BENCH_GROWTH_STORED_LARGE };
  type Case = keyof typeof sizes;
  const setups = {} as Record<
    Case,
    {
      h: PaymentsHarness;
      sql: postgres.Sql;
      seller: Seller;
      server: Awaited<ReturnType<typeof ingestServer>>;
      sent: PayableEvent[];
    }
  >;
  for (const name of ['small', 'large'] as const) {
    const { h, sql } = await scratch(`ingest_${name}`, cleanups);
    const started = performance.now();
    const tenant = await createSandboxTenant(h.db);
    await seedPaymentHistory(sql, tenant.tenantId, sizes[name], 0);
    const noise = Math.ceil((sizes[name] * NOISE_SHARE) / NOISE_TENANTS);
    for (let t = 1; t <= NOISE_TENANTS; t += 1) {
      const other = await createTestTenant(h.db, { name: `Noise ${t}` });
      await seedPaymentHistory(sql, other.id, noise, t);
    }
    await sql`vacuum analyze`;
    const [stored] = await sql<{ n: number; bytes: string }[]>`
      select count(*)::int as n, pg_size_pretty(pg_total_relation_size('webhook_events')) as bytes
      from webhook_events`;
    console.log(
      `ingest ${name}: ${n(sizes[name])} stored events in the tenant, ${n(stored?.n ?? 0)} in the table (${stored?.bytes}), seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const server = await ingestServer(h.deps);
    cleanups.push(() => server.close());
    const seller = await sellerFor(h.db, tenant);
    // warm-up: JIT, pools, the provider cache; not counted, not checked
    await server.ingest(await payableEvents(h.db, 80, () => seller));
    setups[name] = { h, sql, seller, server, sent: [] };
  }
  const repeats = await interleaved(['small', 'large'] as const, async (name) => {
    const s = setups[name];
    const events = await payableEvents(s.h.db, EVENTS, () => s.seller);
    s.sent.push(...events);
    return s.server.ingest(withRedeliveries(events));
  });
  const result = {} as Record<Case, { summary: Summary; check: string; ok: boolean }>;
  for (const name of ['small', 'large'] as const) {
    const verdict = await verifyIngest(
      setups[name].sql,
      setups[name].sent,
      REPEATS * redeliveries(EVENTS),
    );
    result[name] = { summary: summarize(repeats[name]), ...verdict };
  }
  const ratio = result.large.summary.p99 / result.small.summary.p99;
  const ok = result.small.ok && result.large.ok;
  const markdown = [
    `### Webhook ingest vs stored events\n`,
    `Signed sandbox \`payment.succeeded\` through the API ingest handler over node:http, ${EVENTS} unique events + ${redeliveries(EVENTS)} late redeliveries per repeat, concurrency ${CONCURRENCY}, ${REPEATS} repeats per case interleaved; the tenant already holds the stored events (each with its order, and for paid ones the fulfillment-log row and the merchant \`order.paid\` event), and ${NOISE_TENANTS} other tenants hold ${Math.round(NOISE_SHARE * 100)}% as many again. Throughput in deliveries/s.\n`,
    ...CASE_HEADER,
    caseRow(`${n(sizes.small)} stored`, result.small.summary, result.small.check),
    caseRow(`${n(sizes.large)} stored`, result.large.summary, result.large.check),
    '',
    `p99 large ÷ small: **${ratio.toFixed(2)}×** (goal ≤ ${GOAL_RATIO}×) — ${ratio <= GOAL_RATIO && ok ? 'met' : 'NOT met'}; of all samples pooled ${(result.large.summary.p99Pooled / result.small.summary.p99Pooled).toFixed(2)}×.`,
  ].join('\n');
  return {
    series: [
      {
        id: 'growth-ingest-stored',
        title: 'webhook ingest vs stored events',
        xLabel: 'stored events',
        unit: 'events/s',
        points: (['small', 'large'] as const).map((c) =>
          pointOf(sizes[c], result[c].summary, result[c].check, result[c].ok),
        ),
      },
    ],
    goal: {
      id: `growth: ingest ${short(sizes.small)}→${short(sizes.large)}`,
      goal: `p99 with ${n(sizes.large)} stored events ≤ ${GOAL_RATIO}× p99 with ${n(sizes.small)}; events stored once, orders paid once`,
      measured: `p99 ${ms(result.small.summary.p99)} → ${ms(result.large.summary.p99)} ms (${ratio.toFixed(2)}×); ${ok ? 'check ok' : 'check FAILED'}`,
      met: ratio <= GOAL_RATIO && ok,
    },
    markdown,
    ok,
  };
}

function short(v: number): string {
  if (v >= 1_000_000 && v % 1_000_000 === 0) return `${v / 1_000_000}M`;
  if (v >= 1000 && v % 1000 === 0) return `${v / 1000}k`;
  return String(v);
}

// ---------------------------------------------------------------- row 2: orders in the tenant

async function ordersRow(cleanups: Array<() => Promise<unknown>>): Promise<RowResult> {
  const sizes = { small: env.BENCH_GROWTH_ORDERS_SMALL, large: env.BENCH_GROWTH_ORDERS_LARGE };
  const url = await createScratchDatabase(SERVER_URL, 'prood_bench_growth_orders');
  cleanups.push(() => dropScratchDatabase(url));
  await migrateDatabase(url);
  const db = createDatabase(url, { max: 4 });
  cleanups.push(() => db.$client.end({ timeout: 5 }));
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  cleanups.push(() => sql.end({ timeout: 5 }));

  const started = performance.now();
  const small = await createTestTenant(db, { name: 'Small' });
  const large = await createTestTenant(db, { name: 'Large' });
  await seedOrders(sql, small.id, sizes.small, 0);
  await seedOrders(sql, large.id, sizes.large, 1);
  for (let t = 1; t <= NOISE_TENANTS; t += 1) {
    const other = await createTestTenant(db, { name: `Noise ${t}` });
    await seedOrders(sql, other.id, Math.ceil(sizes.large / NOISE_TENANTS), 1 + t);
  }
  await sql`vacuum analyze`;
  console.log(
    `orders: ${n(sizes.small)} and ${n(sizes.large)} orders in two tenants, ${NOISE_TENANTS}×${n(Math.ceil(sizes.large / NOISE_TENANTS))} in others, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  type Case = keyof typeof sizes;
  const PAGE = 25; // orders.page's default limit
  /** The page's ids by direct SQL, keyset after `after` when given. */
  const direct = async (tenantId: string, after?: { created: string; id: string }) =>
    (
      await sql<{ id: string }[]>`
        select id from orders where tenant_id = ${tenantId}
          ${after ? sql`and (created_at, id) < (${after.created}::timestamptz, ${after.id})` : sql``}
        order by created_at desc, id desc limit ${PAGE}`
    ).map((r) => r.id);
  const scenarios = ['first page', 'deep keyset page (90%)'] as const;
  type Scenario = (typeof scenarios)[number];
  const setups = {} as Record<
    Case,
    { call: Record<Scenario, () => Promise<unknown>>; check: string; ok: boolean }
  >;
  for (const [name, tenant] of [
    ['small', small],
    ['large', large],
  ] as const) {
    const caller = createCallerFactory(appRouter)(await ownerContext(db, tenant.id));
    const [deep] = await sql<{ created: string; id: string }[]>`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created, id
      from orders where tenant_id = ${tenant.id}
      order by created_at desc, id desc offset ${Math.floor(sizes[name] * 0.9)} limit 1`;
    if (!deep) throw new Error(`${name}: no deep keyset`);
    const cursor = Buffer.from(`${deep.created}|${deep.id}`).toString('base64url');
    const call = {
      'first page': () => caller.orders.page({}),
      'deep keyset page (90%)': () => caller.orders.page({ cursor }),
    } satisfies Record<Scenario, () => Promise<{ data: Array<{ id: string }> }>>;
    const checks: string[] = [];
    let ok = true;
    for (const [scenario, expected] of [
      ['first page', await direct(tenant.id)],
      ['deep keyset page (90%)', await direct(tenant.id, deep)],
    ] as const) {
      const got = (await call[scenario]()).data.map((o) => o.id);
      const same = got.length === PAGE && got.join() === expected.join();
      ok &&= same;
      checks.push(`${scenario} ${same ? `${got.length} ids = SQL` : `${got.length} ids ≠ SQL`}`);
    }
    setups[name] = { call, check: `${ok ? 'ok' : 'MISMATCH'}: ${checks.join(', ')}`, ok };
  }

  const results = {} as Record<Scenario, Record<Case, Summary>>;
  for (const scenario of scenarios) {
    const repeats = await interleaved(['small', 'large'] as const, async (name) => {
      const call = setups[name].call[scenario];
      for (let i = 0; i < 20; i += 1) await call();
      const latencies: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < LIST_RUNS; i += 1) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
      return repeatOf(latencies, (performance.now() - t0) / 1000);
    });
    results[scenario] = { small: summarize(repeats.small), large: summarize(repeats.large) };
  }
  const ok = setups.small.ok && setups.large.ok;
  const ratios = scenarios.map((s) => results[s].large.p99 / results[s].small.p99);
  const worst = Math.max(...ratios);
  const worstScenario = scenarios[ratios.indexOf(worst)] ?? scenarios[0];
  const markdown = [
    `### Orders list vs orders in the tenant\n`,
    `\`orders.page\` through the in-process tRPC caller (membership, input parsing, keyset query, mapping), ${LIST_RUNS} sequential calls per repeat after 20 warm-up calls, ${REPEATS} repeats per case interleaved; both tenants share the table with ${NOISE_TENANTS} others of ${n(Math.ceil(sizes.large / NOISE_TENANTS))} orders. Throughput in calls/s (sequential).\n`,
    ...CASE_HEADER,
    ...scenarios.flatMap((s) => [
      caseRow(`${s}, ${n(sizes.small)} orders`, results[s].small, setups.small.check),
      caseRow(`${s}, ${n(sizes.large)} orders`, results[s].large, setups.large.check),
    ]),
    '',
    ...scenarios.map(
      (s, i) =>
        `- ${s}: p99 large ÷ small **${(ratios[i] ?? Number.NaN).toFixed(2)}×**; of all samples pooled ${(results[s].large.p99Pooled / results[s].small.p99Pooled).toFixed(2)}×`,
    ),
    '',
    `Worst ratio ${worst.toFixed(2)}× (${worstScenario}; goal ≤ ${GOAL_RATIO}×) — ${worst <= GOAL_RATIO && ok ? 'met' : 'NOT met'}.`,
  ].join('\n');
  return {
    series: scenarios.map((s) => ({
      id: `growth-orders-${s.startsWith('first') ? 'first' : 'deep'}`,
      title: `orders.page ${s} vs orders in the tenant`,
      xLabel: 'orders in the tenant',
      unit: 'ops/s' as const,
      points: (['small', 'large'] as const).map((c) =>
        pointOf(sizes[c], results[s][c], setups[c].check, setups[c].ok),
      ),
    })),
    goal: {
      id: `growth: orders list ${short(sizes.small)}→${short(sizes.large)}`,
      goal: `orders.page p99 with ${n(sizes.large)} orders in the tenant ≤ ${GOAL_RATIO}× p99 with ${n(sizes.small)}; same ids as SQL`,
      measured: `${scenarios.map((s, i) => `${s} p99 ${ms(results[s].small.p99)} → ${ms(results[s].large.p99)} ms (${(ratios[i] ?? Number.NaN).toFixed(2)}×)`).join('; ')}; ${ok ? 'check ok' : 'check FAILED'}`,
      met: worst <= GOAL_RATIO && ok,
    },
    markdown,
    ok,
  };
}

// ---------------------------------------------------------------- row 3: tenants

/** The app's provider LRU, counting what it is asked and what it has to build. */
function countingCache(maxEntries: number) {
  const inner = createProviderCache({ maxEntries });
  const counts = { hits: 0, misses: 0 };
  const cache: ProviderCache = {
    get(integration) {
      const found = inner.get(integration);
      if (found) counts.hits += 1;
      else counts.misses += 1;
      return found;
    },
    set: (integration, provider) => inner.set(integration, provider),
    get size() {
      return inner.size;
    },
  };
  return { cache, counts, reset: () => Object.assign(counts, { hits: 0, misses: 0 }) };
}

async function tenantsRow(cleanups: Array<() => Promise<unknown>>): Promise<RowResult> {
  const TENANTS = env.BENCH_GROWTH_TENANTS;
  const { h, sql } = await scratch('tenants', cleanups);
  let started = performance.now();
  const sellers: Seller[] = [];
  for (let i = 0; i < TENANTS; i += 8) {
    sellers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, TENANTS - i) }, async () =>
          sellerFor(h.db, await createSandboxTenant(h.db)),
        ),
      )),
    );
  }
  await sql`vacuum analyze`;
  console.log(
    `tenants: ${n(TENANTS)} tenants, each its own sandbox integration and secret, made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const solo = sellers[0];
  if (!solo) throw new Error('no tenant');

  // the app's resolver (apps/api/src/server/payments.ts) at its default bound, counted; and one
  // bounded a single entry short of the tenants, to show what exceeding the bound costs
  const bounded = countingCache(DEFAULT_PROVIDER_CACHE_SIZE);
  const short1 = countingCache(TENANTS - 1);
  const resolverWith = (cache: ProviderCache) =>
    createTenantProviderResolver(h.db, { keyring: testKeyring, sandbox: h.sandbox }, { cache });
  const server = await ingestServer({ ...h.deps, resolveProvider: resolverWith(bounded.cache) });
  cleanups.push(() => server.close());
  const overServer = await ingestServer({
    ...h.deps,
    resolveProvider: resolverWith(short1.cache),
  });
  cleanups.push(() => overServer.close());

  const cases = ['one', 'many', 'over'] as const;
  const label = {
    one: '1 tenant',
    many: `${n(TENANTS)} tenants`,
    over: `${n(TENANTS)} tenants, cache ${n(TENANTS - 1)}`,
  } as const;
  type Case = (typeof cases)[number];
  // every repeat's orders made up front, so the heap figures below hold no bench-side growth
  let turn = 0;
  const roundRobin = () => sellers[turn++ % TENANTS] as Seller;
  const planned = {} as Record<Case, PayableEvent[][]>;
  for (const c of cases) {
    planned[c] = [];
    for (let r = 0; r < REPEATS; r += 1) {
      planned[c].push(await payableEvents(h.db, EVENTS, c === 'one' ? () => solo : roundRobin));
    }
  }
  // warm-up of both servers' paths; then the memory baseline
  await server.ingest(await payableEvents(h.db, 80, () => solo));
  await overServer.ingest(await payableEvents(h.db, 80, (i) => sellers[i % TENANTS] as Seller));
  gc();
  const before = process.memoryUsage();
  const cacheBefore = bounded.cache.size;
  // one event from every tenant, cold: every provider built once
  started = performance.now();
  bounded.reset();
  const cold = await server.ingest(await payableEvents(h.db, TENANTS, (i) => sellers[i] as Seller));
  const coldMisses = bounded.counts.misses;
  console.log(
    `tenants: first event of each of ${n(TENANTS)} tenants (cold cache, ${coldMisses} builds) p99 ${ms(cold.p99)} ms in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  bounded.reset();
  short1.reset();
  // RSS after every repeat (GC'd, outside the timing): a plateau or a climb
  const rssTrail: number[] = [];
  const repeats = await interleaved(cases, async (c, r) => {
    const repeat = await (c === 'over' ? overServer : server).ingest(
      withRedeliveries(planned[c][r] ?? []),
    );
    gc();
    rssTrail.push(process.memoryUsage().rss);
    return repeat;
  });
  gc();
  const after = process.memoryUsage();

  // what an entry holds and what a miss costs: the resolver alone over every tenant's
  // integration row (already read, as the ingest hands it over), round-robin, through a cache
  // that holds them all (all hits) and through one a single entry short (all misses: each call
  // decrypts the credentials and builds the provider)
  const rows = await h.db.select().from(integrations).where(eq(integrations.provider, 'sandbox'));
  const fitting = countingCache(DEFAULT_PROVIDER_CACHE_SIZE);
  const resolveFitting = resolverWith(fitting.cache);
  gc();
  const heapEmpty = process.memoryUsage().heapUsed;
  for (const row of rows) await resolveFitting(row.tenantId, 'sandbox', row);
  gc();
  const fillHeap = process.memoryUsage().heapUsed - heapEmpty;
  const perCallMicros = async (counted: ReturnType<typeof countingCache>) => {
    const resolve = counted === fitting ? resolveFitting : resolverWith(counted.cache);
    for (const row of rows) await resolve(row.tenantId, 'sandbox', row);
    counted.reset();
    const t0 = performance.now();
    for (let round = 0; round < 3; round += 1) {
      for (const row of rows) await resolve(row.tenantId, 'sandbox', row);
    }
    return ((performance.now() - t0) * 1000) / (3 * rows.length);
  };
  const hitMicros = await perCallMicros(fitting);
  const missing = countingCache(rows.length - 1);
  const missMicros = await perCallMicros(missing);
  const buildCost = `resolving a tenant's provider from its row: ${hitMicros.toFixed(1)} µs on a hit (${n(fitting.counts.hits)} hits, ${n(fitting.counts.misses)} misses), ${missMicros.toFixed(1)} µs on a miss (${n(missing.counts.hits)} hits, ${n(missing.counts.misses)} misses; credentials decrypted, provider built), round-robin over ${n(rows.length)} integrations; filling a fresh cache with all ${n(fitting.cache.size)} moved the heap by ${(fillHeap / 1024).toFixed(0)} KiB (after a GC; ≈ ${(fillHeap / 1024 / Math.max(1, fitting.cache.size)).toFixed(2)} KiB an entry, within the heap's noise when small)`;
  console.log(`tenants: ${buildCost}`);

  const dupes = REPEATS * redeliveries(EVENTS);
  const results = {} as Record<Case, { summary: Summary; check: string; ok: boolean }>;
  for (const c of cases) {
    const verdict = await verifyIngest(sql, planned[c].flat(), dupes);
    results[c] = { summary: summarize(repeats[c]), ...verdict };
  }
  const ratio = results.many.summary.p99 / results.one.summary.p99;
  const overRatio = results.over.summary.p99 / results.one.summary.p99;
  const ok = cases.every((c) => results[c].ok);
  const fits = TENANTS <= DEFAULT_PROVIDER_CACHE_SIZE;
  const delta = (key: 'heapUsed' | 'external' | 'arrayBuffers' | 'rss') =>
    `${mib(before[key])} → ${mib(after[key])} (${after[key] >= before[key] ? '+' : ''}${mib(after[key] - before[key])})`;
  const trail = rssTrail.map((b) => (b / 2 ** 20).toFixed(0)).join(', ');
  const memory = `heap ${delta('heapUsed')}, external ${delta('external')} of which array buffers ${delta('arrayBuffers')}, RSS ${delta('rss')} (after a full GC each time)`;
  const cacheLine = `provider cache (default bound ${n(DEFAULT_PROVIDER_CACHE_SIZE)}): ${cacheBefore} → ${bounded.cache.size} entries; during the measured repeats ${n(bounded.counts.hits)} hits, ${n(bounded.counts.misses)} misses (builds). Cache one short of the tenants (${n(TENANTS - 1)}): ${n(short1.counts.hits)} hits, ${n(short1.counts.misses)} misses.`;
  const markdown = [
    `### 1 tenant vs ${n(TENANTS)} tenants sending webhooks\n`,
    `The same ingest (${EVENTS} unique events + ${redeliveries(EVENTS)} late redeliveries per repeat, concurrency ${CONCURRENCY}, ${REPEATS} repeats per case interleaved), all from one tenant or spread round-robin over ${n(TENANTS)} tenants, each with its own sandbox integration and secret, through the app's resolver with its provider LRU at the default bound (${n(DEFAULT_PROVIDER_CACHE_SIZE)} entries); every tenant sent one event (cold) before the repeats. "Over the bound": the same ${n(TENANTS)} tenants through a cache bounded at ${n(TENANTS - 1)}, interleaved with the others, for information. Throughput in deliveries/s.\n`,
    ...CASE_HEADER,
    ...cases.map((c) => caseRow(label[c], results[c].summary, results[c].check)),
    '',
    `p99 ${n(TENANTS)} tenants ÷ 1 tenant: **${ratio.toFixed(2)}×** (goal ≤ ${GOAL_RATIO}×) — ${ratio <= GOAL_RATIO && ok ? 'met' : 'NOT met'}; of all samples pooled ${(results.many.summary.p99Pooled / results.one.summary.p99Pooled).toFixed(2)}×. Over the bound: ${overRatio.toFixed(2)}×.`,
    '',
    `- Cold first event of each tenant: p50 ${ms(cold.p50)} ms, p99 ${ms(cold.p99)} ms (${coldMisses} provider builds).`,
    `- ${cacheLine}`,
    `- Cost of a miss, ${buildCost}.`,
    `- Memory from before the first of the ${n(TENANTS)} tenants' events to after the last repeat (both servers' caches filling: ${n(TENANTS)} and ${n(TENANTS - 1)} entries): ${memory}. RSS after each repeat in turn (MiB, GC'd): ${trail}.`,
    fits
      ? `- ${n(TENANTS)} tenants with one provider each fit the default bound${TENANTS === DEFAULT_PROVIDER_CACHE_SIZE ? ' exactly' : ''}; the cache holds one entry per tenant *and provider*, so more active integrations than ${n(DEFAULT_PROVIDER_CACHE_SIZE)} (e.g. over ${n(DEFAULT_PROVIDER_CACHE_SIZE / 2)} tenants with two providers each) cycle through the LRU and, with traffic spread evenly, every event rebuilds its provider (the "over the bound" row).`
      : `- ${n(TENANTS)} tenants exceed the default bound of ${n(DEFAULT_PROVIDER_CACHE_SIZE)}: with traffic spread evenly the LRU misses on every event.`,
  ].join('\n');
  return {
    series: [
      {
        id: 'growth-tenants',
        title: 'webhook ingest vs tenants sending',
        xLabel: 'tenants',
        unit: 'events/s',
        points: [
          pointOf(1, results.one.summary, results.one.check, results.one.ok),
          pointOf(TENANTS, results.many.summary, results.many.check, results.many.ok),
        ],
      },
    ],
    goal: {
      id: `growth: 1→${TENANTS} tenants`,
      goal: `ingest p99 with ${n(TENANTS)} tenants ≤ ${GOAL_RATIO}× p99 with 1; memory bounded (per-tenant cache an LRU with a limit)`,
      measured: `p99 ${ms(results.one.summary.p99)} → ${ms(results.many.summary.p99)} ms (${ratio.toFixed(2)}×); ${memory}; cache ${bounded.cache.size}/${DEFAULT_PROVIDER_CACHE_SIZE}; ${ok ? 'check ok' : 'check FAILED'}`,
      met: ratio <= GOAL_RATIO && ok,
    },
    markdown,
    ok,
    notes: {
      'tenants: memory': memory,
      'tenants: RSS after each repeat (MiB)': trail,
      'tenants: provider cache': cacheLine,
      'tenants: over the bound': `p99 ${ms(results.over.summary.p99)} ms (${overRatio.toFixed(2)}× one tenant), ${results.over.check}`,
      'tenants: provider build cost': buildCost,
      'tenants: cold first events': `p50 ${ms(cold.p50)} ms, p99 ${ms(cold.p99)} ms`,
    },
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const started = performance.now();
  const done: RowResult[] = [];
  const rows: Record<Row, (c: typeof cleanups) => Promise<RowResult>> = {
    ingest: ingestRow,
    orders: ordersRow,
    tenants: tenantsRow,
  };
  try {
    for (const row of env.BENCH_GROWTH_ROWS) {
      // each row's databases are dropped before the next row seeds its own
      const own: typeof cleanups = [];
      try {
        const result = await rows[row](own);
        console.log(`\n${result.markdown}\n`);
        done.push(result);
      } finally {
        for (const step of own.reverse()) await step().catch(() => undefined);
      }
    }
  } finally {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  }
  const seconds = (performance.now() - started) / 1000;
  const markdown = [
    `Growth: each row measured small and large in one run with the same load, p99 of the large case against the small (goal ≤ ${GOAL_RATIO}×). Figures are medians over ${REPEATS} interleaved repeats of each repeat's own throughput, p50 and p99 (a single p99 from a few hundred samples is too noisy to compare at 1.2×); the min–max column shows the repeats' spread, and the p99 of all the repeats' samples pooled is a second estimator beside it. Postgres on the same 2-core machine as the client and the API; ${seconds.toFixed(0)} s in all.`,
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...done.map(
      (r) => `| ${r.goal.id}: ${r.goal.goal} | ${r.goal.measured} | ${r.goal.met ? 'yes' : 'no'} |`,
    ),
    '',
    done.map((r) => r.markdown).join('\n\n'),
  ].join('\n');
  // the rows' own tables were printed as each finished
  console.log(markdown.slice(0, markdown.indexOf('\n### ')));
  writeReportSection('growth', markdown);
  writeResults({
    section: 'growth',
    series: done.flatMap((r) => r.series),
    goals: done.map((r) => r.goal),
    notes: Object.assign({}, ...done.map((r) => r.notes ?? {})),
  });
  return done.every((r) => r.ok) ? 0 : 1;
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
