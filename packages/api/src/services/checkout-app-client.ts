import { type MachineResponse, machineRequest } from '@prood/http/machine-client';
import { ApiError } from '../errors';

/** What the checkout app answers about a session (its internal endpoints). */
export interface CheckoutSessionInfo {
  id: string;
  url: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'unpaid' | 'paid' | 'no_payment_required';
  expiresAt: string;
  orderId?: string | null;
  providerSessionId?: string | null;
}

/**
 * Everything the checkout app needs to open a session for an order. The API computes it from
 * the database; the checkout app trusts it because the call is authenticated by the shared
 * secret, and never takes an amount from a browser.
 */
export interface CreateSessionRequest {
  tenantId: string;
  orderId: string;
  attempt: number;
  amount: number;
  currency: string;
  customerInfo: { name: string; email: string; phone?: string | null | undefined };
  fulfillment: { method: string; address?: unknown; appointmentAt?: string | null | undefined };
  returnUrl?: string | null | undefined;
  provider?: string | undefined;
  flow?: 'hosted' | 'embedded' | undefined;
  expiresIn?: number | undefined;
}

export interface CancelSessionResult {
  outcome: 'canceled' | 'complete' | 'not_found';
}

export interface CreatePaymentLinkRequest {
  tenantId: string;
  amount: number;
  currency: string;
  description: string;
  expiresIn?: number | undefined;
}

/**
 * The commerce API's view of the checkout app: only the checkout app reads or writes checkout
 * sessions, so the API asks it over authenticated internal HTTP.
 */
export interface CheckoutAppClient {
  createSession(request: CreateSessionRequest): Promise<CheckoutSessionInfo>;
  getSession(tenantId: string, sessionId: string): Promise<CheckoutSessionInfo | null>;
  /**
   * Cancels an open session so it can no longer be paid, and expires the provider's session
   * where there is one. `complete`: it was paid first; `not_found`: nothing to cancel.
   */
  cancelSession(tenantId: string, sessionId: string): Promise<CancelSessionResult>;
  createPaymentLink(
    request: CreatePaymentLinkRequest,
  ): Promise<{ id: string; url: string; expiresAt?: string }>;
}

/** A session or cancel answer is a few hundred bytes; anything past this is not read. */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * HTTP client for the checkout app's internal endpoints, authenticated with the shared
 * `x-checkout-secret`. Failures become 502 `checkout_unavailable`; the checkout app's own 4xx
 * errors pass through with their code.
 */
export function createHttpCheckoutAppClient(options: {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
}): CheckoutAppClient {
  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T | null> => {
    let response: MachineResponse;
    try {
      response = await machineRequest(new URL(path, options.baseUrl), {
        method,
        headers: {
          'content-type': 'application/json',
          'x-checkout-secret': options.secret,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        timeoutMs: options.timeoutMs ?? 10_000,
        maxBodyBytes: MAX_ANSWER_BYTES,
      });
    } catch (error) {
      throw new ApiError('checkout_unavailable', 'The checkout service could not be reached.', {
        reason: error instanceof Error ? error.name : 'unknown',
      });
    }
    const text = response.text;
    if (response.status === 404 && method === 'GET') return null;
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const error = (
        json as { error?: { code?: string; message?: string; details?: unknown } } | null
      )?.error;
      if (response.status < 500 && error?.code) {
        throw new ApiError(
          error.code as ConstructorParameters<typeof ApiError>[0],
          error.message ?? 'The checkout service refused the request.',
          error.details,
        );
      }
      throw new ApiError('checkout_unavailable', 'The checkout service failed.', {
        status: response.status,
      });
    }
    return json as T;
  };

  return {
    async createSession(request) {
      const result = await call<CheckoutSessionInfo>('POST', '/api/sessions', request);
      if (!result)
        throw new ApiError('checkout_unavailable', 'The checkout service returned nothing.');
      return result;
    },
    async cancelSession(tenantId, sessionId) {
      const result = await call<CancelSessionResult>(
        'POST',
        `/api/sessions/${encodeURIComponent(sessionId)}/cancel`,
        { tenantId },
      );
      return result ?? { outcome: 'not_found' };
    },
    getSession(tenantId, sessionId) {
      return call<CheckoutSessionInfo>(
        'GET',
        `/api/sessions/${encodeURIComponent(sessionId)}?org=${encodeURIComponent(tenantId)}`,
      );
    },
    async createPaymentLink(request) {
      const result = await call<{ id: string; url: string; expiresAt?: string }>(
        'POST',
        '/api/payment-links',
        request,
      );
      if (!result)
        throw new ApiError('checkout_unavailable', 'The checkout service returned nothing.');
      return result;
    },
  };
}
