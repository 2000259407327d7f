/**
 * Session store benchmark: create+save and load+hydrate through the Upstash REST bridge on a
 * local Redis, beside raw ioredis SET/GET of the same payload on the same Redis, in one run.
 * The goal (issue 13) is each path ≤ 1.3× one SET/GET over the same transport (the bridge).
 * Usage: REDIS_URL=redis://127.0.0.1:6379 pnpm --filter @prood/checkout-host bench
 */
import { randomUUID } from 'node:crypto';
import type { PaymentProvider } from '@prood/checkout';
import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';
import { startUpstashBridge } from '@prood/upstash-bridge';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import {
  createCheckoutSession,
  createStartedCheckoutSession,
  createUpstashSessionStore,
  loadAndHydrate,
  loadSession,
  saveSession,
} from '../src/index';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 2000);
const WARMUP = 200;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

interface Row {
  name: string;
  p50: number;
  p99: number;
  opsPerSec: number;
}

async function measure(name: string, op: (i: number) => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < WARMUP; i += 1) await op(-1 - i);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i += 1) {
    const t = performance.now();
    await op(i);
    samples.push(performance.now() - t);
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    name,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    opsPerSec: (ITERATIONS / total) * 1000,
  };
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
  const ids: string[] = [];

  const rows: Row[] = [];
  rows.push(
    await measure('raw ioredis SET (PX)', (i) =>
      raw.set(`${rawPrefix}${i}`, payload, 'PX', 1_800_000),
    ),
  );
  rows.push(await measure('raw ioredis GET', (i) => raw.get(`${rawPrefix}${Math.max(0, i)}`)));
  rows.push(
    await measure('bridge @upstash/redis SET', (i) =>
      upstash.set(`${rawPrefix}u${i}`, payload, { px: 1_800_000 }),
    ),
  );
  rows.push(
    await measure('bridge @upstash/redis GET', (i) =>
      upstash.get(`${rawPrefix}u${Math.max(0, i)}`),
    ),
  );
  rows.push(
    await measure('createCheckoutSession', async () => {
      const { id } = await createCheckoutSession(input, { store });
      ids.push(id);
    }),
  );
  rows.push(
    await measure('create+start (one script)', async () => {
      const { snapshot } = await createStartedCheckoutSession(input, { store });
      if (snapshot.state !== 'info' || snapshot.version !== 1) throw new Error('not started');
    }),
  );
  // the CAS save alone: each op saves a started snapshot of a session created above
  const toSave: Array<[string, CheckoutSnapshot]> = [];
  for (const id of ids) {
    const stored = await loadSession(id, { store });
    if (stored) toSave.push([id, CheckoutSession.hydrate(stored).start().toSnapshot()]);
  }
  let saves = 0;
  rows.push(
    await measure('CAS save (one script)', async () => {
      const [id, snapshot] = toSave[saves % toSave.length] ?? [];
      saves += 1;
      if (!id || !snapshot) throw new Error('nothing to save');
      await saveSession(id, snapshot, { store });
    }),
  );
  let cursor = 0;
  rows.push(
    await measure('create+save (create, start, CAS save)', async () => {
      const { id } = await createCheckoutSession(input, { store });
      const session = await loadAndHydrate(id, () => sandbox, { store });
      session.start();
      await saveSession(id, session.toSnapshot(), { store });
    }),
  );
  rows.push(
    await measure('load+hydrate', async () => {
      const id = ids[cursor % ids.length] ?? sample.id;
      cursor += 1;
      await loadAndHydrate(id, () => sandbox, { store });
    }),
  );

  const byName = new Map(rows.map((row) => [row.name, row]));
  const [rawSet, rawGet] = [byName.get('raw ioredis SET (PX)'), byName.get('raw ioredis GET')];
  const [bridgeSet, bridgeGet] = [
    byName.get('bridge @upstash/redis SET'),
    byName.get('bridge @upstash/redis GET'),
  ];
  // [raw baseline, same-transport baseline, round trips]; the goal reads the bridge column
  const bases: Record<string, [Row | undefined, Row | undefined, string]> = {
    'bridge @upstash/redis SET': [rawSet, undefined, 'SET'],
    'bridge @upstash/redis GET': [rawGet, undefined, 'GET'],
    createCheckoutSession: [rawSet, bridgeSet, 'SET'],
    'create+start (one script)': [rawSet, bridgeSet, 'SET'],
    'CAS save (one script)': [rawSet, bridgeSet, 'SET'],
    'create+save (create, start, CAS save)': [rawSet, bridgeSet, 'SET'],
    'load+hydrate': [rawGet, bridgeGet, 'GET'],
  };
  console.log(
    `\nSession store benchmark — ${ITERATIONS} sequential ops each after ${WARMUP} warm-up, payload ${Buffer.byteLength(payload)} bytes, Redis ${REDIS_URL}, bridge ${bridge.url}\n`,
  );
  const header = [
    'operation',
    'p50 ms',
    'p99 ms',
    'ops/s',
    'p50 × raw',
    'p50 × bridge (goal ≤ 1.3)',
  ];
  const ratio = (row: Row, base: Row | undefined, op: string) =>
    base ? `${(row.p50 / base.p50).toFixed(2)}× ${op}` : '';
  const lines = rows.map((row) => {
    const [raw, bridged, op] = bases[row.name] ?? [undefined, undefined, ''];
    return [
      row.name,
      row.p50.toFixed(3),
      row.p99.toFixed(3),
      row.opsPerSec.toFixed(0),
      raw ? ratio(row, raw, op) : '1.0 (baseline)',
      ratio(row, bridged, op),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? '').length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const line of lines) console.log(fmt(line));

  // leave the shared Redis as we found it
  const rawKeys = await raw.keys(`${rawPrefix}*`);
  const sessionKeys = await raw.keys('checkout:session:cs_*');
  const benchKeys = [];
  for (const key of sessionKeys) {
    const value = await raw.get(key);
    if (value?.includes('"tenantId":"org_bench"')) benchKeys.push(key);
  }
  for (const batch of [rawKeys, benchKeys, [indexKey, `${indexKey}:meta`]]) {
    for (let i = 0; i < batch.length; i += 500) await raw.del(...batch.slice(i, i + 500));
  }
  raw.disconnect();
  await bridge.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
