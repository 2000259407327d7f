/**
 * Commerce API benchmark: `POST /v1/orders` and `POST /v1/orders/{id}/checkout` (fresh order and
 * idempotent resume) at several concurrencies with autocannon, against the API as `pnpm start`
 * serves it (apps/api/src/main.ts; `BENCH_API_SERVER=next` for a bare `next start` of the same
 * build) talking to the real `next start` of apps/checkout, beside a raw node:http +
 * postgres.js server doing the same SQL (bench/raw-server.ts), measured in the same run.
 *
 * Usage: pnpm --filter @prood/api bench
 *   DATABASE_URL             Postgres server for the scratch database (default 127.0.0.1:5432)
 *   BENCH_DURATION_SECONDS   seconds per measurement (default 3)
 *   BENCH_CONCURRENCY        default 1,16,64
 *   BENCH_SKIP_BUILD=1       reuse the existing .next builds of apps/api and apps/checkout
 *   BENCH_API_SERVER         node (default: the API's own server) or next (bare `next start`)
 *   BENCH_LOG_LEVEL          LOG_LEVEL of both Next.js servers (default warn)
 *   BENCH_API_CPU_PROF=dir   run the API under `node --cpu-prof`, its profile left in dir
 */

import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { newId } from '@prood/validators';
import autocannon, { type AutocannonRequest } from 'autocannon';
import type postgres from 'postgres';
import { type SeededTenant, seedStorefrontTenant } from '../src/testing/fixtures';
import { benchEnv } from './config';
import { cpuSnapshot, cpuSpent } from './cpu';
import { freePort, logTail, waitForHttp } from './processes';
import type { RawServerConfig } from './raw-server';
import { writeReportSection } from './report';
import { type GoalResult, type Point, type Series, writeResults } from './results';
import {
  API_APP,
  appEnvironment,
  buildApps,
  CHECKOUT_APP,
  nextBinary,
  openScratchDatabase,
  planTopology,
  startAppServer,
  startBenchRun,
  startRawServer,
} from './stack';

const DURATION = benchEnv.BENCH_DURATION_SECONDS;
const CONCURRENCY = benchEnv.BENCH_CONCURRENCY;
const WARMUP_SECONDS = 1;
/** The API's pool (DATABASE_POOL_MAX default); the raw server gets the same. */
const POOL_MAX = 10;
/** Orders reserved per fresh-checkout run: more than either server can use in that time. */
const freshPoolFor = (seconds: number) => Math.max(300, Math.ceil(seconds * 1000));
/** Orders with an open session that the resume measurement cycles through. */
const RESUME_POOL = 256;

interface Target {
  name: 'api' | 'raw';
  url: string;
  /** The server's process group (it is started detached), for its CPU time. */
  group: number;
}

/** The checkout app's process group: both servers call it to start a checkout. */
let checkoutGroup = 0;

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  seconds: number;
  failures: number;
  failureDetail: string | null;
  exhausted: boolean;
  /** CPU milliseconds per answered request: the server, the checkout app, Postgres. */
  cpu: { server: number | null; checkout: number | null; postgres: number | null };
}

