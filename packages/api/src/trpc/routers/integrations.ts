import { isProviderError } from '@prood/checkout';
import { deleteIntegration, getIntegration, upsertIntegration } from '@prood/db';
import {
  credentialsFromForm,
  openIntegrationCredentials,
  type ProviderId,
  providerDefinition,
  providerWebhookEndpoints,
  providerWebhookUrl,
  registerProviderWebhookEndpoint,
  removeProviderWebhookEndpoint,
  sealIntegrationCredentials,
  verifyProviderCredentials,
} from '@prood/provider-factory';
import type { z } from 'zod';
import { ApiError, notFound } from '../../errors';
import { type adminProcedure, requireVerifiedEmail } from '../init';

type Ctx = Parameters<Parameters<typeof adminProcedure.mutation>[0]>[0]['ctx'];

/** What became of a webhook endpoint the platform registered or deleted, for the page. */
export type WebhookEndpointOutcome =
  | { action: 'registered'; id: string }
  | { action: 'deleted'; id: string }
  | { action: 'not_deleted'; id: string; message: string };

/**
 * A schema's complaints per form field, in words (`{ secretKey: 'must start with sk_' }`), so
 * the dashboard shows each next to its field instead of one JSON blob.
 */
function credentialFieldErrors(schema: z.ZodType<unknown>, credentials: unknown) {
  const result = schema.safeParse(credentials);
  if (result.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    fields[field] ??= issue.code === 'invalid_type' ? 'is required' : issue.message;
  }
  return fields;
}

/** A provider failure while checking credentials, as the API's error for the merchant. */
function credentialsFailure(provider: ProviderId, error: unknown): unknown {
  if (!isProviderError(error)) return error;
  if (error.code === 'invalid_credentials') {
    return new ApiError('provider_credentials_rejected', error.message, { provider });
  }
  if (error.code === 'mode_mismatch') {
    return new ApiError('validation_error', error.message, { code: error.code });
  }
  return new ApiError(
    'provider_unavailable',
    `${providerDefinition(provider).label} could not check these keys; try again.`,
    { provider },
  );
}

/** Seals, verifies with the provider (Stripe answers for its keys) and upserts one integration. */
export async function saveIntegration(
  ctx: Ctx,
  provider: ProviderId,
  credentials: Record<string, string>,
  options: { verified?: boolean } = {},
) {
  let sealed: ReturnType<typeof sealIntegrationCredentials>;
  try {
    sealed = sealIntegrationCredentials(ctx.keyring, {
      tenantId: ctx.tenantId,
      provider,
      credentials: credentials as never,
    });
  } catch (error) {
    if (isProviderError(error)) {
      throw new ApiError('validation_error', error.message, { code: error.code });
    }
    throw error;
  }
  if (sealed.mode === 'live') requireVerifiedEmail(ctx);
  if (!options.verified) {
    try {
      await verifyProviderCredentials(provider, credentials, {
        apiBaseUrl: ctx.providerApiUrls[provider],
      });
    } catch (error) {
      throw credentialsFailure(provider, error);
    }
  }
  const row = await upsertIntegration(ctx.db, { tenantId: ctx.tenantId, provider, sealed });
  ctx.logger.info({ provider: row.provider, mode: row.mode }, 'integration connected');
  return {
    provider: row.provider,
    mode: row.mode,
    credentials: JSON.parse(row.maskedCredentials) as Record<string, string>,
  };
}

/**
 * Deletes the endpoint the platform registered for a stored integration, best effort: the
 * outcome is reported, never thrown (the merchant may have revoked the key already).
 */
