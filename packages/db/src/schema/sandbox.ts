import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { tenantId } from './tenant';

/**
 * State of the offline sandbox provider (its sessions, payments, refunds, customers and
 * webhook deliveries), so that a sandbox payment survives restarts and is seen by every app.
 */
export const sandboxObjects = pgTable(
  'sandbox_objects',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    kind: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sandbox_objects_tenant_kind_idx').on(t.tenantId, t.kind)],
);
