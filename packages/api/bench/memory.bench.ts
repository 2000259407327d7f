/**
 * Memory benchmark (issue 13's memory row): the production servers of apps/api, apps/checkout
 * and apps/dashboard under a realistic mix at c=64 — storefronts creating orders and starting
 * checkout on the API, shoppers opening the checkout page, the sandbox's signed
 * `payment.succeeded` webhooks through the checkout app's receiver to the API, merchants
 * opening the dashboard's sign-in page — first for BENCH_MEMORY_LOAD_SECONDS (60), then, with
 * no pause, for a soak of BENCH_MEMORY_SOAK_SECONDS (300). Each app's resident set size
 * (VmRSS of the node process that listens on its port, read from /proc) is sampled every
 * BENCH_MEMORY_SAMPLE_SECONDS. Beside it, the raw floor: the bare node:http + postgres.js
 * server of api.bench (bench/raw-server.ts) under the API's share of the same load.
 *
 * Usage: pnpm --filter @prood/api bench:memory
 *   BENCH_MEMORY_LOAD_SECONDS    load before the "RSS after load" figure (default 60)
 *   BENCH_MEMORY_SOAK_SECONDS    the soak that follows it (default 300)
 *   BENCH_MEMORY_SAMPLE_SECONDS  RSS sampling period (default 10)
 *   BENCH_MEMORY_CONCURRENCY     connections across all apps (default 64)
 *   BENCH_MEMORY_RAW_SECONDS     load on the raw floor server (default 20; 0 skips it)
 *   BENCH_MEMORY_DASHBOARD=0     leave the dashboard out
 *   BENCH_MEMORY_HEAP_DIR=dir    heap snapshots of every server after the load and at the end
 *   BENCH_SKIP_BUILD=1, BENCH_LOG_LEVEL, DATABASE_URL as for api.bench
 *
 * Soak verdict: an app grows when the highest RSS of the soak's second half is more than 1.1×
 * the highest of its first half, or when the V8 heap left by the soak's last full
 * (mark-compact) collection is more than 1.1× the heap its first one left. The peak, not the
 * last sample: a healthy server's RSS saws by hundreds of MiB as V8 fills its heap and hands
 * pages back after a full collection (seen in the first runs), so one sample says little; a
 * leak lifts every peak. The heap after a full collection is the live data, the finer signal:
 * the servers run with `--trace-gc` (one log line per collection, nothing else changes) and it
 * is read from their logs; with fewer than two full collections in the soak it is not judged.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { integrations } from '@prood/db/schema';
import {
  parseKeyring,
  sealIntegrationCredentials,
  signSandboxWebhook,
} from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import autocannon, { type AutocannonInstance, type AutocannonRequest } from 'autocannon';
import type postgres from 'postgres';
import { sandboxEventBody } from '../src/payments/testing';
import { seedStorefrontTenant } from '../src/testing/fixtures';
import { benchEnv } from './config';
import { freePort, type ServerProcess, waitForHttp } from './processes';
import type { RawServerConfig } from './raw-server';
import { writeReportSection } from './report';
import { type GoalResult, type Point, type Series, writeResults } from './results';
import {
  API_APP,
  appEnvironment,
  buildApps,
  CHECKOUT_APP,
  DASHBOARD_APP,
  openScratchDatabase,
  planTopology,
  startAppServer,
  startBenchRun,
  startRawServer,
} from './stack';

const LOAD = benchEnv.BENCH_MEMORY_LOAD_SECONDS;
const SOAK = benchEnv.BENCH_MEMORY_SOAK_SECONDS;
const SAMPLE = benchEnv.BENCH_MEMORY_SAMPLE_SECONDS;
const CONNECTIONS = benchEnv.BENCH_MEMORY_CONCURRENCY;
const RAW_SECONDS = benchEnv.BENCH_MEMORY_RAW_SECONDS;
const WITH_DASHBOARD = benchEnv.BENCH_MEMORY_DASHBOARD;
const HEAP_DIR = benchEnv.BENCH_MEMORY_HEAP_DIR ? resolve(benchEnv.BENCH_MEMORY_HEAP_DIR) : null;
/** The API's pool (DATABASE_POOL_MAX default); the raw server gets the same. */
const POOL_MAX = 10;
/** Soak verdict thresholds; see the header. */
const MAX_RSS_RATIO = 1.1;
const MAX_HEAP_RATIO = 1.1;
const MIN_FULL_GCS = 2;
const VERDICT_RULE = `the highest RSS of the soak's second half exceeds ${MAX_RSS_RATIO}× the highest of its first half, or the V8 heap left by the soak's last full (mark-compact) collection exceeds ${MAX_HEAP_RATIO}× the heap its first one left (judged with ${MIN_FULL_GCS} or more full collections in the soak)`;
/** The issue's figures; a shorter run reports but does not claim the goal rows. */
const ISSUE = { load: 60, soak: 300, connections: 64 };

type AppName = 'api' | 'checkout' | 'dashboard';

interface MeasuredApp {
  name: AppName;
  server: ServerProcess;
  port: number;
  /** The node process that listens on the port: what RSS is read from. */
  pid: number;
  command: string;
}

/** Counters of one kind of request; `sent` counts requests built, an upper bound on writes. */
interface Kind {
  label: string;
  app: AppName;
  sent: number;
  ok: number;
  failed: number;
  firstFailure: string | null;
  /** 5xx answers a provider retries (webhooks only): redelivered after the load, not failures. */
  retryable: number;
}

