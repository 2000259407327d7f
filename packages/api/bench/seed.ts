/**
 * Set-based seeding shared by the benches that need a big, realistic history in a tenant
 * (orders.bench.ts, growth.bench.ts): one `insert … select from generate_series` per table, so
 * a million rows take seconds. Bench-only; nothing here is product code.
 */
import type { Database } from '@prood/db';
import * as schema from '@prood/db/schema';
import { newId } from '@prood/validators';
import pino from 'pino';
import type postgres from 'postgres';
import { API_VERSION } from '../src/events/types';
import type { TrpcContext } from '../src/trpc/init';

/**
 * `n` orders for a tenant in one statement: names and emails from small lists (so a name
 * matches ~2% of orders), statuses and providers in realistic shares, created over a year;
 * one order in seven names no provider and has a checkout attempt that does. Ids are
 * `ord_B{salt}x{i}`, so `salt` must differ per tenant seeded in one database.
 */
export async function seedOrders(client: postgres.Sql, tenantId: string, n: number, salt: number) {
  await client`
    with numbered as (
      select i,
        (array['Ada','Grace','Alan','Linus','Barbara','Ken','Margaret','Dennis','Frances','John',
               'Radia','Edsger','Hedy','Tim','Katherine','Donald','Sophie','Niklaus','Anita','Guido'])
          [1 + (i * 7 + ${salt}) % 20] as first,
        (array['Lovelace','Hopper','Turing','Torvalds','Liskov','Thompson','Hamilton','Ritchie',
               'Allen','Backus','Perlman','Dijkstra','Lamarr','Berners','Johnson','Knuth','Wilson',
               'Wirth','Borg','Rossum','Meyer','Curie','Noether','Kay','Moore','Hoare','Cerf',
               'Kahn','Goldberg','Bartik','Stroustrup','Gosling','Eich','Matz','Pike','Cox',
               'Holberton','Sammet','Spence','Wexelblat','Clarke','Conway','Floyd','Hartmanis',
               'Karp','Lampson','Milner','Rabin','Scott','Stearns','Tarjan','Valiant','Yao'])
          [1 + (i * 13 + ${salt}) % 53] as last,
        (array['example.com','mail.test','shop.example','inbox.test','post.example'])[1 + i % 5] as domain,
        (array['PAID','PAID','PAID','PAID','PAID','PAID','PAID','PAID','PAID','PAID',
               'FULFILLED','FULFILLED','FULFILLED','PENDING','PENDING','PENDING','CANCELED',
               'CANCELED','REFUNDED','PARTIALLY_REFUNDED'])[1 + (i * 11) % 20]::order_status as status
      from generate_series(1, ${n}::int) as i
    )
    insert into orders (id, tenant_id, reference, status, currency, subtotal, total, amount_paid,
      customer, customer_email, fulfillment, provider, needs_review, created_at)
    select 'ord_B' || ${salt}::text || 'x' || i, ${tenantId},
      '#' || upper(lpad(to_hex(i), 8, '0')), status, 'EUR', 1000 + i % 9000, 1000 + i % 9000,
      case when status in ('PENDING','CANCELED') then 0 else 1000 + i % 9000 end,
      jsonb_build_object('name', first || ' ' || last, 'email',
        lower(first) || '.' || lower(last) || i || '@' || domain),
      lower(first) || '.' || lower(last) || i || '@' || domain,
      (array['shipping','digital','pickup'])[1 + i % 3]::fulfillment_method,
      case when i % 7 = 0 then null when i % 3 = 0 then 'sandbox' else 'stripe' end,
      i % 500 = 0,
      now() - make_interval(secs => i * (31536000.0 / ${n}::int) + (i::bigint * 7919) % 60)
    from numbered`;
  await client`
    insert into payment_attempts (id, tenant_id, order_id, attempt, provider, status)
    select 'pa_b' || ${salt}::text || '_' || i, ${tenantId}, 'ord_B' || ${salt}::text || 'x' || i, 1,
      case when i % 2 = 0 then 'sandbox' else 'stripe' end, 'ended'
    from generate_series(7, ${n}::int, 7) as i`;
}

/**
 * `n` orders (as `seedOrders`) and the payment history their webhooks left behind, as the
 * ingest writes it: one stored provider event per order in `webhook_events` (its verified body,
 * the normalized event and what applying it did), and for every order that was paid its
 * `fulfillment_log` `paid` row and its merchant `order.paid` event (numbered, as the commit-time
 * trigger would). The tenant must have no orders yet. Triggers and foreign-key checks are off
 * for the seeding transaction only (`session_replication_role = replica`), so the events'
 * sequence is written directly and the per-tenant counter set once.
 */
