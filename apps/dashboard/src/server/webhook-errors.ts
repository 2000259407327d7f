import { isIP } from 'node:net';
import { TRPCClientError } from '@trpc/client';
import type { createTranslator } from 'next-intl';
import type { Messages } from '../i18n/messages';
import { type ActionResult, failure } from './action-result';

/** The webhooks messages' translator (`getTranslations('webhooks')` or `createTranslator`). */
export type Words = (key: WebhookKey, values?: Record<string, string | number>) => string;
type WebhookKey = Parameters<ReturnType<typeof createTranslator<Messages, 'webhooks'>>>[0];

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return url;
  }
};

/** Why the API refused a URL (its `details.reason`), in words from the webhooks messages. */
function urlRefusal(t: Words, reason: unknown, url: string, mode: 'test' | 'live'): string {
  const host = hostOf(url);
  switch (reason) {
    case 'scheme':
      return mode === 'live' ? t('errors.urlSchemeLive') : t('errors.urlSchemeTest');
    case 'credentials':
      return t('errors.urlCredentials');
    case 'dns':
      return t('errors.urlDns', { host });
    case 'address':
      if (mode === 'live' && /^(localhost|127\.|::1$)/.test(host)) {
        return t('errors.urlLoopbackLive', { host });
      }
      return isIP(host) ? t('errors.urlAddressIp', { host }) : t('errors.urlAddressHost', { host });
    default:
      return t('errors.urlInvalid');
  }
}

/**
 * A failed webhooks call in the webhooks messages' words: the API's codes, its refusal of a URL
 * (next to the URL field) and its validation issues (next to their fields); never the API's
 * English or raw validation output.
 */
export function webhookFailure(
  t: Words,
  error: unknown,
  submitted?: { url: string; mode: 'test' | 'live' },
  /** What a `conflict` means where the call was made. */
  conflict: 'tooMany' | 'enableFirst' = 'tooMany',
): ActionResult {
  const result = failure(error);
  const data = error instanceof TRPCClientError ? error.data : undefined;
  const fieldErrors: Record<string, string> = {};
  for (const field of Object.keys(result.fieldErrors ?? {})) {
    if (field === 'url') fieldErrors.url = t('errors.urlTooLong');
    else if (field === 'description') fieldErrors.description = t('errors.descriptionTooLong');
    else if (field === 'enabledEvents') fieldErrors.enabledEvents = t('actions.chooseEvents');
  }
  let message: string = result.message;
  if (result.code === 'webhook_url_refused') {
    const reason = (data?.details as { reason?: unknown } | null | undefined)?.reason;
    fieldErrors.url = urlRefusal(t, reason, submitted?.url ?? '', submitted?.mode ?? 'test');
    message = t('actions.fixFields');
  } else if (data?.zodError) message = t('actions.fixFields');
  else if (result.code === 'not_found') message = t('errors.notFound');
  else if (result.code === 'email_not_verified') message = t('errors.emailNotVerified');
  else if (result.code === 'conflict') message = t(`errors.${conflict}`);
  else if (data?.code === 'FORBIDDEN') message = t('errors.forbidden');
  else if (data?.code === 'NOT_FOUND') message = t('errors.notFound');
  return {
    ...result,
    message,
    ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : { fieldErrors: undefined }),
  };
}
