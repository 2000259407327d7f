import { bigint, char, text, timestamp } from 'drizzle-orm/pg-core';

/** Money is an integer count of the currency's minor unit; bigint keeps B2B totals safe. */
export const money = () => bigint({ mode: 'number' });
export const currencyCode = () => char({ length: 3 });
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
export const prefixedId = () => text().primaryKey();
