import { newId } from '@prood/validators';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from './client';
import { reusable } from './reusable';
import { webhookEvents } from './schema';
import { createTestTenant } from './testing';

let db: Database;
let unprepared: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 2 });
  // a transaction-mode pooler's setting: nothing may be kept prepared on the server
  unprepared = createDatabase(inject('databaseUrl'), { max: 1, prepare: false });
});
afterAll(async () => {
  await Promise.all([db.$client.end(), unprepared.$client.end()]);
});

const insertEvent = (
  executor: Database | Parameters<Parameters<Database['transaction']>[0]>[0],
  values: Record<string, unknown>,
) =>
  reusable(
    executor,
    'test.reusable.insert-event',
    (d) =>
      d
        .insert(webhookEvents)
        .values({
          id: sql.placeholder('id'),
          tenantId: sql.placeholder('tenantId'),
          provider: 'sandbox',
          eventId: sql.placeholder('eventId'),
          type: 'payment.succeeded',
          normalized: sql.placeholder('normalized'),
          payload: '{}',
          payloadBytes: 2,
          handledAt: sql.placeholder('handledAt'),
        })
        .returning({
          id: webhookEvents.id,
          normalized: webhookEvents.normalized,
          handledAt: webhookEvents.handledAt,
        }),
    values,
  );

const findEvent = (executor: Database, tenantId: string, eventId: string) =>
  reusable(
    executor,
    'test.reusable.find-event',
    (d) =>
      d
        .select()
        .from(webhookEvents)
        .where(
          and(
            eq(webhookEvents.tenantId, sql.placeholder('tenantId')),
            eq(webhookEvents.eventId, sql.placeholder('eventId')),
          ),
        ),
    { tenantId, eventId },
  );

describe('reusable statements', () => {
  it('fill every placeholder through the column encoders and map rows like drizzle does', async () => {
    const { id: tenantId } = await createTestTenant(db);
    const handledAt = new Date('2026-01-02T03:04:05.678Z');
    for (const eventId of ['evt_a', 'evt_b']) {
      const [row] = await insertEvent(db, {
        id: newId('event'),
        tenantId,
        eventId,
        normalized: [{ type: 'payment.succeeded', eventId }],
        handledAt,
      });
      // jsonb encoded and decoded, the timestamp a Date again
      expect(row?.normalized).toEqual([{ type: 'payment.succeeded', eventId }]);
      expect(row?.handledAt).toEqual(handledAt);
    }
    const [b] = await findEvent(db, tenantId, 'evt_b');
    expect(b).toMatchObject({ tenantId, eventId: 'evt_b', provider: 'sandbox', handledAt });
    expect(await findEvent(db, tenantId, 'evt_c')).toEqual([]);
  });

  it('run inside the transaction of the executor they are given, and roll back with it', async () => {
    const { id: tenantId } = await createTestTenant(db);
    // built on the pool first, then used in a transaction: the statement follows the executor
    await insertEvent(db, {
      id: newId('event'),
      tenantId,
      eventId: 'evt_kept',
      normalized: [],
      handledAt: null,
    });
    await expect(
      db.transaction(async (tx) => {
        await insertEvent(tx, {
          id: newId('event'),
          tenantId,
          eventId: 'evt_rolled_back',
          normalized: [],
          handledAt: null,
        });
        // seen inside the transaction, not outside it
        const inside = await tx
          .select()
          .from(webhookEvents)
          .where(eq(webhookEvents.eventId, 'evt_rolled_back'));
        expect(inside.filter((r) => r.tenantId === tenantId)).toHaveLength(1);
        expect(await findEvent(db, tenantId, 'evt_rolled_back')).toEqual([]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await findEvent(db, tenantId, 'evt_rolled_back')).toEqual([]);
    expect(await findEvent(db, tenantId, 'evt_kept')).toHaveLength(1);
  });

  it('work on a pool that keeps nothing prepared', async () => {
    const { id: tenantId } = await createTestTenant(unprepared);
    await insertEvent(unprepared, {
      id: newId('event'),
      tenantId,
      eventId: 'evt_u',
      normalized: [],
      handledAt: null,
    });
    expect(await findEvent(unprepared, tenantId, 'evt_u')).toHaveLength(1);
    // (drizzle's own `execute` of raw SQL may leave its text prepared; ours must not)
    const [named] = await unprepared.execute<{ statements: string | null }>(
      sql`select string_agg(statement, ' | ') as statements from pg_prepared_statements`,
    );
    expect(named?.statements ?? '').not.toContain('webhook_events');
  });
});