interface Sample {
  /** Seconds since the load started. */
  t: number;
  rss: Partial<Record<AppName, number>>;
  /** The server's own child processes (tsx's esbuild service), summed, MiB; not in `rss`. */
  children: Partial<Record<AppName, { rss: number; commands: string[] }>>;
  parts: Partial<Record<AppName, { anon: number; file: number; shmem: number }>>;
  /** Cumulative successful responses per kind at this moment. */
  ok: Record<string, number>;
  /** Latencies (ms) per app since the previous sample. */
  latency: Partial<Record<AppName, { p50: number; p99: number; n: number }>>;
}

interface Journey {
  orderId: string;
  sessionId: string;
  total: number;
  currency: string;
}

const MIB = 1024 * 1024;

/** RssAnon / RssFile / RssShmem of one process, MiB: what the resident set is made of. */
function rssParts(pid: number): { anon: number; file: number; shmem: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    (Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024) /
    MIB;
  return { anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
}

/** VmRSS of one process, in MiB, from /proc (what `ps` and the kernel's OOM killer see). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return (Number(kb) * 1024) / MIB;
}

function descendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i += 1) {
    const parent = out[i];
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      } catch {
        // the thread ended
      }
    }
  }
  return out;
}

/**
 * The process in `root`'s tree that holds the listening socket of `port`: the server itself,
 * whatever launcher sits above it (none for `node src/main.ts`; `next start` forks none today).
 */
function listeningPid(root: number, port: number): number {
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local address, state 0A = LISTEN, inode
      if (cols[1]?.endsWith(hexPort) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  for (const pid of descendants(root)) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1] && inodes.has(match[1])) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process under pid ${root} listens on port ${port}`);
}

function commandOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
}

/**
 * The full collections `--trace-gc` logged for `pid`'s main isolate (the one with the largest
 * heap): when (ms since the isolate started) and the heap they left, in MiB (V8's "MB").
 */
function fullCollections(
  logFile: string,
  pid: number,
): Array<{ isolateMs: number; after: number; committed: number }> {
  const line =
    /^\[(\d+):(0x[0-9a-f]+)\]\s+(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;
  const byIsolate = new Map<
    string,
    Array<{ isolateMs: number; after: number; committed: number }>
  >();
  for (const text of readFileSync(logFile, 'utf8').split('\n')) {
    const m = line.exec(text);
    if (!m || Number(m[1]) !== pid || !m[2]) continue;
    const list = byIsolate.get(m[2]) ?? [];
    list.push({ isolateMs: Number(m[3]), after: Number(m[4]), committed: Number(m[5]) });
    byIsolate.set(m[2], list);
  }
  const largest = (list: Array<{ after: number }>) => Math.max(...list.map((gc) => gc.after));
  return [...byIsolate.values()].sort((a, b) => largest(b) - largest(a))[0] ?? [];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Least-squares slope of y over x, per unit of x. */
function slope(points: Array<{ x: number; y: number }>): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

function parseJson(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A kind's response: counted, and its first failure kept for the report. */
function record(kind: Kind, status: number, body: string, ok: boolean): void {
  if (ok) {
    kind.ok += 1;
    return;
  }
  kind.failed += 1;
  kind.firstFailure ??= `${status} ${body.replace(/\s+/g, ' ').slice(0, 200)}`;
}

/** The tenant's orders, stored provider events and paid orders. */
async function countRows(sql: postgres.Sql, tenantId: string) {
  const [row] = await sql<{ orders: number; events: number; paid: number }[]>`
    select
      (select count(*)::int from orders where tenant_id = ${tenantId}) as orders,
      (select count(*)::int from webhook_events where tenant_id = ${tenantId}) as events,
      (select count(*)::int from orders where tenant_id = ${tenantId} and status = 'PAID') as paid`;
  if (!row) throw new Error('no counts');
  return row;
}

/** How many distinct of `values` appear in `table.column`. */
async function countIds(
  sql: postgres.Sql,
  table: 'orders' | 'webhook_events',
  column: 'id' | 'event_id',
  values: string[],
): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(distinct ${sql(column)})::int as n from ${sql(table)}
    where ${sql(column)} = any(${values}::text[])`;
  return row?.n ?? 0;
}

