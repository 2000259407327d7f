import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations, users } from './auth';
import { createdAt } from './columns';

/**
 * Every mail the platform sends, as rendered. With no SMTP server configured this is the dev
 * outbox the dashboard shows; with SMTP it is the record of what went out.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text().primaryKey(),
    /** The tenant the mail is about; null for account mail sent before a tenant exists. */
    tenantId: text().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The account the mail is about (verification, password reset); null for tenant mail. */
    userId: text().references(() => users.id, { onDelete: 'cascade' }),
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
    index('mail_outbox_user_created_idx').on(t.userId, t.createdAt),
    // every mail belongs to someone: a tenant, an account, or both
    check('mail_outbox_owner', sql`${t.tenantId} IS NOT NULL OR ${t.userId} IS NOT NULL`),
  ],
);
