import 'server-only';
import type { AppRouter } from '@prood/api/trpc';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import superjson from 'superjson';
import { env } from '../env';

export type DashboardTrpc = ReturnType<typeof createTRPCClient<AppRouter>>;

/** A tRPC client for server components, carrying the visitor's session cookie to the API. */
export async function getTrpc(): Promise<DashboardTrpc> {
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

/**
 * Loads a page's data; a visitor who is not signed in goes to sign-in, one without any
 * organization to creating one. An id that is malformed or not the tenant's (BAD_REQUEST,
 * NOT_FOUND) is the not-found page, as a URL naming nothing should be. Every other failure is
 * the page's error view.
 *
 * @example
 * const { orders } = await loadPage(async (trpc) => ({ orders: await trpc.orders.list.query({}) }));
 */
export async function loadPage<T>(load: (trpc: DashboardTrpc) => Promise<T>): Promise<T> {
  const trpc = await getTrpc();
  try {
    return await load(trpc);
  } catch (error) {
    if (isUnauthorized(error)) redirect('/sign-in');
    if (error instanceof TRPCClientError && error.data?.code === 'PRECONDITION_FAILED') {
      redirect('/organizations/new');
    }
    if (
      error instanceof TRPCClientError &&
      (error.data?.code === 'NOT_FOUND' || error.data?.code === 'BAD_REQUEST')
    ) {
      notFound();
    }
    throw error;
  }
}