interface Row {
  operation: string;
  concurrency: number;
  api: Measurement;
  raw: Measurement;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * One autocannon run. Latencies come from autocannon's per-response event (fractional ms)
 * rather than its integer-ms histogram, so sub-millisecond differences stay visible; like
 * autocannon, only 2xx responses count towards latency and throughput.
 */
async function load(
  target: Target,
  connections: number,
  request: AutocannonRequest,
  options: { seconds: number; budget?: number },
): Promise<Measurement> {
  const latencies: number[] = [];
  let failureDetail: string | null = null;
  const instance = autocannon({
    url: target.url,
    connections,
    duration: options.seconds,
    ...(options.budget ? { maxOverallRequests: options.budget } : {}),
    timeout: 10,
    requests: [
      {
        ...request,
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && failureDetail === null) {
            failureDetail = `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status <= 299) latencies.push(ms);
  });
  const started = performance.now();
  const cpuBefore = cpuSnapshot([target.group, checkoutGroup]);
  const result = await instance;
  const cpu = cpuSpent(cpuBefore, cpuSnapshot([target.group, checkoutGroup]), latencies.length);
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const failures = result.non2xx + result.errors + result.timeouts + result.mismatches;
  if (failures > 0 && failureDetail === null) {
    failureDetail = `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`;
  }
  return {
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    ok: latencies.length,
    seconds,
    failures,
    failureDetail,
    exhausted: options.budget !== undefined && seconds < options.seconds * 0.95,
    cpu: {
      server: cpu.groups[target.group] ?? null,
      checkout: cpu.groups[checkoutGroup] ?? null,
      postgres: cpu.postgres,
    },
  };
}

/** A fixed list of order ids handed out one per request, for checkouts on never-seen orders. */
function orderIdFeeder(ids: readonly string[], cycle: boolean): AutocannonRequest {
  let next = 0;
  return {
    method: 'POST',
    body: JSON.stringify({ provider: 'sandbox' }),
    setupRequest: (request) => {
      const id = cycle ? ids[next % ids.length] : ids[next];
      next += 1;
      // past the end of a fresh pool: an id that does not exist, so it shows up as a 404
      return { ...request, path: `/v1/orders/${id ?? newId('order')}/checkout` };
    },
  };
}

/**
 * N copies of a real order the API created (same customer, items and totals), each with its
 * own id and reference, written in one statement: checkout starts need orders nobody has
 * checked out yet, and making them through the API would take longer than the measurement.
 */
async function cloneOrders(sql: postgres.Sql, templateId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId('order'));
  const serial = randomBytes(2).toString('hex').toUpperCase();
  await sql.begin(async (tx) => {
    await tx`
      insert into orders (id, tenant_id, reference, status, currency, subtotal, discount_total,
        tax_total, total, customer, customer_email, fulfillment, coupon_id)
      select ids.id, t.tenant_id, '#' || ${serial} || lpad(ids.n::text, 4, '0'), 'PENDING',
        t.currency, t.subtotal, t.discount_total, t.tax_total, t.total, t.customer,
        t.customer_email, t.fulfillment, t.coupon_id
      from orders t, unnest(${ids}::text[]) with ordinality as ids(id, n)
      where t.id = ${templateId}`;
    await tx`
      insert into order_items (id, tenant_id, order_id, product_id, price_id, title, unit_amount,
        quantity, line_subtotal, line_discount, line_tax, line_total, tax_rate_bps, tax_inclusive)
      select 'oi_' || md5(o.id || i.id), i.tenant_id, o.id, i.product_id, i.price_id, i.title,
        i.unit_amount, i.quantity, i.line_subtotal, i.line_discount, i.line_tax, i.line_total,
        i.tax_rate_bps, i.tax_inclusive
      from order_items i, unnest(${ids}::text[]) as o(id)
      where i.order_id = ${templateId}`;
  });
  return ids;
}

async function post(
  url: string,
  apiKey: string,
  body: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}

function orderBodyFor(tenant: SeededTenant): string {
  return JSON.stringify({
    items: [
      { priceId: tenant.products.tee.priceId, quantity: 1 },
      { productId: tenant.products.beans.productId, quantity: 2 },
    ],
    customer: {
      name: 'Ada Shopper',
      email: 'Ada@Example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: { method: 'shipping' },
    couponCode: tenant.couponCodes.percent,
  });
}

/**
 * Before anything is timed: both servers must store the same money for the same order and
 * both must return one checkout URL per order, again on a second call. A baseline that did
 * less work would make the ratio meaningless.
 */
async function checkSameWork(
  targets: Target[],
  tenant: SeededTenant,
  orderBody: string,
  checkoutUrl: string,
): Promise<string> {
  const money: string[] = [];
  let templateId = '';
  for (const target of targets) {
    const order = await post(`${target.url}/v1/orders`, tenant.apiKey, orderBody);
    if (order.status !== 201) {
      throw new Error(
        `${target.name}: POST /v1/orders → ${order.status} ${JSON.stringify(order.json)}`,
      );
    }
    const j = order.json;
    money.push(
      [j.subtotal, j.discountTotal ?? j.discount_total, j.taxTotal ?? j.tax_total, j.total]
        .map(Number)
        .join('/'),
    );
    const id = String(j.id);
    if (target.name === 'api') templateId = id;
    const path = `${target.url}/v1/orders/${id}/checkout`;
    const body = JSON.stringify({ provider: 'sandbox' });
    const first = await post(path, tenant.apiKey, body);
    const again = await post(path, tenant.apiKey, body);
    if (first.status !== 200 || again.status !== 200) {
      throw new Error(
        `${target.name}: checkout → ${first.status}/${again.status} ${JSON.stringify(first.json)}`,
      );
    }
    if (!String(first.json.url).startsWith(checkoutUrl)) {
      throw new Error(
        `${target.name}: checkout url ${String(first.json.url)} is not the checkout app's`,
      );
    }
    if (first.json.sessionId !== again.json.sessionId) {
      throw new Error(`${target.name}: a second checkout call opened a new session`);
    }
  }
  if (new Set(money).size !== 1) {
    throw new Error(`API and raw baseline computed different totals: ${money.join(' vs ')}`);
  }
  return templateId;
}

/** Starts checkout once for each order (through `target`), so the next call is a resume. */
async function primeSessions(target: Target, apiKey: string, ids: string[]): Promise<void> {
  const body = JSON.stringify({ provider: 'sandbox' });
  for (let i = 0; i < ids.length; i += 16) {
    const results = await Promise.all(
      ids
        .slice(i, i + 16)
        .map((id) => post(`${target.url}/v1/orders/${id}/checkout`, apiKey, body)),
    );
    const bad = results.find((r) => r.status !== 200);
    if (bad)
      throw new Error(
        `${target.name}: priming checkout → ${bad.status} ${JSON.stringify(bad.json)}`,
      );
  }
}

function formatTable(rows: Row[]): string {
  const header = [
    'operation',
    'concurrency',
    'req/s',
    'p50 ms',
    'p99 ms',
    'raw req/s',
    'raw p50',
    'raw p99',
    'ratio',
    'CPU ms/req: server',
    'checkout',
    'postgres',
    'raw: server',
    'checkout',
    'postgres',
  ];
  const cpu = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const lines = rows.map((r) => [
    r.operation,
    String(r.concurrency),
    r.api.rps.toFixed(0),
    r.api.p50.toFixed(2),
    r.api.p99.toFixed(2),
    r.raw.rps.toFixed(0),
    r.raw.p50.toFixed(2),
    r.raw.p99.toFixed(2),
    `${(r.raw.rps / r.api.rps).toFixed(1)}×`,
    cpu(r.api.cpu.server),
    cpu(r.api.cpu.checkout),
    cpu(r.api.cpu.postgres),
    cpu(r.raw.cpu.server),
    cpu(r.raw.cpu.checkout),
    cpu(r.raw.cpu.postgres),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? `${'-'.repeat(w + 2)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [fmt(header), rule, ...lines.map(fmt)].join('\n');
}

/** What a measurement's check saw: every request answered 2xx, or how many did not. */
function checkOf(side: string, m: Measurement): string {
  return m.failures === 0
    ? `${side}: ${m.ok} × 2xx`
    : `${side}: ${m.failures} FAILED (${m.failureDetail ?? '?'})`;
}

/** The rows as series for the report's charts, and issue 13's goals B5 and B5'. */
function apiResults(rows: Row[]) {
  const figure = (m: Measurement) => ({ throughput: m.rps, p50: m.p50, p99: m.p99 });
  const series = (id: string, title: string, operation: string): Series => ({
    id,
    title,
    xLabel: 'concurrency',
    unit: 'req/s',
    rawLabel: 'raw node:http + SQL',
    points: rows
      .filter((r) => r.operation === operation)
      .map(
        (r): Point => ({
          x: r.concurrency,
          prood: figure(r.api),
          raw: figure(r.raw),
          check: `${r.api.failures + r.raw.failures === 0 ? 'ok' : 'FAILED'}: ${checkOf('prood', r.api)}, ${checkOf('raw', r.raw)}`,
          checkOk: r.api.failures === 0 && r.raw.failures === 0,
        }),
      ),
  });
  const orders = series('orders-create', 'B5 POST /v1/orders', 'POST /v1/orders');
  const fresh = series(
    'checkout-start',
    "B5' checkout start (fresh order)",
    'checkout start (fresh order)',
  );
  const resume = series(
    'checkout-resume',
    'checkout start (resume an open session)',
    'checkout start (resume open session)',
  );
  const ratios = (s: Series) =>
    s.points.map((p) => ({
      x: p.x,
      ratio: p.prood.throughput / (p.raw?.throughput ?? Number.NaN),
    }));
  const atEvery = (id: string, s: Series, min: number): GoalResult => {
    const r = ratios(s);
    return {
      id,
      goal: `≥ ${min}× raw at every concurrency; checks ok`,
      measured:
        r.map((p) => `c=${p.x} ${p.ratio.toFixed(2)}×`).join(', ') +
        (s.points.every((p) => p.checkOk) ? '' : '; a check FAILED'),
      met: r.length > 0 && r.every((p) => p.ratio >= min) && s.points.every((p) => p.checkOk),
    };
  };
  const byX = [...orders.points].sort((a, b) => a.x - b.x);
  const falls = byX.filter(
    (p, i) => i > 0 && p.prood.throughput < (byX[i - 1]?.prood.throughput ?? 0),
  );
  const goals: GoalResult[] = [
    atEvery('B5 POST /v1/orders', orders, 0.5),
    {
      id: 'B5 POST /v1/orders scaling',
      goal: 'throughput never falls as concurrency rises',
      measured:
        byX.length > 1
          ? byX.map((p) => `c=${p.x} ${p.prood.throughput.toFixed(0)} req/s`).join(' → ')
          : 'one concurrency measured: nothing to compare',
      met: byX.length > 1 && falls.length === 0,
    },
    atEvery("B5' checkout start", fresh, 0.7),
  ];
  return { section: 'api', series: [orders, fresh, resume], goals };
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const run = await startBenchRun('prood-api-bench-');
  const { servers } = run;
  try {
    // --- database: a scratch database on whatever Postgres answers
    const { databaseUrl, db, pgVersion } = await openScratchDatabase(run, 'prood_bench');
    const tenant = await seedStorefrontTenant(db);

    // --- builds: what `next start` serves must be the code in this checkout
    const buildTimes = await buildApps(run, [API_APP, CHECKOUT_APP]);

    // --- servers: checkout app, API, raw baseline; each its own process on loopback
    const topology = await planTopology();
    const { apiPort, checkoutUrl } = topology;
    const rawPort = await freePort();
    const appEnv = appEnvironment({ run, topology, databaseUrl, poolMax: POOL_MAX });
    const apiProfiling = benchEnv.BENCH_API_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(benchEnv.BENCH_API_CPU_PROF)}`]
      : [];
    const nextBin = nextBinary();
    // the checkout app always as `pnpm start` runs it: its own server in front of Next.js
    const checkoutServer = startAppServer(run, {
      name: 'checkout',
      app: CHECKOUT_APP,
      port: topology.checkoutPort,
      env: appEnv,
      server: 'main',
    });
    const apiServer = startAppServer(run, {
      name: 'api',
      app: API_APP,
      port: apiPort,
      env: appEnv,
      server: benchEnv.BENCH_API_SERVER === 'node' ? 'main' : 'next',
      nodeArgs: apiProfiling,
    });
    const rawConfig: RawServerConfig = {
      port: rawPort,
      databaseUrl,
      checkoutUrl,
      checkoutSecret: topology.checkoutSecret,
      poolMax: POOL_MAX,
    };
    const rawServer = startRawServer(run, rawConfig);
    await waitForHttp(checkoutServer, `${checkoutUrl}/health`);
    await waitForHttp(apiServer, `http://127.0.0.1:${apiPort}/health`);
    await waitForHttp(rawServer, `http://127.0.0.1:${rawPort}/health`);

    const api: Target = { name: 'api', url: `http://127.0.0.1:${apiPort}`, group: apiServer.pid };
    const raw: Target = { name: 'raw', url: `http://127.0.0.1:${rawPort}`, group: rawServer.pid };
    checkoutGroup = checkoutServer.pid;
    const targets = [api, raw];
    const orderBody = orderBodyFor(tenant);
    const templateId = await checkSameWork(targets, tenant, orderBody, checkoutUrl);

    const headers = {
      authorization: `Bearer ${tenant.apiKey}`,
      'content-type': 'application/json',
    };
    const rows: Row[] = [];
    const measure = async (
      operation: string,
      request: (
        target: Target,
        seconds: number,
      ) => Promise<{ request: AutocannonRequest; budget?: number }>,
    ) => {
      // one short warm-up per server: JIT, pools and Next's lazily loaded route modules
      for (const target of targets) {
        const warm = await request(target, WARMUP_SECONDS);
        await load(
          target,
          16,
          { headers, ...warm.request },
          {
            seconds: WARMUP_SECONDS,
            ...(warm.budget ? { budget: warm.budget } : {}),
          },
        );
      }
      for (const connections of CONCURRENCY) {
        const results: Partial<Record<Target['name'], Measurement>> = {};
        for (const target of targets) {
          const spec = await request(target, DURATION);
          results[target.name] = await load(
            target,
            connections,
            { headers, ...spec.request },
            {
              seconds: DURATION,
              ...(spec.budget ? { budget: spec.budget } : {}),
            },
          );
        }
        const row = { operation, concurrency: connections, api: results.api, raw: results.raw };
        if (!row.api || !row.raw) throw new Error('a measurement is missing');
        rows.push(row as Row);
        console.log(
          `${operation} c=${connections}: api ${row.api.rps.toFixed(0)} req/s, raw ${row.raw.rps.toFixed(0)} req/s`,
        );
      }
    };

    await measure('POST /v1/orders', async () => ({
      request: { method: 'POST', path: '/v1/orders', body: orderBody },
    }));
    await measure('checkout start (fresh order)', async (_target, seconds) => {
      const ids = await cloneOrders(db.$client, templateId, freshPoolFor(seconds));
      return { request: orderIdFeeder(ids, false), budget: ids.length };
    });
    const resumeIds = new Map<Target['name'], string[]>();
    for (const target of targets) {
      const ids = await cloneOrders(db.$client, templateId, RESUME_POOL);
      await primeSessions(target, tenant.apiKey, ids);
      resumeIds.set(target.name, ids);
    }
    await measure('checkout start (resume open session)', async (target) => ({
      request: orderIdFeeder(resumeIds.get(target.name) ?? [], true),
    }));

    // --- report
    const report = [
      `Commerce API benchmark — ${DURATION} s per measurement after a ${WARMUP_SECONDS} s warm-up, autocannon, loopback; ` +
        `ratio = raw req/s ÷ API req/s\n`,
      formatTable(rows),
      [
        '',
        `- API: ${benchEnv.BENCH_API_SERVER === 'node' ? 'its own server (apps/api/src/main.ts: /v1, /webhooks, /internal on node:http, the rest through Next.js)' : '`next start` of apps/api'} (Next.js ${createRequire(nextBin)('../../package.json').version}), LOG_LEVEL=${benchEnv.BENCH_LOG_LEVEL}, pool ${POOL_MAX}, job workers off; checkout: its own server (apps/checkout/src/main.ts: webhooks, /api/sessions on node:http, pages through Next.js), sqlite session store, sandbox provider.`,
        `- raw: node:http + postgres.js (pool ${POOL_MAX}), same SQL reads/writes and the same computeOrderTotals; checkout start makes the same call to the same checkout app.`,
        `- Both servers call the one checkout app for checkout start, so its cost is in both columns.`,
        `- CPU ms/req: user + system time from /proc over the measurement, divided by the answered requests: the server's process group, the checkout app's, and every postgres process. With ${availableParallelism()} cores shared by them and autocannon, they bound throughput.`,
        `- Node ${process.version}, PostgreSQL ${pgVersion}, ${availableParallelism()} CPUs shared by load generator, servers and Postgres.`,
        `- Builds: ${buildTimes.join(', ')}; whole run ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`,
      ].join('\n'),
    ].join('\n');
    console.log(`\n${report}`);
    writeReportSection('api', report);
    writeResults(apiResults(rows));

    const exhausted = rows.flatMap((r) =>
      (['api', 'raw'] as const)
        .filter((t) => r[t].exhausted)
        .map(
          (t) =>
            `${r.operation} c=${r.concurrency} ${t}: used all ${freshPoolFor(DURATION)} orders in ${r[t].seconds.toFixed(1)} s`,
        ),
    );
    for (const line of exhausted) console.log(`- note: ${line}`);
    const failed = rows.flatMap((r) =>
      (['api', 'raw'] as const)
        .filter((t) => r[t].failures > 0)
        .map(
          (t) =>
            `${r.operation} c=${r.concurrency} ${t}: ${r[t].failures} failed requests, first: ${r[t].failureDetail}`,
        ),
    );
    if (failed.length > 0) {
      console.error(`\nFAILED requests — the figures above are not valid:\n${failed.join('\n')}`);
      for (const server of servers)
        console.error(`\n--- ${server.name} log\n${logTail(server.logFile, 15)}`);
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
