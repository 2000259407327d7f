import 'server-only';
import { type DashboardTrpc, loadPage } from './trpc';

/**
 * Loads a webhooks or events page for owners and admins; members get `admin: null` and the
 * page shows why (the router keeps endpoints, deliveries and events to those two roles).
 *
 * @example
 * const { organizationName, admin } = await loadWebhookPage((trpc) => trpc.webhooks.listEndpoints.query());
 */
export async function loadWebhookPage<T>(
  load: (trpc: DashboardTrpc) => Promise<T>,
): Promise<{ organizationName: string; admin: T | null }> {
  return loadPage(async (trpc) => {
    const organization = await trpc.settings.organization.query();
    const isAdmin = organization.role === 'owner' || organization.role === 'admin';
    return { organizationName: organization.name, admin: isAdmin ? await load(trpc) : null };
  });
}
