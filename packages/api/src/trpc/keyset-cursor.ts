import { z } from 'zod';

/** Where a keyset page starts: the last row before it, `createdAt` with the database's microseconds. */
export interface Keyset {
  createdAt: string;
  id: string;
}

/**
 * A page cursor as the dashboard's URLs carry it: base64url of `created|id`, for ids with one
 * prefix (`ord`, `prod`). `encode` makes one; `schema` reads one back and refuses anything else
 * as BAD_REQUEST, so an edited link never reaches a query.
 *
 * @example
 * const cursor = keysetCursor('prod');
 * cursor.schema.parse(cursor.encode({ createdAt: '2026-01-01T00:00:00.000000Z', id: 'prod_x' }));
 */
export function keysetCursor(idPrefix: string) {
  const text = new RegExp(
    `^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)\\|(${idPrefix}_[A-Za-z0-9]+)$`,
  );
  return {
    encode: (keyset: Keyset) =>
      Buffer.from(`${keyset.createdAt}|${keyset.id}`).toString('base64url'),
    schema: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'Not a page cursor')
      .transform((cursor, ctx): Keyset => {
        const match = text.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (!match?.[1] || !match[2] || Number.isNaN(Date.parse(match[1]))) {
          ctx.addIssue({ code: 'custom', message: 'Not a page cursor' });
          return z.NEVER;
        }
        return { createdAt: match[1], id: match[2] };
      }),
  };
}