async function releaseWebhookEndpoint(
  ctx: Ctx,
  stored: NonNullable<Awaited<ReturnType<typeof getIntegration>>>,
  keep?: string,
): Promise<WebhookEndpointOutcome | null> {
  const provider = stored.provider as ProviderId;
  let credentials: Record<string, unknown>;
  try {
    credentials = openIntegrationCredentials(ctx.keyring, stored).credentials as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
  const endpoints = providerWebhookEndpoints(provider);
  const id = endpoints ? credentials[endpoints.endpointIdField] : undefined;
  if (typeof id !== 'string' || !id || id === keep) return null;
  try {
    await removeProviderWebhookEndpoint(provider, credentials, {
      apiBaseUrl: ctx.providerApiUrls[provider],
    });
    ctx.logger.info({ provider, endpointId: id }, 'webhook endpoint deleted');
    return { action: 'deleted', id };
  } catch (error) {
    const message = isProviderError(error) ? error.message : 'the provider could not be reached';
    ctx.logger.warn(
      { provider, endpointId: id, code: (error as { code?: unknown }).code },
      'webhook endpoint not deleted',
    );
    return { action: 'not_deleted', id, message };
  }
}

/**
 * Connects (or replaces) one of the tenant's provider accounts from its connect form. When the
 * provider can register the webhook endpoint and the signing secret was left empty, the
 * endpoint is registered at this tenant's receiver URL, built here from configuration (never
 * from the request), and the secret the provider returns is sealed with the keys. A provider's
 * refusal answers `webhook_endpoint_refused` in its own words, with nothing saved: the
 * merchant then sets the endpoint up by hand and types the secret.
 */
export async function connectIntegration(
  ctx: Ctx,
  provider: ProviderId,
  values: Readonly<Record<string, string>>,
) {
  const credentials = credentialsFromForm(provider, values);
  const endpoints = providerWebhookEndpoints(provider);
  const registering = Boolean(endpoints && !credentials[endpoints.secretField]);
  if (registering && endpoints) delete credentials[endpoints.secretField];
  const schema =
    registering && endpoints
      ? endpoints.credentialsSchema
      : providerDefinition(provider).credentialsSchema;
  const fields = credentialFieldErrors(schema, credentials);
  if (fields) throw new ApiError('validation_error', 'Some fields need a fix.', { fields });
  const previous = await getIntegration(ctx.db, { tenantId: ctx.tenantId, provider });

  if (!registering || !endpoints) {
    const saved = await saveIntegration(ctx, provider, credentials);
    const released = previous ? await releaseWebhookEndpoint(ctx, previous) : null;
    return { ...saved, webhookEndpoints: released ? [released] : [] };
  }

  try {
    if (endpoints.modeOf(credentials) === 'live') requireVerifiedEmail(ctx);
  } catch (error) {
    throw credentialsFailure(provider, error);
  }
  const url = providerWebhookUrl(ctx.checkoutUrl, provider, ctx.tenantId);
  const environment = { apiBaseUrl: ctx.providerApiUrls[provider] };
  let registered: Awaited<ReturnType<typeof registerProviderWebhookEndpoint>>;
  try {
    registered = await registerProviderWebhookEndpoint(provider, credentials, {
      tenantId: ctx.tenantId,
      url,
      environment,
    });
  } catch (error) {
    if (isProviderError(error) && error.code === 'invalid_request') {
      ctx.logger.info({ provider }, 'webhook endpoint refused by the provider');
      throw new ApiError('webhook_endpoint_refused', error.message, {
        provider,
        webhookUrl: url,
      });
    }
    throw credentialsFailure(provider, error);
  }
  ctx.logger.info({ provider, endpointId: registered.endpointId }, 'webhook endpoint registered');
  let saved: Awaited<ReturnType<typeof saveIntegration>>;
  try {
    saved = await saveIntegration(ctx, provider, registered.credentials, { verified: true });
  } catch (error) {
    // nothing saved: the endpoint would deliver to a tenant that cannot verify it
    await removeProviderWebhookEndpoint(provider, registered.credentials, environment).catch(
      () => undefined,
    );
    throw error;
  }
  // keys of another account: its old endpoint still delivers here, signed with a lost secret
  const released = previous
    ? await releaseWebhookEndpoint(ctx, previous, registered.endpointId)
    : null;
  return {
    ...saved,
    webhookEndpoints: [
      { action: 'registered', id: registered.endpointId } as WebhookEndpointOutcome,
      ...(released ? [released] : []),
    ],
  };
}

/**
 * Removes a connection and its sealed credentials (checkouts stop offering it at once), then
 * deletes the webhook endpoint the platform registered for it, best effort and reported.
 */
export async function removeIntegration(ctx: Ctx, provider: ProviderId) {
  const stored = await getIntegration(ctx.db, { tenantId: ctx.tenantId, provider });
  const row = await deleteIntegration(ctx.db, { tenantId: ctx.tenantId, provider });
  if (!row || !stored) throw notFound('integration');
  ctx.logger.info({ provider: row.provider }, 'integration removed');
  const released = await releaseWebhookEndpoint(ctx, stored);
  return { provider: row.provider, webhookEndpoint: released };
}
