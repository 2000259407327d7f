import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@prood/db';
import { createRateLimiter } from '@prood/http/rate-limit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDashboardApi } from '../testing/dashboard-api';
import type { serveFetchHandler } from '../testing/http';

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  server = await serveDashboardApi(db, createRateLimiter({ prefix: `test:${randomUUID()}` }));
});

afterAll(async () => {
  await server.close();
  await db.$client.end();
});

const post = (path: string, body: unknown, ip: string) =>
  fetch(`${server.url}/api/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://127.0.0.1',
      'x-forwarded-for': ip,
    },
    body: JSON.stringify(body),
  });

describe('dashboard sign-in and sign-up limits', () => {
  it('50 wrong passwords for one account in a burst: 10 get 401, the rest 429; the right password from elsewhere still works', async () => {
    const email = `victim-${randomUUID()}@example.com`;
    const password = 'correct-horse-battery';
    expect(
      (await post('/sign-up/email', { email, password, name: 'Victim' }, '198.51.100.1')).status,
    ).toBe(200);

    const attacker = '198.51.100.66';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/sign-in/email', { email, password: `wrong-password-${i}` }, attacker),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    const limited = results.find((r) => r.status === 429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.headers.get('ratelimit-limit')).toBe('10');
    expect(await limited?.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // even the right password is refused from the attacking address now…
    expect((await post('/sign-in/email', { email, password }, attacker)).status).toBe(429);
    // …but the owner, elsewhere, signs in
    expect((await post('/sign-in/email', { email, password }, '198.51.100.2')).status).toBe(200);
  });

  it('one IP trying many accounts is cut off across them', async () => {
    const ip = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) {
      const res = await post(
        '/sign-in/email',
        { email: `nobody-${i}-${randomUUID()}@example.com`, password: 'x-wrong-password' },
        ip,
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
  });

  it('sign-ups are limited per IP', async () => {
    const ip = '198.51.100.99';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await post(
        '/sign-up/email',
        {
          email: `new-${i}-${randomUUID()}@example.com`,
          password: 'correct-horse-battery',
          name: 'New',
        },
        ip,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
