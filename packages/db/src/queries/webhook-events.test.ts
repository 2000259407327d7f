import { newId } from '@prood/validators';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { webhookEvents, webhookRejections } from '../schema';
import { createTestTenant } from '../testing';
import {
  getProviderEvent,
  listProviderEvents,
  listProviderEventTypes,
  MAX_STORED_PAYLOAD_BYTES,
  markWebhookEventApplied,
  pruneWebhookRejections,
  recordWebhookEvent,
  recordWebhookEventFailure,
  recordWebhookRejection,
} from './webhook-events';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(async () => {
  await db.$client.end();
});

const payload = (id: string) => JSON.stringify({ id, type: 'payment.succeeded', data: { n: 1 } });

async function applied(tenantId: string, eventId: string, type = 'payment.succeeded') {
  const handledAt = new Date();
  const stored = await recordWebhookEvent(db, {
    tenantId,
    provider: 'sandbox',
    eventId,
    type,
    normalized: [{ type, orderId: 'ord_x' }],
    rawBody: new TextEncoder().encode(payload(eventId)),
    handledAt,
  });
  if (stored.apply) {
    await markWebhookEventApplied(db, {
      tenantId,
      id: stored.id,
      effects: [{ type, orderId: 'ord_x', outcome: 'paid' }],
      handledAt,
    });
  }
  return stored;
}

describe('provider event log: recording', () => {
  it('stores an event once with its body, and counts each redelivery in the same statement', async () => {
    const t = await createTestTenant(db);
    const first = await applied(t.id, 'evt_sbx_dup');
    expect(first.apply).toBe(true);
    const again = await applied(t.id, 'evt_sbx_dup');
    const third = await applied(t.id, 'evt_sbx_dup');
    expect(again).toEqual({ id: first.id, apply: false });
    expect(third.apply).toBe(false);
    const row = await getProviderEvent(db, { tenantId: t.id, id: first.id });
    expect(row).toMatchObject({
      duplicates: 2,
      payload: payload('evt_sbx_dup'),
      payloadBytes: Buffer.byteLength(payload('evt_sbx_dup')),
      effects: [{ type: 'payment.succeeded', orderId: 'ord_x', outcome: 'paid' }],
      error: null,
    });
    expect(row?.lastReceivedAt).toBeInstanceOf(Date);
  });

  it('keeps no body over 64 KiB, only its size', async () => {
    const t = await createTestTenant(db);
    const big = 'x'.repeat(MAX_STORED_PAYLOAD_BYTES + 1);
    const stored = await recordWebhookEvent(db, {
      tenantId: t.id,
      provider: 'sandbox',
      eventId: 'evt_big',
      type: 'payment.succeeded',
      rawBody: big,
      handledAt: new Date(),
    });
    const row = await getProviderEvent(db, { tenantId: t.id, id: stored.id });
    expect(row).toMatchObject({ payload: null, payloadBytes: MAX_STORED_PAYLOAD_BYTES + 1 });
  });

  it('a failed attempt shows its error; the retry applies it (not a duplicate) and clears it', async () => {
    const t = await createTestTenant(db);
    await recordWebhookEventFailure(db, {
      tenantId: t.id,
      provider: 'sandbox',
      eventId: 'evt_fail',
      type: 'payment.succeeded',
      rawBody: '{}',
      error: 'Error: deadlock detected',
    });
    const failed = await listProviderEvents(db, { tenantId: t.id, result: 'failed', limit: 10 });
    expect(failed.data).toHaveLength(1);
    expect(failed.data[0]).toMatchObject({ kind: 'event', error: 'Error: deadlock detected' });
    const retry = await applied(t.id, 'evt_fail');
    expect(retry.apply).toBe(true);
    const row = await getProviderEvent(db, { tenantId: t.id, id: retry.id });
    expect(row).toMatchObject({ duplicates: 0, error: null });
    expect(row?.handledAt).toBeInstanceOf(Date);
    // a late failure note never overwrites an applied event
    await recordWebhookEventFailure(db, {
      tenantId: t.id,
      provider: 'sandbox',
      eventId: 'evt_fail',
      type: 'payment.succeeded',
      error: 'late',
    });
    expect((await getProviderEvent(db, { tenantId: t.id, id: retry.id }))?.error).toBeNull();
  });

  it('records refused deliveries per minute without a body, only for an existing tenant', async () => {
    const t = await createTestTenant(db);
    for (const bytes of [120, 4000, 300]) {
      await recordWebhookRejection(db, {
        tenantId: t.id,
        provider: 'stripe',
        reason: 'webhook_signature_invalid',
        source: 'checkout',
        bytes,
      });
    }
    await recordWebhookRejection(db, {
      tenantId: t.id,
      provider: 'stripe',
      reason: 'webhook_timestamp_out_of_tolerance',
      source: 'api',
      bytes: 10,
    });
    // an organization that does not exist: nothing stored, no error
    await recordWebhookRejection(db, {
      tenantId: newId('organization'),
      provider: 'stripe',
      reason: 'webhook_signature_invalid',
      source: 'checkout',
      bytes: 1,
    });
    const rows = await db
      .select()
      .from(webhookRejections)
      .where(eq(webhookRejections.tenantId, t.id));
    expect(rows).toHaveLength(2);
    const invalid = rows.find((r) => r.reason === 'webhook_signature_invalid');
    expect(invalid).toMatchObject({ count: 3, maxBytes: 4000, source: 'checkout' });
    // the table has no column that could hold a body
    expect(Object.keys(invalid ?? {}).sort()).toEqual(
      [
        'count',
        'firstAt',
        'id',
        'lastAt',
        'maxBytes',
        'provider',
        'reason',
        'source',
        'tenantId',
        'windowStart',
      ].sort(),
    );
  });

  it('prunes refused deliveries last seen before the cut-off, and only those', async () => {
    const t = await createTestTenant(db);
    await recordWebhookRejection(db, {
      tenantId: t.id,
      provider: 'sandbox',
      reason: 'webhook_signature_invalid',
      source: 'api',
      bytes: 1,
    });
    const [old] = await db
      .insert(webhookRejections)
      .values({
        id: newId('webhookRejection'),
        tenantId: t.id,
        provider: 'sandbox',
        reason: 'webhook_signature_invalid',
        source: 'api',
        windowStart: new Date(Date.now() - 31 * 86_400_000),
        firstAt: new Date(Date.now() - 31 * 86_400_000),
        lastAt: new Date(Date.now() - 31 * 86_400_000),
      })
      .returning();
    const pruned = await pruneWebhookRejections(db, {
      olderThan: new Date(Date.now() - 30 * 86_400_000),
    });
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ id: webhookRejections.id })
      .from(webhookRejections)
      .where(eq(webhookRejections.tenantId, t.id));
    expect(left).toHaveLength(1);
    expect(left[0]?.id).not.toBe(old?.id);
  });
});

