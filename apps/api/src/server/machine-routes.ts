import { createHealthRoute, createLivenessRoute, createReadinessRoute } from '@prood/db/health';
import type { MachineRoute } from '@prood/http/node-server';
import { getInternalCheckoutApi } from './internal-checkout';
import {
  handleCheckoutAbandoned,
  handleCheckoutOrderView,
  handlePaymentAttemptStarted,
  handlePaymentWebhook,
} from './internal-routes';
import { getRestApi } from './rest';

const REST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The routes the plain Node server answers itself (storefront REST, provider webhooks, the
 * checkout app's internal calls, health): everything else goes to Next.js. Matched on the path
 * alone, as the App Router's folders of the same routes match.
 *
 * @example
 * const route = createMachineRoutes({ name: 'api', version: '0.1.0' })('/v1/orders');
 * if (route) return route.handle(request);
 */
export function createMachineRoutes(app: { name: string; version: string }) {
  const rest: MachineRoute = {
    name: '/v1',
    methods: REST_METHODS,
    handle: (request) => getRestApi().handle(request),
  };
  const internalCheckout: MachineRoute = {
    name: '/internal/checkout',
    methods: ['GET', 'POST'],
    handle: (request) => getInternalCheckoutApi().handle(request),
  };
  const exact = new Map<string, MachineRoute>([
    ['/health', { name: '/health', methods: ['GET'], handle: createHealthRoute(app) }],
    ['/health/live', { name: '/health/live', methods: ['GET'], handle: createLivenessRoute(app) }],
    [
      '/health/ready',
      { name: '/health/ready', methods: ['GET'], handle: createReadinessRoute(app) },
    ],
    [
      '/internal/checkout-abandoned',
      { name: '/internal/checkout-abandoned', methods: ['POST'], handle: handleCheckoutAbandoned },
    ],
    [
      '/internal/payment-attempts',
      {
        name: '/internal/payment-attempts',
        methods: ['POST'],
        handle: handlePaymentAttemptStarted,
      },
    ],
  ]);
  const segment = '([^/]+)';
  const patterns: Array<[RegExp, (match: RegExpMatchArray) => MachineRoute]> = [
    [new RegExp(`^/webhooks/payments/${segment}$`), () => webhook],
    [new RegExp(`^/internal/orders/${segment}$`), (match) => orderView(match[1] ?? '')],
  ];
  const webhook: MachineRoute = {
    name: '/webhooks/payments/{provider}',
    methods: ['POST'],
    handle: handlePaymentWebhook,
  };
  const orderView = (encoded: string): MachineRoute => ({
    name: '/internal/orders/{orderId}',
    methods: ['GET'],
    handle: (request) => handleCheckoutOrderView(request, decodeURIComponent(encoded)),
  });

  return function match(pathname: string): MachineRoute | undefined {
    // Next.js answers a trailing slash with its 308 to the path without one
    if (pathname.length > 1 && pathname.endsWith('/')) return undefined;
    const path = pathname;
    if (path === '/v1' || path.startsWith('/v1/')) return rest;
    if (path.startsWith('/internal/checkout/')) return internalCheckout;
    const route = exact.get(path);
    if (route) return route;
    for (const [pattern, build] of patterns) {
      const found = path.match(pattern);
      if (found) return build(found);
    }
    return undefined;
  };
}
