import { createHmac, timingSafeEqual } from 'node:crypto';
import { findOrderTenantId } from '@prood/db';
import { ApiError } from '../errors';
import type { RestContext } from '../rest/endpoint';
import { startCheckout } from './checkout';

function token(secret: string, orderId: string): string {
  return createHmac('sha256', secret).update(`prood:recovery:${orderId}`).digest('base64url');
}

/**
 * The link in a payment-failed mail. The HMAC makes it unguessable and bound to one order, so
 * it can start a new attempt without an API key.
 *
 * @example
 * recoveryLink('http://localhost:3002', secret, 'ord_…') // 'http://localhost:3002/pay/ord_…?t=…'
 */
export function recoveryLink(baseUrl: string, secret: string, orderId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/pay/${encodeURIComponent(orderId)}?t=${token(secret, orderId)}`;
}

/** Checks a recovery link and starts (or resumes) checkout for its order; returns the URL. */
export async function resumeCheckoutFromRecovery(
  ctx: Omit<RestContext, 'tenantId'>,
  input: { orderId: string; token: string | null; secret: string },
): Promise<string> {
  const expected = Buffer.from(token(input.secret, input.orderId));
  const given = Buffer.from(input.token ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError('not_found', 'This payment link is not valid.');
  }
  // The signed link names the order; its tenant comes from the row, never from the request.
  const tenantId = await findOrderTenantId(ctx.db, { orderId: input.orderId });
  if (!tenantId) throw new ApiError('not_found', 'This payment link is not valid.');
  const session = await startCheckout(
    { ...ctx, tenantId, logger: ctx.logger.child({ tenantId }) },
    input.orderId,
    {},
  );
  return session.url;
}
