import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { isDatabaseUnavailable } from './client';
import './testing';

describe('isDatabaseUnavailable', () => {
  it('is true for a server that does not answer, false for a query that is wrong', async () => {
    const closed = postgres('postgres://postgres@127.0.0.1:1/none', { max: 1, connect_timeout: 2 });
    const refused = await closed`select 1`.catch((error: unknown) => error);
    await closed.end();
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);

    const sql = postgres(inject('databaseServerUrl'), { max: 1, onnotice: () => {} });
    const wrong = await sql`select * from no_such_table`.catch((error: unknown) => error);
    await sql.end();
    expect(isDatabaseUnavailable(wrong)).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