/** How many of these orders are PAID. */
async function countPaid(sql: postgres.Sql, orderIds: string[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders where status = 'PAID' and id = any(${orderIds}::text[])`;
  return row?.n ?? 0;
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const run = await startBenchRun('prood-memory-bench-');
  try {
    const { databaseUrl, db, pgVersion } = await openScratchDatabase(run, 'prood_bench_memory');
    const topology = await planTopology();
    const tenant = await seedStorefrontTenant(db);
    // the sandbox integration, sealed with the apps' own keyring, so both apps verify its
    // webhooks with this secret
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    await db.insert(integrations).values({
      id: newId('integration'),
      tenantId: tenant.tenantId,
      provider: 'sandbox',
      ...sealIntegrationCredentials(parseKeyring(topology.keyringSpec), {
        tenantId: tenant.tenantId,
        provider: 'sandbox',
        credentials: { webhookSecret },
      }),
    });

    const appDirs = WITH_DASHBOARD
      ? [API_APP, CHECKOUT_APP, DASHBOARD_APP]
      : [API_APP, CHECKOUT_APP];
    const buildTimes = await buildApps(run, appDirs);

    const dashboardPort = await freePort();
    const env = appEnvironment({
      run,
      topology,
      databaseUrl,
      poolMax: POOL_MAX,
      extra: { DASHBOARD_URL: `http://127.0.0.1:${dashboardPort}` },
    });
    if (HEAP_DIR) mkdirSync(HEAP_DIR, { recursive: true });
    // --trace-gc is passive (a line per collection in the server's log): the heap each full
    // collection leaves is the leak signal that RSS, which breathes by hundreds of MiB, is not
    const nodeArgs = [
      '--trace-gc',
      ...(HEAP_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${HEAP_DIR}`] : []),
    ];
    const spawnedAt = performance.now();
    const started: Array<{ name: AppName; server: ServerProcess; port: number }> = [
      {
        name: 'checkout',
        port: topology.checkoutPort,
        server: startAppServer(run, {
          name: 'checkout',
          app: CHECKOUT_APP,
          port: topology.checkoutPort,
          env,
          server: 'main',
          nodeArgs,
        }),
      },
      {
        name: 'api',
        port: topology.apiPort,
        server: startAppServer(run, {
          name: 'api',
          app: API_APP,
          port: topology.apiPort,
          env,
          server: 'main',
          nodeArgs,
        }),
      },
    ];
    if (WITH_DASHBOARD) {
      // the dashboard has no server of its own: `pnpm start` is `next start`
      started.push({
        name: 'dashboard',
        port: dashboardPort,
        server: startAppServer(run, {
          name: 'dashboard',
          app: DASHBOARD_APP,
          port: dashboardPort,
          env,
          server: 'next',
          nodeArgs,
        }),
      });
    }
    const urlOf = (port: number) => `http://127.0.0.1:${port}`;
    for (const app of started) await waitForHttp(app.server, `${urlOf(app.port)}/health`);
    const apps: MeasuredApp[] = started.map((app) => {
      const pid = listeningPid(app.server.pid, app.port);
      return { ...app, pid, command: commandOf(pid) };
    });
    for (const app of apps) {
      console.log(`${app.name}: pid ${app.pid} (${app.command})`);
    }

    // --- one journey by hand: every step answers as the load expects, before anything counts
    const apiHeaders = {
      authorization: `Bearer ${tenant.apiKey}`,
      'content-type': 'application/json',
    };
    const orderBody = JSON.stringify({
      items: [
        { productId: tenant.products.beans.productId, quantity: 2 },
        { priceId: tenant.products.ebook.priceId, quantity: 1 },
      ],
      customer: {
        name: 'Ada Shopper',
        email: 'ada@example.com',
        address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
      fulfillment: { method: 'shipping' },
      couponCode: tenant.couponCodes.percent,
    });
    const checkoutBody = JSON.stringify({ provider: 'sandbox' });
    const pageHeaders = { accept: 'text/html', 'accept-language': 'en' };
    const webhookPath = `/api/webhooks/sandbox/${tenant.tenantId}`;
    const signedEvent = (journey: Journey) => {
      const { id, payload } = sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
        order_id: journey.orderId,
        checkout_session_id: journey.sessionId,
        session_id: `sbx_cs_${randomBase62(20)}`,
        payment_id: `sbx_pay_${randomBase62(20)}`,
        amount: journey.total,
        currency: journey.currency,
      });
      // signed at send time, as the provider does (tolerance 300 s)
      const headers = {
        ...signSandboxWebhook({ secret: webhookSecret, id, timestamp: new Date(), payload }),
        'content-type': 'application/json',
      };
      return { id, payload, headers };
    };

    const apiUrl = topology.apiUrl;
    const checkoutUrl = topology.checkoutUrl;
    const smoke = async (): Promise<Journey> => {
      const created = await fetch(`${apiUrl}/v1/orders`, {
        method: 'POST',
        headers: apiHeaders,
        body: orderBody,
      });
      const order = parseJson(await created.text());
      if (created.status !== 201) throw new Error(`smoke: order → ${created.status}`);
      const started = await fetch(`${apiUrl}/v1/orders/${String(order.id)}/checkout`, {
        method: 'POST',
        headers: apiHeaders,
        body: checkoutBody,
      });
      const session = parseJson(await started.text());
      if (started.status !== 200) {
        throw new Error(`smoke: checkout → ${started.status} ${JSON.stringify(session)}`);
      }
      const journey: Journey = {
        orderId: String(order.id),
        sessionId: String(session.sessionId),
        total: Number(order.total),
        currency: String(order.currency),
      };
      const page = await fetch(`${checkoutUrl}/c/${journey.sessionId}`, {
        headers: pageHeaders,
        redirect: 'manual',
      });
      await page.arrayBuffer();
      if (page.status !== 200) throw new Error(`smoke: checkout page → ${page.status}`);
      const event = signedEvent(journey);
      const hook = await fetch(`${checkoutUrl}${webhookPath}`, {
        method: 'POST',
        headers: event.headers,
        body: event.payload,
      });
      const hookText = await hook.text();
      if (!hook.ok) throw new Error(`smoke: webhook → ${hook.status} ${hookText.slice(0, 300)}`);
      const paidPage = await fetch(`${checkoutUrl}/c/${journey.sessionId}`, {
        headers: pageHeaders,
        redirect: 'manual',
      });
      await paidPage.arrayBuffer();
      if (paidPage.status !== 200) {
        throw new Error(`smoke: paid session's page → ${paidPage.status}`);
      }
      return journey;
    };
    const smoked = [await smoke(), await smoke()];
    const [{ status: orderStatus } = { status: '?' }] = await db.$client<{ status: string }[]>`
      select status from orders where id = ${smoked[0]?.orderId ?? ''}`;
    if (orderStatus !== 'PAID') throw new Error(`smoke: the webhook left the order ${orderStatus}`);
    if (WITH_DASHBOARD) {
      const signIn = await fetch(`${urlOf(dashboardPort)}/sign-in`, { headers: pageHeaders });
      await signIn.arrayBuffer();
      if (signIn.status !== 200) throw new Error(`smoke: dashboard /sign-in → ${signIn.status}`);
    }

    // --- the load: three autocannon instances in this process, one per app
    const kinds = {
      order: { label: 'POST /v1/orders', app: 'api' },
      checkout: { label: 'POST /v1/orders/{id}/checkout', app: 'api' },
      page: { label: 'GET /c/{id} (checkout page)', app: 'checkout' },
      webhook: { label: 'POST /api/webhooks/sandbox/{org} → API', app: 'checkout' },
      signIn: { label: 'GET /sign-in (dashboard)', app: 'dashboard' },
    } satisfies Record<string, { label: string; app: AppName }>;
    type KindName = keyof typeof kinds;
    const counters = Object.fromEntries(
      Object.entries(kinds).map(([k, v]) => [
        k,
        { ...v, sent: 0, ok: 0, failed: 0, firstFailure: null, retryable: 0 },
      ]),
    ) as Record<KindName, Kind>;
    const createdIds: string[] = [];
    const redeliveries: Array<{ journey: Journey; id: string; payload: string }> = [];
    const ackedEvents: Array<{ eventId: string; orderId: string }> = [];
    /** Sessions started and not yet opened by a shopper. */
    const fresh: Journey[] = [];
    let freshHead = 0;
    /** Sessions already paid: shoppers coming back to the page (and the page when none is fresh). */
    const recent: Journey[] = [...smoked];
    let dropped = 0;
    const MAX_WAITING = 5_000;

    const dashboardShare = WITH_DASHBOARD ? Math.max(1, Math.round(CONNECTIONS / 8)) : 0;
    const apiShare = Math.ceil((CONNECTIONS - dashboardShare) / 2);
    const checkoutShare = CONNECTIONS - dashboardShare - apiShare;

    const storefront: AutocannonRequest[] = [
      {
        method: 'POST',
        path: '/v1/orders',
        headers: apiHeaders,
        body: orderBody,
        setupRequest: (request) => {
          counters.order.sent += 1;
          return request;
        },
        onResponse: (status, body, context) => {
          const ok = status === 201;
          record(counters.order, status, body, ok);
          if (!ok) return;
          const order = parseJson(body);
          context.order = order;
          createdIds.push(String(order.id));
        },
      },
      {
        method: 'POST',
        headers: apiHeaders,
        body: checkoutBody,
        setupRequest: (request, context) => {
          const order = context.order as Record<string, unknown> | undefined;
          if (!order) return undefined; // the order failed: start over
          counters.checkout.sent += 1;
          return { ...request, path: `/v1/orders/${String(order.id)}/checkout` };
        },
        onResponse: (status, body, context) => {
          const ok = status === 200;
          record(counters.checkout, status, body, ok);
          const order = context.order as Record<string, unknown> | undefined;
          if (!ok || !order) return;
          const session = parseJson(body);
          fresh.push({
            orderId: String(order.id),
            sessionId: String(session.sessionId),
            total: Number(order.total),
            currency: String(order.currency),
          });
          if (fresh.length - freshHead > MAX_WAITING) {
            freshHead += 1;
            dropped += 1;
          }
        },
      },
    ];
    const shopper: AutocannonRequest[] = [
      {
        method: 'GET',
        headers: pageHeaders,
        setupRequest: (request, context) => {
          const next = fresh[freshHead];
          let journey: Journey;
          if (next) {
            freshHead += 1;
            journey = next;
            context.pay = true;
          } else {
            journey = recent[Math.floor(Math.random() * recent.length)] ?? (smoked[0] as Journey);
            context.pay = false;
          }
          if (freshHead > 10_000) {
            fresh.splice(0, freshHead);
            freshHead = 0;
          }
          context.journey = journey;
          counters.page.sent += 1;
          return { ...request, path: `/c/${journey.sessionId}` };
        },
        onResponse: (status, body) => record(counters.page, status, body, status === 200),
      },
      {
        method: 'POST',
        path: webhookPath,
        setupRequest: (request, context) => {
          const journey = context.journey as Journey | undefined;
          if (!context.pay || !journey) return undefined; // a returning shopper: no payment
          const event = signedEvent(journey);
          context.event = { id: event.id, payload: event.payload };
          counters.webhook.sent += 1;
          return { ...request, headers: event.headers, body: event.payload };
        },
        onResponse: (status, body, context) => {
          const ok = status >= 200 && status < 300;
          const journey = context.journey as Journey | undefined;
          const event = context.event as { id: string; payload: string } | undefined;
          if (status >= 500 && journey && event) {
            // "try again later": the provider redelivers the same event; so does the bench
            counters.webhook.retryable += 1;
            redeliveries.push({ journey, ...event });
            return;
          }
          record(counters.webhook, status, body, ok);
          if (!ok || !journey || !event) return;
          ackedEvents.push({ eventId: event.id, orderId: journey.orderId });
          recent.push(journey);
          if (recent.length > 512) recent.splice(0, 256);
        },
      },
    ];
    const merchant: AutocannonRequest[] = [
      {
        method: 'GET',
        path: '/sign-in',
        headers: pageHeaders,
        setupRequest: (request) => {
          counters.signIn.sent += 1;
          return request;
        },
        onResponse: (status, body) => record(counters.signIn, status, body, status === 200),
      },
    ];

    const baseline = await countRows(db.$client, tenant.tenantId);
    const sample = (t: number, latencies: Map<AppName, number[]>): Sample => {
      const rss: Partial<Record<AppName, number>> = {};
      const children: Sample['children'] = {};
      const parts: Sample['parts'] = {};
      const latency: Sample['latency'] = {};
      for (const app of apps) {
        rss[app.name] = rssMiB(app.pid);
        parts[app.name] = rssParts(app.pid);
        const kids = descendants(app.pid).filter((pid) => pid !== app.pid);
        children[app.name] = {
          rss: kids.reduce((sum, pid) => sum + rssMiB(pid), 0),
          commands: kids.map((pid) => commandOf(pid).split(' ')[0]?.split('/').pop() ?? '?'),
        };
        const values = Float64Array.from(latencies.get(app.name) ?? []).sort();
        latencies.set(app.name, []);
        latency[app.name] = {
          p50: percentile(values, 50),
          p99: percentile(values, 99),
          n: values.length,
        };
      }
      const ok = Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, v.ok]));
      return { t, rss, children, parts, ok, latency };
    };

    const before = sample(0, new Map());
    console.log(
      `before load: ${apps.map((a) => `${a.name} ${before.rss[a.name]?.toFixed(1)} MiB`).join(', ')}`,
    );
    const total = LOAD + SOAK;
    console.log(
      `load: c=${CONNECTIONS} (api ${apiShare}, checkout ${checkoutShare}${WITH_DASHBOARD ? `, dashboard ${dashboardShare}` : ''}) for ${LOAD} s, then the soak for ${SOAK} s, RSS every ${SAMPLE} s`,
    );

    const intervalLatencies = new Map<AppName, number[]>();
    const phaseLatencies = {
      load: new Map<AppName, number[]>(),
      soak: new Map<AppName, number[]>(),
    };
    const loadStart = performance.now();
    const elapsed = () => (performance.now() - loadStart) / 1000;
    const launch = (
      app: AppName,
      url: string,
      connections: number,
      requests: AutocannonRequest[],
    ) => {
      const instance: AutocannonInstance = autocannon({
        url,
        connections,
        // a little past the last sample, so the load is still on when it is read
        duration: total + 2,
        timeout: 10,
        requests,
      });
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status < 200 || status > 299) return;
        const t = elapsed();
        if (t > total) return;
        for (const bucket of [
          intervalLatencies,
          t <= LOAD ? phaseLatencies.load : phaseLatencies.soak,
        ]) {
          const list = bucket.get(app);
          if (list) list.push(ms);
          else bucket.set(app, [ms]);
        }
      });
      return instance;
    };
    const instances = [
      launch('api', apiUrl, apiShare, storefront),
      launch('checkout', checkoutUrl, checkoutShare, shopper),
      ...(WITH_DASHBOARD
        ? [launch('dashboard', urlOf(dashboardPort), dashboardShare, merchant)]
        : []),
    ];

    const times = new Set<number>([LOAD, total]);
    for (let t = SAMPLE; t < total; t += SAMPLE) times.add(t);
    const samples: Sample[] = [{ ...before, ok: before.ok }];
    const heapSnapshot = (label: string) => {
      if (!HEAP_DIR) return;
      for (const app of apps) process.kill(app.pid, 'SIGUSR2');
      console.log(`heap snapshots (${label}) requested into ${HEAP_DIR}`);
    };
    await Promise.all(
      [...times]
        .sort((a, b) => a - b)
        .map(
          (t) =>
            new Promise<void>((done) =>
              setTimeout(
                () => {
                  const s = sample(t, intervalLatencies);
                  samples.push(s);
                  console.log(
                    `t=${String(t).padStart(4)} s  ${apps.map((a) => `${a.name} ${s.rss[a.name]?.toFixed(1)} MiB`).join('  ')}`,
                  );
                  if (t === LOAD) heapSnapshot(`after ${LOAD} s`);
                  done();
                },
                Math.max(0, t * 1000 - (performance.now() - loadStart)),
              ),
            ),
        ),
    );
    heapSnapshot('end of soak');
    samples.sort((a, b) => a.t - b.t);
    await Promise.all(instances);
    // responses to requests in flight when autocannon stopped are lost; give their writes a moment
    await new Promise((done) => setTimeout(done, 3_000));

    // the provider's retries of events answered 5xx: same id and body, signed again
    let redelivered = 0;
    for (const event of redeliveries) {
      let outcome = 'not tried';
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const response = await fetch(`${checkoutUrl}${webhookPath}`, {
          method: 'POST',
          headers: {
            ...signSandboxWebhook({
              secret: webhookSecret,
              id: event.id,
              timestamp: new Date(),
              payload: event.payload,
            }),
            'content-type': 'application/json',
          },
          body: event.payload,
        });
        outcome = `${response.status} ${(await response.text()).slice(0, 200)}`;
        if (response.ok) break;
        await new Promise((done) => setTimeout(done, 1_000));
      }
      if (outcome.startsWith('2')) {
        redelivered += 1;
        ackedEvents.push({ eventId: event.id, orderId: event.journey.orderId });
      } else {
        counters.webhook.failed += 1;
        counters.webhook.firstFailure ??= `redelivery: ${outcome}`;
      }
    }

    // --- correctness: what the database holds against what the load saw answered
    const after = await countRows(db.$client, tenant.tenantId);
    const orderRows = after.orders - baseline.orders;
    const eventRows = after.events - baseline.events;
    const paidRows = after.paid - baseline.paid;
    const createdFound = await countIds(db.$client, 'orders', 'id', createdIds);
    const ackedFound = await countIds(
      db.$client,
      'webhook_events',
      'event_id',
      ackedEvents.map((e) => e.eventId),
    );
    const ackedPaid = await countPaid(
      db.$client,
      ackedEvents.map((e) => e.orderId),
    );
    const ordersOk =
      createdFound === createdIds.length &&
      orderRows >= createdIds.length &&
      orderRows <= counters.order.sent;
    const eventsOk =
      ackedFound === ackedEvents.length &&
      ackedPaid === ackedEvents.length &&
      eventRows >= ackedEvents.length &&
      eventRows <= counters.webhook.sent &&
      paidRows === eventRows;
    const noFailures = Object.values(counters).every((k) => k.failed === 0);
    const checkOk = ordersOk && eventsOk && noFailures;
    const check = [
      `${ordersOk ? 'ok' : 'MISMATCH'}: ${createdIds.length} orders answered 201, all ${createdFound} in the database; ${orderRows} rows written for ${counters.order.sent} sent (the difference: requests cut off when the load stopped)`,
      `${eventsOk ? 'ok' : 'MISMATCH'}: ${ackedEvents.length} webhooks acknowledged (${redelivered} of them on a redelivery after a 503), each stored once (${ackedFound} found) and its order paid (${ackedPaid}); ${eventRows} events stored for ${counters.webhook.sent} sent, ${paidRows} orders paid`,
      noFailures
        ? 'ok: no failed request'
        : `FAILED: ${Object.values(counters).reduce((sum, k) => sum + k.failed, 0)} request(s), first failures in the request table`,
    ].join('; ');
    console.log(`check: ${check}`);

    // --- the raw floor: node:http + postgres.js serving the API's share of the same load
    let raw: { before: number; after: number; orders: number; seconds: number } | null = null;
    if (RAW_SECONDS > 0) {
      const rawPort = await freePort();
      const rawConfig: RawServerConfig = {
        port: rawPort,
        databaseUrl,
        checkoutUrl,
        checkoutSecret: topology.checkoutSecret,
        poolMax: POOL_MAX,
      };
      const rawServer = startRawServer(run, rawConfig);
      await waitForHttp(rawServer, `${urlOf(rawPort)}/health`);
      const rawPid = listeningPid(rawServer.pid, rawPort);
      const rawBefore = rssMiB(rawPid);
      let rawOrders = 0;
      const rawStart = performance.now();
      await autocannon({
        url: urlOf(rawPort),
        connections: apiShare,
        duration: RAW_SECONDS,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/v1/orders',
            headers: apiHeaders,
            body: orderBody,
            onResponse: (status, body, context) => {
              if (status !== 201) return;
              rawOrders += 1;
              context.id = parseJson(body).id;
            },
          },
          {
            method: 'POST',
            headers: apiHeaders,
            body: checkoutBody,
            setupRequest: (request, context) =>
              context.id
                ? { ...request, path: `/v1/orders/${String(context.id)}/checkout` }
                : undefined,
          },
        ],
      });
      raw = {
        before: rawBefore,
        after: rssMiB(rawPid),
        orders: rawOrders,
        seconds: (performance.now() - rawStart) / 1000,
      };
      console.log(
        `raw floor: ${raw.before.toFixed(1)} → ${raw.after.toFixed(1)} MiB after ${raw.seconds.toFixed(0)} s (${(raw.orders / raw.seconds).toFixed(0)} orders/s)`,
      );
    }

    // --- figures
    const at = (t: number) => samples.find((s) => s.t === t);
    const atLoad = at(LOAD);
    const atEnd = at(total);
    if (!atLoad || !atEnd) throw new Error('a sample is missing');
    const rate = (kind: KindName, from: Sample, to: Sample) =>
      ((to.ok[kind] ?? 0) - (from.ok[kind] ?? 0)) / (to.t - from.t);
    const middle = LOAD + SOAK / 2;
    const verdicts = apps.map((app) => {
      const rssAt = (s: Sample) => s.rss[app.name] ?? Number.NaN;
      const firstHalf = samples.filter((s) => s.t >= LOAD && s.t <= middle).map(rssAt);
      const secondHalf = samples.filter((s) => s.t >= middle).map(rssAt);
      const soakValues = samples.filter((s) => s.t >= LOAD).map(rssAt);
      const peakRatio = Math.max(...secondHalf) / Math.max(...firstHalf);
      const rssFlat = peakRatio <= MAX_RSS_RATIO;
      // the heap each full collection of the soak left, at its time since the load started
      const gcs = fullCollections(app.server.logFile, app.pid).map((gc) => ({
        t: (spawnedAt + gc.isolateMs - loadStart) / 1000,
        heap: gc.after,
        committed: gc.committed,
      }));
      const soakGcs = gcs.filter((gc) => gc.t >= LOAD && gc.t <= total);
      const heapSlope = slope(soakGcs.map((gc) => ({ x: gc.t / 60, y: gc.heap })));
      const heapFirst = soakGcs[0]?.heap ?? Number.NaN;
      const heapLast = soakGcs.at(-1)?.heap ?? Number.NaN;
      const heapJudged = soakGcs.length >= MIN_FULL_GCS;
      const heapFlat = !heapJudged || heapLast <= MAX_HEAP_RATIO * heapFirst;
      return {
        app,
        before: before.rss[app.name] ?? Number.NaN,
        rssLoad: rssAt(atLoad),
        rssEnd: rssAt(atEnd),
        max: Math.max(...soakValues),
        min: Math.min(...soakValues),
        peakRatio,
        fullGcs: soakGcs.length,
        heapFirst,
        heapLast,
        heapSlope,
        heapJudged,
        gcs,
        flat: rssFlat && heapFlat,
      };
    });

    const partsAt = (s: Sample, app: AppName) => {
      const p = s.parts[app];
      return p
        ? `anonymous ${p.anon.toFixed(1)}, file-backed ${p.file.toFixed(1)}, shared ${p.shmem.toFixed(1)} MiB`
        : '–';
    };
    const childrenAt = (s: Sample, app: AppName) => {
      const kids = s.children[app];
      return kids && kids.commands.length > 0
        ? `${kids.commands.join(', ')}: ${kids.rss.toFixed(1)}`
        : 'none';
    };
    const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
    const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
    const rssTable = [
      `| app | process measured | RSS before load MiB | RSS after ${LOAD} s MiB | RSS at end (${total} s) MiB | soak min–max MiB | soak peak, 2nd ÷ 1st half | full GCs in soak | heap after full GC, first → last of soak, MiB | slope MiB/min | grows? | its child processes at end, MiB |`,
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
      ...verdicts.map(
        (v) =>
          `| ${v.app.name} | pid ${v.app.pid}: \`${v.app.command.replace(/^\S*\/node /, 'node ')}\` | ${f1(v.before)} | ${f1(v.rssLoad)} | ${f1(v.rssEnd)} | ${f1(v.min)}–${f1(v.max)} | ${f2(v.peakRatio)}× | ${v.fullGcs} | ${v.heapJudged ? `${f1(v.heapFirst)} → ${f1(v.heapLast)} (${f2(v.heapLast / v.heapFirst)}×)` : `not judged (${f1(v.heapLast)})`} | ${v.fullGcs >= 2 ? f2(v.heapSlope) : '–'} | ${v.flat ? 'no' : '**yes**'} | ${childrenAt(atEnd, v.app.name)} |`,
      ),
      ...(raw
        ? [
            `| raw floor | node:http + postgres.js (bench/raw-server.ts), the API's two requests at c=${apiShare} for ${raw.seconds.toFixed(0)} s after the soak | ${f1(raw.before)} | ${f1(raw.after)} (after ${raw.seconds.toFixed(0)} s) | – | – | – | – | – | – | – | – |`,
          ]
        : []),
    ].join('\n');
    const loadEnd = atLoad;
    const throughputTable = [
      `| request | app | req/s, first ${LOAD} s | req/s, soak | answered | 503, redelivered after the load | failed | first failure |`,
      '|---|---|---:|---:|---:|---:|---:|---|',
      ...(Object.keys(counters) as KindName[])
        .filter((k) => WITH_DASHBOARD || counters[k].app !== 'dashboard')
        .map((k) => {
          const c = counters[k];
          return `| ${c.label} | ${c.app} | ${rate(k, before, loadEnd).toFixed(0)} | ${rate(k, loadEnd, atEnd).toFixed(0)} | ${c.ok} | ${c.app === 'checkout' && k === 'webhook' ? c.retryable : '–'} | ${c.failed} | ${c.firstFailure ?? ''} |`;
        }),
    ].join('\n');
    const latencyOf = (phase: 'load' | 'soak', app: AppName) => {
      const values = Float64Array.from(phaseLatencies[phase].get(app) ?? []).sort();
      return `p50 ${f1(percentile(values, 50))} / p99 ${f1(percentile(values, 99))} ms`;
    };
    const latencyLines = apps.map(
      (a) =>
        `- ${a.name}: ${latencyOf('load', a.name)} in the first ${LOAD} s, ${latencyOf('soak', a.name)} in the soak (all its requests together)`,
    );
    const sampleTable = [
      `| s | ${apps.map((a) => `${a.name} MiB`).join(' | ')} | ${apps.map((a) => `${a.name} req/s`).join(' | ')} |`,
      `|---:|${apps.map(() => '---:').join('|')}|${apps.map(() => '---:').join('|')}|`,
      ...samples.map((s, i) => {
        const prev = samples[i - 1];
        const perApp = (app: AppName) => {
          if (!prev) return '–';
          const done = (Object.keys(counters) as KindName[])
            .filter((k) => counters[k].app === app)
            .reduce((sum, k) => sum + (s.ok[k] ?? 0) - (prev.ok[k] ?? 0), 0);
          return (done / (s.t - prev.t)).toFixed(0);
        };
        return `| ${s.t} | ${apps.map((a) => f1(s.rss[a.name] ?? Number.NaN)).join(' | ')} | ${apps.map((a) => perApp(a.name)).join(' | ')} |`;
      }),
    ].join('\n');

    const fullSize = LOAD >= ISSUE.load && SOAK >= ISSUE.soak && CONNECTIONS >= ISSUE.connections;
    const allFlat = verdicts.every((v) => v.flat);
    const measuredRss = verdicts.map((v) => `${v.app.name} ${f1(v.rssLoad)} MiB`).join(', ');
    // the row's own check is the data (orders and events against the database); a failed
    // request fails the run (exit 1, FAILED in the check) but is named here, not hidden
    const rowChecked = ordersOk && eventsOk;
    const failedCount = Object.values(counters).reduce((sum, k) => sum + k.failed, 0);
    const failedNote =
      failedCount > 0 ? `; ${failedCount} request(s) failed during the load, see the check` : '';
    const goals: GoalResult[] = [
      {
        id: 'memory: RSS at c=64',
        goal: 'RSS of each app after 60 s at c=64 reported',
        measured: `after ${LOAD} s at c=${CONNECTIONS}: ${measuredRss}${raw ? ` (raw floor ${f1(raw.after)} MiB)` : ''}${fullSize ? '' : ' — shortened run'}${failedNote}`,
        met: fullSize && rowChecked,
      },
      {
        id: 'memory: soak',
        goal: `no growth over a 5-minute soak (an app grows when ${VERDICT_RULE})`,
        measured: `${SOAK} s soak: ${verdicts.map((v) => `${v.app.name} RSS peak ${f2(v.peakRatio)}×, heap after full GC ${v.heapJudged ? `${f2(v.heapLast / v.heapFirst)}× over ${v.fullGcs} GCs` : `not judged (${v.fullGcs} full GCs)`}`).join('; ')}${fullSize ? '' : ' — shortened run'}${failedNote}`,
        met: fullSize && rowChecked && allFlat,
      },
    ];
    const series: Series[] = apps.map((app) => ({
      id: `memory-rss-${app.name}`,
      title: `RSS of apps/${app.name} under the c=${CONNECTIONS} mix`,
      xLabel: 'seconds under load',
      unit: 'MiB',
      points: samples.map(
        (s): Point => ({
          x: s.t,
          prood: {
            throughput: s.rss[app.name] ?? Number.NaN,
            p50: s.latency[app.name]?.p50 ?? Number.NaN,
            p99: s.latency[app.name]?.p99 ?? Number.NaN,
          },
          raw: null,
          check,
          checkOk,
        }),
      ),
    }));

    const report = [
      `Memory under load — the production servers (apps/api and apps/checkout: their own servers, \`node --import tsx src/main.ts start\`${WITH_DASHBOARD ? '; apps/dashboard: `next start`' : ''}) under one mix at c=${CONNECTIONS} for ${LOAD} s, then the same load for a ${SOAK} s soak; RSS = VmRSS of the node process listening on each app's port, read from /proc every ${SAMPLE} s (its child processes, tsx's esbuild service, are shown apart).\n`,
      rssTable,
      '',
      `Soak verdict: an app grows when ${VERDICT_RULE}. RSS alone cannot say: V8 lets the heap fill and hands hundreds of MiB back after a full collection, so the RSS of a healthy server saws up and down; the heap a full collection leaves (from \`--trace-gc\`, one log line per collection, nothing else changed) is what a leak raises.`,
      '',
      ...verdicts.map(
        (v) =>
          `- ${v.app.name}: heap left by each full collection, live / committed by V8 (s since load start: MiB): ${v.gcs.map((gc) => `${gc.t.toFixed(0)}: ${gc.heap.toFixed(0)} / ${gc.committed.toFixed(0)}`).join(', ') || 'none'}; RSS at end: ${partsAt(atEnd, v.app.name)}`,
      ),
      '',
      throughputTable,
      '',
      ...latencyLines,
      '',
      `Check: ${check}${dropped > 0 ? `; ${dropped} started sessions were never opened (the shoppers fell behind)` : ''}.`,
      '',
      '<details><summary>RSS samples</summary>\n',
      sampleTable,
      '\n</details>\n',
      `- Mix: storefronts (c=${apiShare}) create an order (2 lines, coupon, shipping to DE) and start its sandbox checkout, which calls the checkout app; shoppers (c=${checkoutShare}) open each started session's page, then the sandbox's signed \`payment.succeeded\` for it goes to the checkout app's receiver, which verifies it and forwards it to the API (order paid, jobs enqueued); with no fresh session waiting, a shopper reopens a paid one${WITH_DASHBOARD ? `; merchants (c=${dashboardShare}) open the dashboard's sign-in page` : ''}. Job workers (apps/worker) are not running.`,
      `- Apps: LOG_LEVEL=${benchEnv.BENCH_LOG_LEVEL}, pool ${POOL_MAX}, sqlite session store, sandbox provider; Node ${process.version}, PostgreSQL ${pgVersion}, ${availableParallelism()} CPUs shared by load generator, servers and Postgres.`,
      `- Builds: ${buildTimes.join(', ')}; whole run ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`,
      ...(fullSize
        ? []
        : [
            `- Shortened run (issue 13 asks for ${ISSUE.load} s at c=${ISSUE.connections} and a ${ISSUE.soak} s soak): the goal rows are not claimed.`,
          ]),
    ].join('\n');
    console.log(`\n${report}`);
    writeReportSection('memory', report);
    writeResults({
      section: 'memory',
      series,
      goals,
      notes: {
        thresholds: VERDICT_RULE,
        ...Object.fromEntries(
          verdicts.map((v) => [
            `rss ${v.app.name}`,
            `before ${f1(v.before)} MiB, after ${LOAD} s ${f1(v.rssLoad)} MiB, end ${f1(v.rssEnd)} MiB; RSS peak ${f2(v.peakRatio)}× (2nd vs 1st half of the soak); child processes at end ${childrenAt(atEnd, v.app.name)} MiB; RSS at end ${partsAt(atEnd, v.app.name)}; heap after full GC, live / committed (s: MiB) ${v.gcs.map((gc) => `${gc.t.toFixed(0)}: ${gc.heap.toFixed(0)} / ${gc.committed.toFixed(0)}`).join(', ')}; pid ${v.app.pid} ${v.app.command}`,
          ]),
        ),
        ...(raw
          ? {
              'rss raw floor': `node:http + postgres.js: before ${f1(raw.before)} MiB, after ${raw.seconds.toFixed(0)} s of the API's requests ${f1(raw.after)} MiB`,
            }
          : {}),
        throughput: (Object.keys(counters) as KindName[])
          .filter((k) => WITH_DASHBOARD || counters[k].app !== 'dashboard')
          .map(
            (k) =>
              `${counters[k].label}: ${rate(k, before, loadEnd).toFixed(0)} req/s first ${LOAD} s, ${rate(k, loadEnd, atEnd).toFixed(0)} req/s soak`,
          )
          .join('; '),
      },
    });

    if (!checkOk) {
      for (const [name, c] of Object.entries(counters)) {
        if (c.failed > 0) console.error(`${name}: ${c.failed} failed, first: ${c.firstFailure}`);
      }
      for (const app of apps) {
        // the server's own lines, without --trace-gc's
        const own = readFileSync(app.server.logFile, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '' && !/^\[\d+:0x[0-9a-f]+\]/.test(line));
        console.error(`\n--- ${app.name} log\n${own.slice(-15).join('\n')}`);
      }
      return 1;
    }
    return 0;
  } finally {
    await run.cleanup();
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