export async function seedPaymentHistory(
  client: postgres.Sql,
  tenantId: string,
  n: number,
  salt: number,
) {
  await seedOrders(client, tenantId, n, salt);
  await client.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await tx`
      insert into webhook_events (id, tenant_id, provider, event_id, type, normalized, effects,
        payload, payload_bytes, received_at, handled_at)
      select 'whe_B' || ${salt}::text || 'x' || o.n, o.tenant_id, 'sandbox', e.event_id, e.type,
        jsonb_build_array(jsonb_build_object('type', e.type, 'orderId', o.id, 'amount', o.total,
          'currency', 'EUR', 'provider', 'sandbox', 'tenantId', o.tenant_id)),
        jsonb_build_array(jsonb_build_object('type', e.type, 'orderId', o.id,
          'outcome', 'applied', 'status', o.status)),
        e.payload, length(e.payload), o.created_at + interval '40 seconds',
        o.created_at + interval '40 seconds'
      from (select row_number() over () as n, * from orders where tenant_id = ${tenantId}) o
      cross join lateral (
        select 'evt_sbx_' || md5(${salt}::text || ':' || o.id) as event_id,
          case when o.status in ('PENDING', 'CANCELED') then 'checkout.expired'
               else 'payment.succeeded' end as type
      ) t
      cross join lateral (
        select t.event_id, t.type, json_build_object('id', t.event_id, 'object', 'event',
          'type', t.type, 'created', extract(epoch from o.created_at)::bigint,
          'livemode', false, 'tenant_id', o.tenant_id, 'data', json_build_object(
            'order_id', o.id, 'checkout_session_id', 'cs_' || md5(o.id),
            'session_id', 'sbx_cs_' || left(md5('s' || o.id), 20),
            'payment_id', 'sbx_pay_' || left(md5('p' || o.id), 20),
            'amount', o.total, 'currency', 'EUR'))::text as payload
      ) e`;
    await tx`
      insert into fulfillment_log (id, tenant_id, order_id, event, created_at)
      select 'ful_B' || ${salt}::text || 'x' || substr(id, length('ord_B' || ${salt}::text || 'x') + 1),
        tenant_id, id, 'paid', created_at + interval '40 seconds'
      from orders
      where tenant_id = ${tenantId} and status not in ('PENDING', 'CANCELED')`;
    await tx`
      insert into events (id, tenant_id, sequence, type, api_version, data, dedupe_key, created_at)
      select 'evt_B' || ${salt}::text || 'x' || row_number() over (order by created_at, id),
        tenant_id, row_number() over (order by created_at, id), 'order.paid', ${API_VERSION},
        jsonb_build_object('id', id, 'object', 'order', 'reference', reference,
          'status', 'PAID', 'currency', currency, 'total', total, 'amount_paid', amount_paid,
          'customer', customer, 'fulfillment', fulfillment, 'created_at', created_at),
        'order.paid:' || id, created_at + interval '40 seconds'
      from orders
      where tenant_id = ${tenantId} and status not in ('PENDING', 'CANCELED')`;
    await tx`
      insert into event_sequences (tenant_id, last_sequence)
      select ${tenantId}, count(*) from events where tenant_id = ${tenantId}
      on conflict (tenant_id) do update set last_sequence = excluded.last_sequence`;
  });
}

/** A signed-in owner of the tenant, as `createTrpcContext` would resolve it from a cookie. */
export async function ownerContext(db: Database, tenantId: string): Promise<TrpcContext> {
  const userId = newId('user');
  await db
    .insert(schema.users)
    .values({ id: userId, name: 'Bench', email: `${userId}@bench.test` });
  await db
    .insert(schema.members)
    .values({ id: newId('member'), organizationId: tenantId, userId, role: 'owner' });
  // only the fields the orders procedures read; the rest (auth, keyring, providers) is unused
  const ctx: Pick<TrpcContext, 'db' | 'logger' | 'user' | 'activeOrganizationId' | 'headers'> = {
    db,
    logger: pino({ level: 'silent' }),
    headers: new Headers(),
    activeOrganizationId: tenantId,
    user: { id: userId } as NonNullable<TrpcContext['user']>,
  };
  return ctx as TrpcContext;
}
