/**
 * What a first payment touches, by app: `next dev` compiles a route on its first request, which
 * under load takes longer than the sandbox's and the checkout app's webhook timeouts (the first
 * webhook was aborted mid-compile and its truncated body refused as `webhook_signature_invalid`).
 * A GET compiles a POST-only route too (it answers 405), without touching any data.
 */
const WARM_PATHS = {
  checkout: [
    '/c/cs_warmup',
    '/c/cs_warmup/status',
    '/c/cs_warmup/success',
    '/c/not-found',
    '/api/sessions',
    '/api/sessions/cs_warmup',
    '/api/webhooks/sandbox/org_warmup',
  ],
  api: [
    '/v1/events',
    '/webhooks/payments/sandbox',
    '/internal/payment-attempts',
    '/internal/orders/ord_warmup',
  ],
} as const;

/**
 * Requests every route a first payment needs once, one app's routes one after another (a dev
 * server compiles one at a time), so the first real request finds them compiled. Statuses are
 * not checked: a 404 or 405 has compiled the route as well as a 200.
 *
 * @example
 * await warmDevRoutes({ checkout: 'http://localhost:3004', api: 'http://localhost:3002' });
 */
export async function warmDevRoutes(base: Record<keyof typeof WARM_PATHS, string>): Promise<void> {
  await Promise.all(
    (Object.keys(WARM_PATHS) as Array<keyof typeof WARM_PATHS>).map(async (app) => {
      for (const path of WARM_PATHS[app]) {
        try {
          const response = await fetch(`${base[app]}${path}`, {
            redirect: 'manual',
            signal: AbortSignal.timeout(300_000),
          });
          await response.arrayBuffer();
        } catch {
          // a route that fails to answer here fails visibly on first use
        }
      }
    }),
  );
}
