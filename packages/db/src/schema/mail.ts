import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { tenantId } from './tenant';

/**
 * Every mail the platform sends, as rendered. With no SMTP server configured this is the dev
 * outbox the dashboard shows; with SMTP it is the record of what went out.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text().primaryKey(),
    tenantId: tenantId(),
    /** What the mail is about, e.g. `order_confirmation`, `payment_recovery`. */
    kind: text().notNull(),
    orderId: text(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    /** `outbox` when only captured here; `smtp` when also handed to a mail server. */
    transport: text({ enum: ['outbox', 'smtp'] }).notNull(),
    messageId: text(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mail_outbox_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('mail_outbox_order_idx').on(t.orderId),
  ],
);
