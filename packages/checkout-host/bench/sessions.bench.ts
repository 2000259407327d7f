/**
 * Session store benchmark: create+save and load+hydrate through the Upstash REST bridge on a
 * local Redis, beside raw ioredis SET/GET of the same payload on the same Redis, in one run, at
 * each concurrency of a list (ops in flight; each op awaited by its own caller).
 * The goal (issue 13, B3) is each one-script path ≤ 1.3× one SET/GET over the same transport
 * (the bridge), read at concurrency 1: one round trip each.
 * Usage: REDIS_URL=redis://127.0.0.1:6379 pnpm --filter @prood/checkout-host bench
 *   BENCH_ITERATIONS            timed ops per operation and concurrency (default 2000)
 *   BENCH_SESSION_CONCURRENCY   ops in flight, a list (default 1,16; the goal reads c=1)
 */
import { randomUUID } from 'node:crypto';
import {
  type GoalResult,
  type Point,
  type Series,
  writeReportSection,
  writeResults,
} from '@prood/bench-report';
import type { PaymentProvider } from '@prood/checkout';
import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';
import { startUpstashBridge } from '@prood/upstash-bridge';
import { createEnv } from '@t3-oss/env-core';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { z } from 'zod';
import {
  createCheckoutSession,
  createStartedCheckoutSession,
  createUpstashSessionStore,
  loadAndHydrate,
  loadSession,
  saveSession,
} from '../src/index';

