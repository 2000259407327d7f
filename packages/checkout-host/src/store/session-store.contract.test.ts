import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckoutSession, type PaymentProvider } from '@prood/checkout';
import { startUpstashBridge, type UpstashBridge } from '@prood/upstash-bridge';
import { newId } from '@prood/validators';
import { redisUrlOrSkip } from '@prood/vitest-config/env';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckoutHostError, SessionConflictError, SessionNotFoundError } from '../errors';
import {
  createCheckoutSession,
  createPaymentLink,
  createStartedCheckoutSession,
  loadAndHydrate,
  loadSession,
  saveSession,
  sweepExpiredSessions,
} from '../sessions';
import { createMemorySessionStore } from './memory-store';
import { createSqliteSessionStore } from './sqlite-store';
import type { ExpiredSession, SessionStore } from './types';
import { createUpstashSessionStore } from './upstash-store';

const redisUrl = redisUrlOrSkip('checkout-host Upstash session store (through the bridge)');

const sandbox = { id: 'sandbox', mode: 'test' } as unknown as PaymentProvider;
const resolve = async () => sandbox;

function orderInput(overrides: Record<string, unknown> = {}) {
  return {
    orderId: 'ord_1',
    amount: 9999,
    currency: 'EUR',
    tenantId: 'org_contract',
    returnUrl: 'https://shop.example/thanks',
    customerInfo: { email: 'shopper@example.com' },
    fulfillment: 'digital' as const,
    provider: 'sandbox' as const,
    ...overrides,
  };
}

interface Harness {
  store: SessionStore;
  /** Inspect the real key (Upstash only): TTL in seconds. */
  ttlSeconds?: (id: string) => Promise<number>;
  close(): Promise<void>;
}

// [name, factory, enabled, inspects the real Redis key]
const harnesses: Array<[string, () => Promise<Harness>, boolean, boolean]> = [
  [
    'memory',
    async () => ({ store: createMemorySessionStore(), close: async () => {} }),
    true,
    false,
  ],
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'prood-sessions-'));
      const store = createSqliteSessionStore({ path: join(dir, 'sessions.sqlite') });
      return {
        store,
        close: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    true,
    false,
  ],
  [
    'upstash (bridge → real Redis)',
    async () => {
      const bridge: UpstashBridge = await startUpstashBridge({
        redisUrl: redisUrl ?? '',
        token: 'contract-token',
      });
      const indexKey = `checkout:test-index:${crypto.randomUUID()}`;
      const raw = new IORedis(redisUrl ?? '');
      return {
        store: createUpstashSessionStore({ url: bridge.url, token: bridge.token, indexKey }),
        ttlSeconds: (id) => raw.ttl(`checkout:session:${id}`),
        close: async () => {
          await raw.del(indexKey, `${indexKey}:meta`);
          raw.disconnect();
          await bridge.close();
        },
      };
    },
    Boolean(redisUrl),
    true,
  ],
];

