import { type Database, findMembership } from '@prood/db';
import type { Keyring } from '@prood/provider-factory';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Auth } from '../auth/auth';
import { ApiError } from '../errors';
import type { Logger } from '../logger';
import type { PaymentRuntime } from '../payments/runtime';
import type { CheckoutAppClient } from '../services/checkout-app-client';

export interface TrpcContextInput {
  db: Database;
  auth: Auth;
  logger: Logger;
  headers: Headers;
  /** Seals provider credentials when a merchant connects an integration. */
  keyring: Keyring;
  /** Public base URL of the checkout app, where provider webhooks must be sent. */
  checkoutUrl: string;
  /** The checkout app's internal endpoints (canceling an order cancels its open session). */
  checkoutApp: CheckoutAppClient;
  /** Tenant providers and the job queue, for refunds from the dashboard (built where wired). */
  payments: PaymentRuntime;
  /** Provider id → API base URL override (`PAYMENT_PROVIDER_API_URLS`; tests point at fakes). */
  providerApiUrls?: Readonly<Partial<Record<string, string>>> | undefined;
}

/** Resolves the signed-in user (if any) from the request's session cookie. */
export async function createTrpcContext(input: TrpcContextInput) {
  const session = await input.auth.api.getSession({ headers: input.headers });
  return {
    db: input.db,
    auth: input.auth,
    logger: input.logger,
    headers: input.headers,
    keyring: input.keyring,
    checkoutUrl: input.checkoutUrl,
    checkoutApp: input.checkoutApp,
    payments: input.payments,
    providerApiUrls: input.providerApiUrls ?? {},
    user: session?.user ?? null,
    activeOrganizationId:
      (session?.session as { activeOrganizationId?: string | null } | undefined)
        ?.activeOrganizationId ?? null,
  };
}

export type TrpcContext = Awaited<ReturnType<typeof createTrpcContext>>;

const TRPC_CODE_BY_STATUS: Record<number, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  502: 'BAD_GATEWAY',
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // the same stable codes the REST API uses
        appCode: cause instanceof ApiError ? cause.code : null,
        details: cause instanceof ApiError ? (cause.details ?? null) : null,
        zodError: cause instanceof ZodError ? cause.issues : null,
      },
    };
  },
});

/** Turns domain errors into tRPC errors with the matching code, keeping the app code. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ApiError) {
    const cause = result.error.cause;
    throw new TRPCError({
      code: TRPC_CODE_BY_STATUS[cause.status] ?? 'INTERNAL_SERVER_ERROR',
      message: cause.message,
      cause,
    });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * The signed-in user's tenant and role, or why there is none: the one place a session's
 * active organization is checked against membership (tRPC and the dashboard's CSV download).
 */
export async function resolveTenant(
  ctx: TrpcContext,
): Promise<
  | { ok: true; userId: string; tenantId: string; role: string }
  | { ok: false; code: 'UNAUTHORIZED' | 'FORBIDDEN' | 'PRECONDITION_FAILED'; message: string }
> {
  if (!ctx.user) return { ok: false, code: 'UNAUTHORIZED', message: 'Sign in first.' };
  // a session without an active organization (it was left or deleted) falls back to the
  // user's first one; only a user with none at all is asked to create one
  const membership = await findMembership(ctx.db, {
    userId: ctx.user.id,
    organizationId: ctx.activeOrganizationId,
  });
  if (!membership && ctx.activeOrganizationId)
    return { ok: false, code: 'FORBIDDEN', message: 'Not a member of this organization.' };
  if (!membership) {
    return { ok: false, code: 'PRECONDITION_FAILED', message: 'Create an organization first.' };
  }
  return {
    ok: true,
    userId: ctx.user.id,
    tenantId: membership.organizationId,
    role: membership.role,
  };
}

/**
 * Narrows the tenant once: the session's active organization, verified against membership.
 * Routers below never see a nullable tenant and never write `tenantId!`.
 */
export const tenantProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const membership = await resolveTenant(ctx);
  if (!membership.ok) throw new TRPCError({ code: membership.code, message: membership.message });
  return next({
    ctx: {
      ...ctx,
      tenantId: membership.tenantId,
      role: membership.role,
      logger: ctx.logger.child({ tenantId: membership.tenantId, userId: ctx.user.id }),
    },
  });
});

/** Owners and admins only: credentials, keys, settings, catalog changes. */
export const adminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.role !== 'owner' && ctx.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the owner or admin role.' });
  }
  return next();
});

/**
 * Going live needs a verified email (test mode works at once): throws `email_not_verified`
 * (403) for a live integration, API key or webhook endpoint while the address is unconfirmed.
 *
 * @example
 * if (mode === 'live') requireVerifiedEmail(ctx);
 */
export function requireVerifiedEmail(ctx: { user: { emailVerified?: boolean | null } }): void {
  if (ctx.user.emailVerified) return;
  throw new ApiError(
    'email_not_verified',
    'Confirm your email address before going live. Test mode works meanwhile.',
  );
}
