import { clientIp, type RateLimiter, rateLimitedError } from '@prood/http/rate-limit';

const SIGN_IN = '/api/auth/sign-in/email';
const SIGN_UP = '/api/auth/sign-up/email';
/** Endpoints that send a mail: each request counts, so nobody floods an inbox through us. */
const ACCOUNT_MAIL = new Set([
  '/api/auth/request-password-reset',
  '/api/auth/send-verification-email',
]);

async function emailOf(request: Request): Promise<string> {
  const body = (await request
    .clone()
    .json()
    .catch(() => null)) as { email?: unknown } | null;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
}

/**
 * Rate limits around better-auth: sign-up and account mail per IP (every attempt counts), and failed sign-ins
 * per account and IP and per IP (a good password is never slowed down; a burst of wrong ones is
 * cut off at the limit because each failure is counted before it is answered).
 */
export async function withAuthRateLimits(
  request: Request,
  limiter: RateLimiter,
  next: (request: Request) => Promise<Response>,
): Promise<Response> {
  if (request.method !== 'POST') return next(request);
  const { pathname } = new URL(request.url);
  const ip = clientIp(request.headers);
  if (pathname === SIGN_UP) {
    const decision = await limiter.hit('signUp', ip);
    if (!decision.allowed) return rateLimitedError(decision).toResponse();
    return next(request);
  }
  if (ACCOUNT_MAIL.has(pathname)) {
    const decision = await limiter.hit('accountMail', ip);
    if (!decision.allowed) return rateLimitedError(decision).toResponse();
    return next(request);
  }
  if (pathname !== SIGN_IN) return next(request);

  const limits = [
    ['signInAccount', `${await emailOf(request)}|${ip}`],
    ['signInIp', ip],
  ] as const;
  for (const [policy, key] of limits) {
    const standing = await limiter.peek(policy, key);
    if (!standing.allowed) return rateLimitedError(standing).toResponse();
  }
  const response = await next(request);
  if (response.status !== 401 && response.status !== 403) return response;
  for (const [policy, key] of limits) {
    const decision = await limiter.hit(policy, key);
    if (!decision.allowed) return rateLimitedError(decision).toResponse();
  }
  return response;
}