describe.each(harnesses)('session store contract: %s', (_name, make, enabled, realKey) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await make();
  });
  afterAll(async () => {
    if (enabled) await h.close();
  });

  it.skipIf(!enabled)('creates, loads and hydrates a session (version 1)', async () => {
    const created = await createCheckoutSession(orderInput(), { store: h.store });
    expect(created.id).toMatch(/^cs_[0-9A-Za-z]{22}$/);
    expect(created.url).toMatch(new RegExp(`/c/${created.id}$`));
    const snapshot = await loadSession(created.id, { store: h.store });
    expect(snapshot).toMatchObject({
      id: created.id,
      version: 1,
      state: 'idle',
      amount: 9999,
      currency: 'EUR',
      kind: 'order',
    });
    const session = await loadAndHydrate(created.id, resolve, { store: h.store });
    expect(session.provider).toBe(sandbox);
    expect(session.toSnapshot()).toEqual(snapshot);
    expect(await loadSession('cs_0000000000000000000000', { store: h.store })).toBeNull();
    await expect(
      loadAndHydrate('cs_0000000000000000000000', resolve, { store: h.store }),
    ).rejects.toBeInstanceOf(SessionNotFoundError);
  });

  it.skipIf(!enabled)('saves after each step, incrementing the version', async () => {
    const { id } = await createCheckoutSession(orderInput(), { store: h.store });
    const session = await loadAndHydrate(id, resolve, { store: h.store });
    session.start();
    const saved = await saveSession(id, session.toSnapshot(), { store: h.store });
    expect(saved.version).toBe(2);
    session.markSaved(saved.version);
    session.submitInfo({ name: 'Ada' });
    await saveSession(id, session.toSnapshot(), { store: h.store });
    const again = await loadSession(id, { store: h.store });
    expect(again?.version).toBe(3);
    expect(again?.state).toBe('payment');
    expect(again?.customerInfo.name).toBe('Ada');
  });

  it.skipIf(!enabled)('creates a session already started, in one write', async () => {
    const created = await createStartedCheckoutSession(orderInput({ expiresIn: 60 }), {
      store: h.store,
    });
    expect(created.snapshot).toMatchObject({ id: created.id, version: 1, state: 'info' });
    expect(created.snapshot.history.map((step) => step.event)).toEqual(['start']);
    expect(await loadSession(created.id, { store: h.store })).toEqual(created.snapshot);
    // it continues like any saved session: the next save is version 2, a stale one conflicts
    const session = await loadAndHydrate(created.id, resolve, { store: h.store });
    session.submitInfo({ name: 'Ada' });
    expect((await saveSession(created.id, session.toSnapshot(), { store: h.store })).version).toBe(
      2,
    );
    await expect(
      saveSession(created.id, created.snapshot, { store: h.store }),
    ).rejects.toBeInstanceOf(SessionConflictError);
    // unpaid, so the sweep reports it once it has expired
    const seen: string[] = [];
    await sweepExpiredSessions({
      store: h.store,
      now: () => new Date(Date.now() + 61_000),
      onExpired: (s) => void seen.push(s.id),
    });
    expect(seen).toContain(created.id);
  });

  it.skipIf(!enabled)(
    'refuses a provider that is not the stored one, and a corrupt snapshot',
    async () => {
      const { id } = await createCheckoutSession(orderInput(), { store: h.store });
      const stripe = { id: 'stripe', mode: 'test' } as unknown as PaymentProvider;
      await expect(
        loadAndHydrate(id, async () => stripe, { store: h.store }),
      ).rejects.toMatchObject({
        code: 'provider_mismatch',
      });
      const snapshot = await loadSession(id, { store: h.store });
      if (!snapshot) throw new Error('session vanished');
      const [invalid, unparsable] = [newId('checkoutSession'), newId('checkoutSession')];
      const write = { version: 1, ttlMs: 60_000, expiry: null };
      const json = JSON.stringify({ ...snapshot, id: invalid, amount: 'x' });
      expect(await h.store.create({ ...write, id: invalid, json })).toBe(true);
      expect(await h.store.create({ ...write, id: unparsable, json: '{not json' })).toBe(true);
      for (const bad of [invalid, unparsable]) {
        const error = await loadAndHydrate(bad, resolve, { store: h.store }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CheckoutHostError);
        expect(error).toMatchObject({ code: 'session_corrupt' });
      }
    },
  );

  it.skipIf(!enabled)('lets exactly one of many concurrent saves of a version win', async () => {
    const { id } = await createCheckoutSession(orderInput(), { store: h.store });
    const base = await loadSession(id, { store: h.store });
    if (!base) throw new Error('session vanished');
    const attempts = Array.from({ length: 12 }, (_, i) => {
      const s = CheckoutSession.hydrate(base)
        .start()
        .submitInfo({ name: `writer-${i}` });
      return saveSession(id, s.toSnapshot(), { store: h.store });
    });
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const r of lost)
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SessionConflictError);
    const stored = await loadSession(id, { store: h.store });
    expect(stored?.version).toBe(2);
    const winner = (won[0] as PromiseFulfilledResult<{ customerInfo: { name: string | null } }>)
      .value;
    expect(stored?.customerInfo.name).toBe(winner.customerInfo.name);
    // the loser reloads and succeeds on the new version
    const reloaded = await loadAndHydrate(id, resolve, { store: h.store });
    reloaded.markFailed();
    expect((await saveSession(id, reloaded.toSnapshot(), { store: h.store })).version).toBe(3);
  });

  it.skipIf(!enabled)(
    'reads as expired once expiresAt has passed, though the key exists',
    async () => {
      const { id } = await createCheckoutSession(orderInput({ expiresIn: 120 }), {
        store: h.store,
      });
      const later = () => new Date(Date.now() + 121_000);
      const session = await loadAndHydrate(id, resolve, { store: h.store, now: later });
      expect(await loadSession(id, { store: h.store })).not.toBeNull();
      expect(session.state).toBe('expired');
      expect(session.status).toBe('expired');
      expect(session.paymentStatus).toBe('unpaid');
    },
  );

  it.skipIf(!enabled)(
    'stores payment links under cs_link_ with a 24 h default lifetime',
    async () => {
      const before = Date.now();
      const link = await createPaymentLink(
        { amount: 2500, currency: 'JPY', tenantId: 'org_contract', description: 'Deposit' },
        { store: h.store },
      );
      expect(link.id).toMatch(/^cs_link_[0-9A-Za-z]{22}$/);
      const expiresIn = link.expiresAt.getTime() - before;
      expect(expiresIn).toBeGreaterThan(24 * 3600_000 - 5000);
      expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000 + 5000);
      let called = false;
      const session = await loadAndHydrate(
        link.id,
        () => {
          called = true;
          return sandbox;
        },
        { store: h.store },
      );
      expect(called).toBe(false);
      expect(session.toSnapshot()).toMatchObject({
        kind: 'payment_link',
        orderId: null,
        provider: null,
      });
      expect(session.toSnapshot().returnUrl).toBe(`${link.url}/success`);
      if (h.ttlSeconds) {
        const ttl = await h.ttlSeconds(link.id);
        expect(ttl).toBeGreaterThan(24 * 3600 - 10);
        expect(ttl).toBeLessThanOrEqual(24 * 3600);
      }
    },
  );

  it.skipIf(!enabled)(
    'reports each expired unpaid session exactly once, never a paid one',
    async () => {
      const created = await Promise.all(
        [1, 2, 3].map(() =>
          createCheckoutSession(orderInput({ expiresIn: 60 }), { store: h.store }),
        ),
      );
      const [paid, unpaidA, unpaidB] = created.map((c) => c.id);
      const session = await loadAndHydrate(paid ?? '', resolve, { store: h.store });
      session.start().submitInfo({}).markSucceeded();
      await saveSession(session.id, session.toSnapshot(), { store: h.store });

      const later = () => new Date(Date.now() + 61_000);
      const seen: ExpiredSession[] = [];
      // two sweepers at once must not share an entry
      const [a, b] = await Promise.all([
        sweepExpiredSessions({ store: h.store, now: later, onExpired: (s) => void seen.push(s) }),
        sweepExpiredSessions({ store: h.store, now: later, onExpired: (s) => void seen.push(s) }),
      ]);
      const mine = seen.filter((s) => created.some((c) => c.id === s.id)).map((s) => s.id);
      expect(mine.sort()).toEqual([unpaidA, unpaidB].sort());
      expect((a?.reported ?? 0) + (b?.reported ?? 0)).toBe(seen.length);
      expect(seen.find((s) => s.id === unpaidA)).toMatchObject({
        tenantId: 'org_contract',
        orderId: 'ord_1',
        kind: 'order',
        state: 'idle',
      });
      const again: string[] = [];
      await sweepExpiredSessions({
        store: h.store,
        now: later,
        onExpired: (s) => void again.push(s.id),
      });
      expect(again.filter((id) => created.some((c) => c.id === id))).toEqual([]);
    },
  );

  it.skipIf(!enabled)(
    'never reports a session whose payment is in progress as abandoned (issue 12, defect 3)',
    async () => {
      const [confirming, idle] = await Promise.all(
        [1, 2].map(() => createCheckoutSession(orderInput({ expiresIn: 60 }), { store: h.store })),
      );
      const session = await loadAndHydrate(confirming?.id ?? '', resolve, { store: h.store });
      session.start().submitInfo({}).submitPayment({ providerSessionId: 'sbx_cs_async' });
      expect(session.state).toBe('confirming');
      await saveSession(session.id, session.toSnapshot(), { store: h.store });

      const later = () => new Date(Date.now() + 61_000);
      const seen: string[] = [];
      await sweepExpiredSessions({
        store: h.store,
        now: later,
        onExpired: (s) => void seen.push(s.id),
      });
      expect(seen).toContain(idle?.id);
      expect(seen).not.toContain(confirming?.id);

      // the provider's verdict settles it: a decline reopens the session, which can expire again
      const failed = await loadAndHydrate(confirming?.id ?? '', resolve, { store: h.store });
      failed.markFailed();
      await saveSession(failed.id, failed.toSnapshot(), { store: h.store });
      const afterDecline: string[] = [];
      await sweepExpiredSessions({
        store: h.store,
        now: later,
        onExpired: (s) => void afterDecline.push(s.id),
      });
      expect(afterDecline).toContain(confirming?.id);
    },
  );

  it.skipIf(!enabled)(
    'offers a session again after its lease when the handler failed',
    async () => {
      const { id } = await createCheckoutSession(orderInput({ expiresIn: 60 }), { store: h.store });
      const t1 = Date.now() + 61_000;
      const first = await sweepExpiredSessions({
        store: h.store,
        now: () => new Date(t1),
        leaseMs: 10_000,
        onExpired: (s) => {
          if (s.id === id) throw new Error('API down');
        },
      });
      expect(first.failed).toBeGreaterThanOrEqual(1);
      const during: string[] = [];
      await sweepExpiredSessions({
        store: h.store,
        now: () => new Date(t1 + 5_000),
        onExpired: (s) => void during.push(s.id),
      });
      expect(during).not.toContain(id);
      const after: string[] = [];
      await sweepExpiredSessions({
        store: h.store,
        now: () => new Date(t1 + 11_000),
        onExpired: (s) => void after.push(s.id),
      });
      expect(after).toContain(id);
    },
  );

  // only a real Redis has a key whose TTL can be read back
  if (realKey) {
    it.skipIf(!enabled)(
      'sets the real key checkout:session:{id} with TTL = expiresIn',
      async () => {
        const { id } = await createCheckoutSession(orderInput({ expiresIn: 600 }), {
          store: h.store,
        });
        const ttl = await h.ttlSeconds?.(id);
        expect(ttl).toBeGreaterThan(590);
        expect(ttl).toBeLessThanOrEqual(600);
        const defaultTtl = await createCheckoutSession(orderInput(), { store: h.store });
        const ttl30 = await h.ttlSeconds?.(defaultTtl.id);
        expect(ttl30).toBeGreaterThan(30 * 60 - 10);
        expect(ttl30).toBeLessThanOrEqual(30 * 60);
      },
    );
  }
});
