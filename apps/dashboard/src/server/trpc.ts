import 'server-only';
import type { AppRouter } from '@prood/api/trpc';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { headers } from 'next/headers';
import superjson from 'superjson';
import { env } from '../env';

/** A tRPC client for server components, carrying the visitor's session cookie to the API. */
export async function getTrpc() {
  const cookie = (await headers()).get('cookie') ?? '';
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${env.COMMERCE_API_URL}/api/trpc`,
        transformer: superjson,
        headers: { cookie, origin: env.DASHBOARD_URL },
      }),
    ],
  });
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}
