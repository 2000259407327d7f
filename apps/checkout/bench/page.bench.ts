/**
 * Checkout page benchmark: time to first byte of `/c/{id}` (an open session of the demo
 * tenant's shipping order: summary, contact, address, shipping options, coupon, sandbox card
 * form) beside `/`, a page with no data served by the same server (`pnpm start`: pages through Next.js) through the same proxy
 * and layout, at concurrency 1 and 16, in the same run. The ratio is the page's own cost.
 *
 * Usage: pnpm --filter @prood/app-checkout bench
 *   DATABASE_URL             Postgres server for the scratch database (default 127.0.0.1:5432)
 *   BENCH_DURATION_SECONDS   seconds per measurement (default 3)
 *   BENCH_SKIP_BUILD=1       reuse the existing .next builds of apps/api and apps/checkout
 *   BENCH_LOG_LEVEL          LOG_LEVEL of both Next.js servers (default warn)
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type GoalResult,
  type Series,
  writeReportSection,
  writeResults,
} from '@prood/bench-report';
import { migrateDatabase } from '@prood/db/migrate';
import { createScratchDatabase, dropScratchDatabase } from '@prood/db/testing';
import { loadOrCreateSecrets } from '@prood/dev/secrets';
import { seedDemoTenant } from '@prood/dev/seed';
// the commerce API's bench harness: its knobs and process helpers serve this bench as they are
import { benchEnv } from '../../../packages/api/bench/config';
import {
  freePort,
  logTail,
  runCommand,
  type ServerProcess,
  startProcess,
  waitForHttp,
} from '../../../packages/api/bench/processes';

const ROOT = resolve(import.meta.dirname, '../../..');
const API_APP = join(ROOT, 'apps/api');
const CHECKOUT_APP = join(ROOT, 'apps/checkout');
const DURATION = benchEnv.BENCH_DURATION_SECONDS;
const CONCURRENCY = [1, 16];
const WARMUP_SECONDS = 2;
/** The issue's goal: p50 at most twice the static page's, p99 under 100 ms at c=16. */
const GOAL = { p50Ratio: 2, p99Ms: 100, atConcurrency: 16 };

interface Measurement {
  p50: number;
  p99: number;
  rps: number;
  ok: number;
  failures: number;
  firstFailure: string | null;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/**
 * `connections` clients in a loop for `seconds`, each on its own kept-alive socket. The time
 * counted is until the response's status line and headers arrived (the first byte), the body is
 * then read to the end before the next request, as a browser would.
 */
async function ttfb(url: string, connections: number, seconds: number): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((done) => {
      const started = performance.now();
      const request = get(url, { agent, headers: { 'accept-language': 'en' } }, (response) => {
        const first = performance.now() - started;
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200) samples.push(first);
          else {
            failures += 1;
            firstFailure ??= `${response.statusCode}`;
          }
          done();
        });
      });
      request.on('error', (error) => {
        failures += 1;
        firstFailure ??= error.message;
        done();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: samples.length / elapsed,
    ok: samples.length,
    failures,
    firstFailure,
  };
}

