import { createHealthRoute, createLivenessRoute, createReadinessRoute } from '@prood/db/health';
import type { MachineRoute, MachineRouter } from '@prood/http/node-server';
import {
  handleCancelSession,
  handleCreateLink,
  handleCreateSession,
  handleSessionInfo,
} from './internal-routes';
import { receiveProviderWebhook } from './webhooks';

const SEGMENT = '([^/]+)';

/**
 * The routes the checkout app's own server (`src/main.ts`) answers on plain `node:http`: the
 * providers' webhooks (the sandbox's too, so a payment's webhook is never queued behind a
 * development render of the page the shopper is sent to), the commerce API's `/api/sessions*`
 * and `/api/payment-links`, and health. Pages, server actions and `/c/{id}/status` go to
 * Next.js. Matched on the path alone, as the App Router's folders of the same routes match;
 * segments are decoded as Next.js decodes its params (the server has refused malformed URLs).
 *
 * @example
 * const route = createCheckoutMachineRoutes({ name: 'checkout', version: '0.1.0' })(path);
 */
export function createCheckoutMachineRoutes(app: { name: string; version: string }): MachineRouter {
  const exact = new Map<string, MachineRoute>([
    ['/health', { name: '/health', methods: ['GET'], handle: createHealthRoute(app) }],
    ['/health/live', { name: '/health/live', methods: ['GET'], handle: createLivenessRoute(app) }],
    [
      '/health/ready',
      { name: '/health/ready', methods: ['GET'], handle: createReadinessRoute(app) },
    ],
    ['/api/sessions', { name: '/api/sessions', methods: ['POST'], handle: handleCreateSession }],
    [
      '/api/payment-links',
      { name: '/api/payment-links', methods: ['POST'], handle: handleCreateLink },
    ],
  ]);
  const patterns: Array<[RegExp, (segments: string[]) => MachineRoute]> = [
    [
      new RegExp(`^/api/webhooks/${SEGMENT}/${SEGMENT}$`),
      ([provider = '', org = '']) => ({
        name: '/api/webhooks/{provider}/{org}',
        methods: ['POST'],
        handle: (request) =>
          receiveProviderWebhook(decodeURIComponent(provider), decodeURIComponent(org), request),
      }),
    ],
    [
      new RegExp(`^/api/sessions/${SEGMENT}$`),
      ([id = '']) => ({
        name: '/api/sessions/{id}',
        methods: ['GET'],
        handle: (request) => handleSessionInfo(request, decodeURIComponent(id)),
      }),
    ],
    [
      new RegExp(`^/api/sessions/${SEGMENT}/cancel$`),
      ([id = '']) => ({
        name: '/api/sessions/{id}/cancel',
        methods: ['POST'],
        handle: (request) => handleCancelSession(request, decodeURIComponent(id)),
      }),
    ],
  ];

  return function match(pathname) {
    // Next.js answers a trailing slash with its 308 to the path without one
    if (pathname.length > 1 && pathname.endsWith('/')) return undefined;
    const route = exact.get(pathname);
    if (route) return route;
    for (const [pattern, build] of patterns) {
      const found = pathname.match(pattern);
      if (found) return build(found.slice(1));
    }
    return undefined;
  };
}
