import { is, Param, Placeholder, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Executor } from './client';

/** A drizzle prepared query: built SQL text plus placeholders, run with their values. */
export interface ReusableStatement<TResult> {
  execute(values?: Record<string, unknown>): Promise<TResult>;
}

/** A drizzle query builder ending in `.prepare(name)` (select, insert, update, delete, with). */
interface Preparable<TResult> {
  prepare(name: string): ReusableStatement<TResult>;
}

/** Where each parameter's value comes from: fixed when built, or a placeholder (and its encoder). */
type Slot =
  | { fixed: unknown }
  | { name: string; encoder?: { mapToDriverValue(value: unknown): unknown } };

interface Built {
  statement: ReusableStatement<unknown> & { params: unknown[] };
  slots: Slot[];
}

/** Statement shapes kept per process; the keys are written in the code, so this is a guard. */
const MAX_REUSABLE_STATEMENTS = 500;
const statements = new Map<string, Built>();

function slotsOf(params: unknown[]): Slot[] {
  return params.map((param) => {
    if (is(param, Placeholder)) return { name: param.name };
    if (is(param, Param) && is(param.value, Placeholder)) {
      return { name: param.value.name, encoder: param.encoder };
    }
    return { fixed: param };
  });
}

/**
 * An UPDATE that sets `updated_at` to a value fixed at build time would stamp every later run
 * with the first one's time (drizzle fills a column's `$onUpdate` while building): refused.
 */
function assertNothingFrozen(key: string, queryString: string, slots: Slot[]): void {
  for (const match of queryString.matchAll(/"updated_at" = \$(\d+)/g)) {
    const slot = slots[Number(match[1]) - 1];
    if (slot && 'fixed' in slot) {
      throw new Error(`${key}: updated_at would be frozen when built; set it to sql\`now()\``);
    }
  }
}

/**
 * The parameters for one run. Unlike drizzle's own fill, a null goes to Postgres as NULL without
 * its column's encoder (a timestamp's encoder cannot take null), as it does when drizzle builds a
 * query with the value in it.
 */
function fill(key: string, slots: Slot[], values: Record<string, unknown>): unknown[] {
  return slots.map((slot) => {
    if ('fixed' in slot) return slot.fixed;
    const value = values[slot.name];
    if (value === undefined) throw new Error(`${key}: no value for placeholder "${slot.name}"`);
    // the tenant predicate (`scopedStatement`) never runs without a tenant
    if (slot.name === 'tenantId' && !value) throw new Error(`${key}: tenantId is required`);
    if (value === null || !slot.encoder) return value;
    return slot.encoder.mapToDriverValue(value);
  });
}

/** The postgres.js client behind a database handle or an open transaction. */
function clientOf(executor: Executor): postgres.Sql {
  const client = (executor as unknown as { session?: { client?: postgres.Sql } }).session?.client;
  if (!client) throw new Error('reusable statements need a drizzle postgres-js executor');
  return client;
}

/**
 * Runs a statement whose SQL drizzle builds once per process instead of on every call: `build`
 * writes it with `sql.placeholder(name)` for every value, and `values` fills them. Building a
 * query (walking the schema objects, escaping names, collecting params) costs drizzle 0.1–0.3 ms
 * of CPU per statement on this machine, more than Postgres takes to run most of them; the hot
 * paths (webhook ingest, order creation, checkout start) run about ten each per request.
 *
 * Values drizzle fills in while building are frozen into the statement: a column's `$onUpdate`
 * (`updatedAt`) must be set explicitly, as a placeholder or `sql\`now()\``.
 *
 * The statement runs on `executor`'s own connection, so inside a transaction it is part of that
 * transaction. `key` names one statement shape: the same key must always build the same SQL (a
 * shape that varies, such as an update's column list, goes into the key).
 *
 * @example
 * const [order] = await reusable(tx, 'orders.lock', (db) =>
 *   db.select().from(orders)
 *     .where(and(eq(orders.tenantId, sql.placeholder('tenantId')), eq(orders.id, sql.placeholder('orderId'))))
 *     .for('update'),
 * { tenantId, orderId });
 */
export function reusable<TResult>(
  executor: Executor,
  key: string,
  build: (db: Executor) => Preparable<TResult>,
  values: Record<string, unknown>,
): Promise<TResult> {
  let built = statements.get(key);
  if (!built) {
    const statement = build(executor).prepare(key) as Built['statement'] & { queryString: string };
    built = { statement, slots: slotsOf(statement.params) };
    assertNothingFrozen(key, statement.queryString, built.slots);
    if (statements.size < MAX_REUSABLE_STATEMENTS) statements.set(key, built);
  }
  // drizzle's prepared query runs on the client it was built with; this call's executor may be
  // another transaction, so the built statement runs through a copy bound to this client, with
  // this call's parameters already filled. Whether Postgres keeps the statement prepared is the
  // pool's policy (createDatabase), not drizzle's name.
  const bound = Object.create(built.statement) as ReusableStatement<TResult> & {
    client: postgres.Sql;
    params: unknown[];
    prepare: boolean;
  };
  bound.client = clientOf(executor);
  bound.params = fill(key, built.slots, values);
  bound.prepare = false;
  return bound.execute();
}

/**
 * A placeholder where drizzle's types want the column's value: an UPDATE's `set` accepts one at
 * run time (it binds it through the column's encoder) but its types do not say so.
 *
 * @example
 * d.update(webhookEvents).set({ handledAt: setPlaceholder<Date>('handledAt') })
 */
export function setPlaceholder<T>(name: string): T {
  return sql.placeholder(name) as unknown as T;
}

/**
 * Rows to insert with a reusable statement: each value becomes a placeholder (`{row}.{column}`),
 * and `shape` names the statement (row count and columns given; an undefined column keeps its
 * default, as with drizzle). Undefined when the rows give different columns.
 *
 * @example
 * const rows = placeholderRows(items);
 * if (rows) await reusable(tx, `order-items.insert:${rows.shape}`, (d) => d.insert(orderItems).values(rows.placeholders), rows.values);
 */
export function placeholderRows<T extends Record<string, unknown>>(
  rows: readonly T[],
): { shape: string; placeholders: T[]; values: Record<string, unknown> } | undefined {
  const columnsOf = (row: T) =>
    Object.keys(row)
      .filter((column) => row[column] !== undefined)
      .sort();
  const columns = rows[0] ? columnsOf(rows[0]) : [];
  const signature = columns.join(',');
  const values: Record<string, unknown> = {};
  const placeholders: T[] = [];
  for (const [index, row] of rows.entries()) {
    if (columnsOf(row).join(',') !== signature) return undefined;
    const placeholder: Record<string, unknown> = {};
    for (const column of columns) {
      placeholder[column] = sql.placeholder(`${index}.${column}`);
      values[`${index}.${column}`] = row[column];
    }
    placeholders.push(placeholder as T);
  }
  return { shape: `${rows.length}:${signature}`, placeholders, values };
}

/**
 * `column = any($name::text[])`: a list of ids as one placeholder (drizzle's `inArray` writes one
 * parameter per element, so its statement text changes with the list's length).
 */
export function anyOf(column: PgColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::text[])`;
}