/** This script's knobs; the only place in it that reads process.env. */
const env = createEnv({
  server: {
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    BENCH_ITERATIONS: z.coerce.number().int().min(20).max(100_000).default(2000),
    BENCH_SESSION_CONCURRENCY: z
      .string()
      .default('1,16')
      .transform((value) => value.split(',').map((n) => Number(n.trim())))
      .pipe(z.array(z.number().int().min(1).max(256)).min(1)),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
const REDIS_URL = env.REDIS_URL;
const ITERATIONS = env.BENCH_ITERATIONS;
const CONCURRENCIES = env.BENCH_SESSION_CONCURRENCY;
const WARMUP = 200;
/** B3 is about round trips: it reads the sequential figures. */
const GOAL_CONCURRENCY = 1;
const B3_MAX_RATIO = 1.3;

const RAW_SET = 'raw ioredis SET (PX)';
const RAW_GET = 'raw ioredis GET';
const BRIDGE_SET = 'bridge @upstash/redis SET';
const BRIDGE_GET = 'bridge @upstash/redis GET';
/** The one-script paths B3 judges, each against the bridge op of its kind. */
const B3_PATHS = [
  { name: 'create+start (one script)', base: BRIDGE_SET, op: 'SET', id: 'create-start' },
  { name: 'CAS save (one script)', base: BRIDGE_SET, op: 'SET', id: 'cas-save' },
  { name: 'load+hydrate', base: BRIDGE_GET, op: 'GET', id: 'load-hydrate' },
] as const;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

interface Row {
  name: string;
  concurrency: number;
  p50: number;
  p99: number;
  opsPerSec: number;
}

/**
 * WARMUP ops one after another (i < 0), then ITERATIONS ops (i = 0 … ITERATIONS-1) shared by
 * `concurrency` callers, each op timed from call to settled.
 */
async function measure(
  name: string,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<Row> {
  for (let i = 0; i < WARMUP; i += 1) await op(-1 - i);
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < ITERATIONS; i = next++) {
        const t = performance.now();
        await op(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    opsPerSec: (ITERATIONS / total) * 1000,
  };
}

/** The figures as one series per B3 path (prood beside the bridge op), and the B3 goal. */
function sessionResults(rows: Row[]): { series: Series[]; goals: GoalResult[] } {
  const find = (name: string, c: number) =>
    rows.find((r) => r.name === name && r.concurrency === c);
  const figure = (r: Row) => ({ throughput: r.opsPerSec, p50: r.p50, p99: r.p99 });
  const series = B3_PATHS.map(
    (path): Series => ({
      id: path.id,
      title: `B3 ${path.name} beside one bridge ${path.op}`,
      xLabel: 'concurrency',
      unit: 'ops/s',
      rawLabel: `bridge ${path.op}`,
      points: CONCURRENCIES.flatMap((c): Point[] => {
        const row = find(path.name, c);
        const base = find(path.base, c);
        if (!row) return [];
        return [
          {
            x: c,
            prood: figure(row),
            raw: base ? figure(base) : null,
            // every op is awaited and checked by its own call: a failed op throws the run
            check: `ok: ${ITERATIONS} ops settled, none threw`,
            checkOk: true,
          },
        ];
      }),
    }),
  );
  const ratios = B3_PATHS.map((path) => {
    const row = find(path.name, GOAL_CONCURRENCY);
    const base = find(path.base, GOAL_CONCURRENCY);
    return { ...path, ratio: row && base ? row.p50 / base.p50 : Number.NaN };
  });
  const goal: GoalResult = {
    id: 'B3 session one-script paths',
    goal: `create+start, CAS save, load+hydrate each ≤ ${B3_MAX_RATIO}× a bridge SET/GET (p50, c=${GOAL_CONCURRENCY})`,
    measured: ratios.map((r) => `${r.name} ${r.ratio.toFixed(2)}× ${r.op}`).join(', '),
    met: ratios.every((r) => r.ratio <= B3_MAX_RATIO),
  };
  return { series, goals: [goal] };
}

async function main() {
  const bridge = await startUpstashBridge({ redisUrl: REDIS_URL, token: randomUUID() });
  const raw = new IORedis(REDIS_URL);
  const upstash = new UpstashRedis({
    url: bridge.url,
    token: bridge.token,
    automaticDeserialization: false,
    enableTelemetry: false,
  });
  const indexKey = `checkout:bench-index:${randomUUID()}`;
  const store = createUpstashSessionStore({ url: bridge.url, token: bridge.token, indexKey });
  const sandbox = { id: 'sandbox', mode: 'test' } as unknown as PaymentProvider;
  const input = {
    orderId: 'ord_bench',
    amount: 9999,
    currency: 'EUR',
    tenantId: 'org_bench',
    returnUrl: 'https://shop.example/thanks',
    customerInfo: { email: 'shopper@example.com', name: 'Bench Shopper' },
    fulfillment: 'shipping' as const,
    provider: 'sandbox' as const,
  };

  // the payload every raw op writes: one real snapshot as stored
  const sample = await createCheckoutSession(input, { store });
  const payload = JSON.stringify(await loadSession(sample.id, { store }));
  const rawPrefix = `bench:raw:${randomUUID()}:`;

  const rows: Row[] = [];
  for (const c of CONCURRENCIES) {
    const ids: string[] = [];
    const key = (i: number) => `${rawPrefix}c${c}:${Math.max(0, i)}`;
    rows.push(await measure(RAW_SET, c, (i) => raw.set(key(i), payload, 'PX', 1_800_000)));
    rows.push(await measure(RAW_GET, c, (i) => raw.get(key(i))));
    rows.push(
      await measure(BRIDGE_SET, c, (i) => upstash.set(`u${key(i)}`, payload, { px: 1_800_000 })),
    );
    rows.push(await measure(BRIDGE_GET, c, (i) => upstash.get(`u${key(i)}`)));
    rows.push(
      await measure('createCheckoutSession', c, async () => {
        const { id } = await createCheckoutSession(input, { store });
        ids.push(id);
      }),
    );
    rows.push(
      await measure('create+start (one script)', c, async () => {
        const { snapshot } = await createStartedCheckoutSession(input, { store });
        if (snapshot.state !== 'info' || snapshot.version !== 1) throw new Error('not started');
      }),
    );
    // the CAS save alone: each op saves a started snapshot of a session created above, once
    const toSave: Array<[string, CheckoutSnapshot]> = [];
    for (const id of ids) {
      const stored = await loadSession(id, { store });
      if (stored) toSave.push([id, CheckoutSession.hydrate(stored).start().toSnapshot()]);
    }
    let saves = 0;
    rows.push(
      await measure('CAS save (one script)', c, async () => {
        const [id, snapshot] = toSave[saves] ?? [];
        saves += 1;
        if (!id || !snapshot) throw new Error('nothing to save');
        await saveSession(id, snapshot, { store });
      }),
    );
    rows.push(
      await measure('create+save (create, start, CAS save)', c, async () => {
        const { id } = await createCheckoutSession(input, { store });
        const session = await loadAndHydrate(id, () => sandbox, { store });
        session.start();
        await saveSession(id, session.toSnapshot(), { store });
      }),
    );
    let cursor = 0;
    rows.push(
      await measure('load+hydrate', c, async () => {
        const id = ids[cursor % ids.length] ?? sample.id;
        cursor += 1;
        await loadAndHydrate(id, () => sandbox, { store });
      }),
    );
  }

  // [raw baseline, same-transport baseline, round trips]; the goal reads the bridge column
  const bases: Record<string, [string | undefined, string | undefined, string]> = {
    [BRIDGE_SET]: [RAW_SET, undefined, 'SET'],
    [BRIDGE_GET]: [RAW_GET, undefined, 'GET'],
    createCheckoutSession: [RAW_SET, BRIDGE_SET, 'SET'],
    'create+start (one script)': [RAW_SET, BRIDGE_SET, 'SET'],
    'CAS save (one script)': [RAW_SET, BRIDGE_SET, 'SET'],
    'create+save (create, start, CAS save)': [RAW_SET, BRIDGE_SET, 'SET'],
    'load+hydrate': [RAW_GET, BRIDGE_GET, 'GET'],
  };
  const title = `Session store benchmark — ${ITERATIONS} ops per operation and concurrency after ${WARMUP} sequential warm-up, payload ${Buffer.byteLength(payload)} bytes, Redis ${REDIS_URL}, Upstash REST bridge on loopback, Node ${process.version}; the goal (B3) reads p50 × bridge at c=${GOAL_CONCURRENCY}: ≤ ${B3_MAX_RATIO}× one SET/GET over the same transport`;
  const header = [
    'operation',
    'concurrency',
    'p50 ms',
    'p99 ms',
    'ops/s',
    'p50 × raw',
    `p50 × bridge (goal ≤ ${B3_MAX_RATIO})`,
  ];
  const ratio = (row: Row, baseName: string | undefined, op: string) => {
    const base = rows.find((r) => r.name === baseName && r.concurrency === row.concurrency);
    return base ? `${(row.p50 / base.p50).toFixed(2)}× ${op}` : '';
  };
  const lines = rows.map((row) => {
    const [rawBase, bridged, op] = bases[row.name] ?? [undefined, undefined, ''];
    return [
      row.name,
      String(row.concurrency),
      row.p50.toFixed(3),
      row.p99.toFixed(3),
      row.opsPerSec.toFixed(0),
      rawBase ? ratio(row, rawBase, op) : '1.0 (baseline)',
      ratio(row, bridged, op),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const table = [fmt(header), rule, ...lines.map(fmt)].join('\n');
  console.log(`\n${title}\n\n${table}`);
  writeReportSection('sessions', `${title}\n\n${table}`);
  writeResults({ section: 'sessions', ...sessionResults(rows) });

  // leave the shared Redis as we found it
  const rawKeys = await raw.keys(`${rawPrefix}*`);
  const bridgeKeys = await raw.keys(`u${rawPrefix}*`);
  const sessionKeys = await raw.keys('checkout:session:cs_*');
  const benchKeys = [];
  for (const key of sessionKeys) {
    const value = await raw.get(key);
    if (value?.includes('"tenantId":"org_bench"')) benchKeys.push(key);
  }
  for (const batch of [rawKeys, bridgeKeys, benchKeys, [indexKey, `${indexKey}:meta`]]) {
    for (let i = 0; i < batch.length; i += 500) await raw.del(...batch.slice(i, i + 500));
  }
  raw.disconnect();
  await bridge.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
