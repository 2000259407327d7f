import { text } from 'drizzle-orm/pg-core';
import { organizations } from './auth';

/** The tenant column every tenant-owned table carries; deleting a tenant removes its rows. */
export const tenantId = () =>
  text()
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });
