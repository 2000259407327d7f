import 'server-only';
import { sweepExpiredSessions } from '@prood/checkout-host';
import { env } from '../env';
import { logger } from './logger';

// once per process, as the sandbox's delivery loop (see sandbox-worker.ts)
const TIMER = Symbol.for('prood.checkout.expirySweep');

/** Reports one expired-but-unpaid session to the API, which marks the order abandoned once. */
async function reportAbandoned(session: { id: string; tenantId: string; orderId: string | null }) {
  if (!session.orderId) return;
  const response = await fetch(`${env.COMMERCE_API_URL}/internal/checkout-abandoned`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-checkout-secret': env.CHECKOUT_API_SECRET },
    body: JSON.stringify({
      tenantId: session.tenantId,
      sessionId: session.id,
      orderId: session.orderId,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  // a failed report throws, so the sweep offers the session again after its lease
  if (!response.ok) throw new Error(`abandonment report answered ${response.status}`);
}

/**
 * Expiry is never silent: every minute, sessions that reached `expiresAt` unpaid are reported
 * to the API. Leases make concurrent sweepers (several instances) report each session once.
 */
export function startExpirySweep(intervalMs = 60_000): void {
  const holder = globalThis as { [TIMER]?: NodeJS.Timeout };
  if (holder[TIMER]) return;
  const run = async () => {
    try {
      await sweepExpiredSessions({ onExpired: reportAbandoned });
    } catch (error) {
      logger.error({ err: error }, 'checkout expiry sweep failed');
    }
  };
  holder[TIMER] = setInterval(run, intervalMs);
  holder[TIMER].unref();
}