describe('provider event log: listing', () => {
  it('lists events and refusals newest first, filters by type and result, pages by keyset, per tenant', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    await applied(a.id, 'evt_1', 'payment.succeeded');
    await applied(a.id, 'evt_2', 'refund.succeeded');
    await applied(a.id, 'evt_2', 'refund.succeeded'); // duplicate
    await applied(a.id, 'evt_3', 'payment.failed');
    await recordWebhookRejection(db, {
      tenantId: a.id,
      provider: 'sandbox',
      reason: 'webhook_signature_invalid',
      source: 'checkout',
      bytes: 50,
    });
    await applied(b.id, 'evt_b', 'payment.succeeded');
    // spread the times so the order is certain
    await db.execute(
      sql`update webhook_events set received_at = now() - (interval '1 minute' * (10 - substring(event_id from 5)::int)) where tenant_id = ${a.id}`,
    );
    await db
      .update(webhookRejections)
      .set({ lastAt: new Date(Date.now() - 30 * 60_000) })
      .where(eq(webhookRejections.tenantId, a.id));

    const all = await listProviderEvents(db, { tenantId: a.id, limit: 10 });
    expect(all.data.map((e) => (e.kind === 'event' ? e.eventId : e.reason))).toEqual([
      'evt_3',
      'evt_2',
      'evt_1',
      'webhook_signature_invalid',
    ]);
    expect(all.hasMore).toBe(false);
    expect(all.data[0]).toMatchObject({ orderId: 'ord_x', outcomes: ['paid'] });

    const page1 = await listProviderEvents(db, { tenantId: a.id, limit: 2 });
    expect(page1.hasMore).toBe(true);
    const page2 = await listProviderEvents(db, {
      tenantId: a.id,
      limit: 2,
      startingAfter: page1.data.at(-1)?.id,
    });
    expect(page2.data.map((e) => e.id)).toEqual(all.data.slice(2).map((e) => e.id));
    expect(page2.hasMore).toBe(false);

    const dup = await listProviderEvents(db, { tenantId: a.id, result: 'duplicate', limit: 10 });
    expect(dup.data).toMatchObject([{ eventId: 'evt_2', duplicates: 1 }]);
    const rejected = await listProviderEvents(db, {
      tenantId: a.id,
      result: 'rejected',
      limit: 10,
    });
    expect(rejected.data).toMatchObject([
      { kind: 'rejection', reason: 'webhook_signature_invalid', count: 1, maxBytes: 50 },
    ]);
    const refunds = await listProviderEvents(db, {
      tenantId: a.id,
      type: 'refund.succeeded',
      limit: 10,
    });
    expect(refunds.data.map((e) => e.id)).toHaveLength(1);
    expect(await listProviderEventTypes(db, { tenantId: a.id })).toEqual([
      'payment.failed',
      'payment.succeeded',
      'refund.succeeded',
    ]);

    // another tenant sees none of it, neither in lists nor by id, nor as a cursor
    const other = await listProviderEvents(db, { tenantId: b.id, limit: 10 });
    expect(other.data.map((e) => (e.kind === 'event' ? e.eventId : ''))).toEqual(['evt_b']);
    const aEvent = all.data[0];
    expect(await getProviderEvent(db, { tenantId: b.id, id: aEvent?.id ?? '' })).toBeUndefined();
    const viaCursor = await listProviderEvents(db, {
      tenantId: b.id,
      limit: 10,
      startingAfter: aEvent?.id,
    });
    expect(viaCursor.data).toEqual([]);
  });

  it('stores a row per event in the database (the unique key holds)', async () => {
    const t = await createTestTenant(db);
    await Promise.all(Array.from({ length: 5 }, () => applied(t.id, 'evt_race')));
    const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.tenantId, t.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.duplicates).toBe(4);
  });
});