async function postJson(url: string, apiKey: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${url} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const servers: ServerProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((error: unknown) => console.error('cleanup:', error));
    }
  };
  process.on('exit', () => {
    for (const server of servers) server.kill();
  });
  try {
    const tmp = await mkdtemp(join(tmpdir(), 'prood-page-bench-'));
    cleanups.push(() => rm(tmp, { recursive: true, force: true }));
    const { secrets } = loadOrCreateSecrets(tmp);

    // --- database: a scratch database with the demo tenant `pnpm dev` seeds
    let serverUrl = benchEnv.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const databaseUrl = await createScratchDatabase(serverUrl, 'prood_page_bench').catch(
      async (error: unknown) => {
        if (benchEnv.DATABASE_URL) throw error;
        // no Postgres on 5432 (a fresh clone): the embedded one, as `pnpm dev` would
        console.log(`${serverUrl} does not answer; starting an embedded Postgres`);
        const { startEmbeddedPostgres } = await import('@prood/db/embedded');
        const embedded = await startEmbeddedPostgres({
          dataDir: join(tmp, 'postgres'),
          port: await freePort(),
          database: 'postgres',
        });
        cleanups.push(() => embedded.stop());
        serverUrl = embedded.url;
        return createScratchDatabase(serverUrl, 'prood_page_bench');
      },
    );
    cleanups.push(() => dropScratchDatabase(databaseUrl));
    await migrateDatabase(databaseUrl);
    await seedDemoTenant(databaseUrl, secrets);

    // --- builds: what `next start` serves must be the code in this checkout
    const builds: string[] = [];
    for (const app of [API_APP, CHECKOUT_APP]) {
      const name = app.split('/').pop() ?? app;
      if (benchEnv.BENCH_SKIP_BUILD) {
        builds.push(`${name}: reused`);
        continue;
      }
      process.stdout.write(`next build apps/${name} … `);
      const ms = await runCommand({
        name: `next build apps/${name}`,
        command: 'pnpm',
        args: ['run', 'build'],
        cwd: app,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        logFile: join(tmp, `build-${name}.log`),
        timeoutMs: 600_000,
        onStart: (proc) => servers.push(proc),
      });
      console.log(`${(ms / 1000).toFixed(1)} s`);
      builds.push(`${name} ${(ms / 1000).toFixed(1)} s`);
    }

    // --- servers: the checkout app under test and the API that creates its session
    const [apiPort, checkoutPort] = [await freePort(), await freePort()];
    const checkoutUrl = `http://127.0.0.1:${checkoutPort}`;
    const appEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: databaseUrl,
      CHECKOUT_API_SECRET: secrets.checkoutApiSecret,
      CREDENTIALS_ENCRYPTION_KEYS: secrets.credentialsEncryptionKeys,
      BETTER_AUTH_SECRET: secrets.betterAuthSecret,
      CHECKOUT_URL: checkoutUrl,
      COMMERCE_API_URL: `http://127.0.0.1:${apiPort}`,
      LOG_LEVEL: benchEnv.BENCH_LOG_LEVEL,
      PROOD_DATA_DIR: tmp,
      // the embedded default's session store (no server), as `pnpm start` uses it
      CHECKOUT_SESSION_STORE: 'sqlite',
      CHECKOUT_SESSION_DB: join(tmp, 'sessions.sqlite'),
    };
    const nextBin = createRequire(join(CHECKOUT_APP, 'package.json')).resolve('next/dist/bin/next');
    for (const [name, cwd, port] of [
      ['checkout', CHECKOUT_APP, checkoutPort],
      ['api', API_APP, apiPort],
    ] as const) {
      const network = ['--port', String(port), '--hostname', '127.0.0.1'];
      const server = startProcess({
        name,
        command: process.execPath,
        // both as \`pnpm start\` runs them: the app's own server in front of Next.js
        args: ['--import', 'tsx', 'src/main.ts', 'start', ...network],
        cwd,
        env: appEnv,
        logFile: join(tmp, `${name}.log`),
      });
      servers.push(server);
      cleanups.push(() => server.stop());
      await waitForHttp(server, `http://127.0.0.1:${port}/health`);
    }

    // --- the session: a storefront order shipped to Berlin, checkout started through the API
    const api = `http://127.0.0.1:${apiPort}`;
    const products = (await (
      await fetch(`${api}/v1/products`, {
        headers: { authorization: `Bearer ${secrets.demoApiKey}` },
      })
    ).json()) as { data: Array<{ name: string; prices: Array<{ id: string }> }> };
    const priceOf = (name: RegExp) => products.data.find((p) => name.test(p.name))?.prices[0]?.id;
    const order = await postJson(`${api}/v1/orders`, secrets.demoApiKey, {
      items: [
        { priceId: priceOf(/Ethiopia/), quantity: 2 },
        { priceId: priceOf(/House Blend/), quantity: 1 },
      ],
      customer: {
        name: 'Ada Shopper',
        email: 'ada@example.com',
        address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
      fulfillment: { method: 'shipping' },
      couponCode: 'WELCOME10',
      returnUrl: 'http://localhost:3000/thanks',
    });
    const checkout = await postJson(
      `${api}/v1/orders/${String(order.id)}/checkout`,
      secrets.demoApiKey,
      {},
    );
    const pageUrl = `${checkoutUrl}/c/${String(checkout.sessionId)}`;
    const staticUrl = `${checkoutUrl}/`;
    // the page measured is the real one: the order's lines and the card form are in it
    const html = await (await fetch(pageUrl)).text();
    for (const expected of ['Single Origin Ethiopia', 'WELCOME10', 'data-testid="pay"']) {
      if (!html.includes(expected)) throw new Error(`the checkout page lacks ${expected}`);
    }

    const targets = [
      { name: 'static page /', url: staticUrl },
      { name: 'checkout page /c/{id}', url: pageUrl },
    ];
    for (const target of targets) await ttfb(target.url, 16, WARMUP_SECONDS);
    const rows: Array<{ c: number; page: Measurement; base: Measurement }> = [];
    for (const c of CONCURRENCY) {
      const base = await ttfb(staticUrl, c, DURATION);
      const page = await ttfb(pageUrl, c, DURATION);
      rows.push({ c, page, base });
      console.log(
        `c=${c}: page p50 ${page.p50.toFixed(2)} ms, static p50 ${base.p50.toFixed(2)} ms`,
      );
    }

    // --- report
    const md: string[] = [
      `Checkout page TTFB — ${DURATION} s per measurement after a ${WARMUP_SECONDS} s warm-up, node:http keep-alive, loopback; ratio = page ÷ static\n`,
    ];
    const header = [
      'concurrency',
      'page p50',
      'page p99',
      'page req/s',
      'static p50',
      'static p99',
      'static req/s',
      'p50 ratio',
      'p99 ratio',
      'check',
    ];
    md.push(
      `| ${header.join(' | ')} |\n|${header.map((_, i) => (i === header.length - 1 ? '---' : '---:')).join('|')}|`,
    );
    const checkOf = (r: (typeof rows)[number]) =>
      r.page.failures + r.base.failures === 0
        ? `ok: ${r.page.ok} + ${r.base.ok} × 200`
        : `FAILED: page ${r.page.failures}, static ${r.base.failures} (${r.page.firstFailure ?? r.base.firstFailure})`;
    for (const r of rows) {
      const { c, page, base } = r;
      md.push(
        `| ${[
          c,
          `${page.p50.toFixed(2)} ms`,
          `${page.p99.toFixed(2)} ms`,
          page.rps.toFixed(0),
          `${base.p50.toFixed(2)} ms`,
          `${base.p99.toFixed(2)} ms`,
          base.rps.toFixed(0),
          `${(page.p50 / base.p50).toFixed(2)}×`,
          `${(page.p99 / base.p99).toFixed(2)}×`,
          checkOf(r),
        ].join(' | ')} |`,
      );
    }
    const goals: GoalResult[] = [];
    const atGoal = rows.find((r) => r.c === GOAL.atConcurrency);
    if (atGoal) {
      const ratio = atGoal.page.p50 / atGoal.base.p50;
      const met =
        rows.every((r) => r.page.p50 / r.base.p50 <= GOAL.p50Ratio) && atGoal.page.p99 < GOAL.p99Ms;
      const goal = `p50 ≤ ${GOAL.p50Ratio}× static at every concurrency, p99 < ${GOAL.p99Ms} ms at c=${GOAL.atConcurrency}`;
      const measured = `p50 ${rows.map((r) => `c=${r.c} ${(r.page.p50 / r.base.p50).toFixed(2)}×`).join(', ')}; p99 ${atGoal.page.p99.toFixed(1)} ms at c=${GOAL.atConcurrency}`;
      md.push(
        `\n- goal (${goal}): ${met ? 'MET' : 'NOT MET'} (c=${GOAL.atConcurrency}: p50 ratio ${ratio.toFixed(2)}×, p99 ${atGoal.page.p99.toFixed(1)} ms)`,
      );
      goals.push({
        id: 'checkout page TTFB',
        goal,
        measured,
        met: met && rows.every((r) => r.page.failures + r.base.failures === 0),
      });
    }
    md.push(
      [
        `- both pages: apps/checkout as \`pnpm start\` serves it (its own server, pages through Next.js ${createRequire(nextBin)('../../package.json').version}), same proxy (nonce CSP) and layout; the session store is the embedded default (sqlite), Postgres for order and tenant.`,
        `- Node ${process.version}, ${availableParallelism()} CPUs shared by the load loop, both servers and Postgres.`,
        `- builds: ${builds.join(', ')}; whole run ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`,
      ].join('\n'),
    );
    console.log(`\n${md.join('\n')}`);
    writeReportSection('page', md.join('\n'));
    const ttfbSeries: Series = {
      id: 'checkout-page',
      title: 'Checkout page /c/{id} TTFB beside a static page of the same server',
      xLabel: 'concurrency',
      unit: 'req/s',
      rawLabel: 'static page /',
      points: rows.map((r) => ({
        x: r.c,
        prood: { throughput: r.page.rps, p50: r.page.p50, p99: r.page.p99 },
        raw: { throughput: r.base.rps, p50: r.base.p50, p99: r.base.p99 },
        check: checkOf(r),
        checkOk: r.page.failures + r.base.failures === 0,
      })),
    };
    writeResults({ section: 'page', series: [ttfbSeries], goals });
    const failed = rows.flatMap((r) =>
      (['page', 'base'] as const)
        .filter((k) => r[k].failures > 0)
        .map((k) => `c=${r.c} ${k}: ${r[k].failures} failed, first: ${r[k].firstFailure}`),
    );
    if (failed.length > 0) {
      console.error(`\nFAILED requests — the figures above are not valid:\n${failed.join('\n')}`);
      for (const server of servers)
        console.error(`\n--- ${server.name}\n${logTail(server.logFile, 15)}`);
      return 1;
    }
    return 0;
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
