import { TRPCClientError } from '@trpc/client';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages';
import { webhookFailure } from './webhook-errors';

const t = createTranslator({ locale: 'en', messages: en, namespace: 'webhooks' });

/** A tRPC failure shaped as the API's errorFormatter sends it. */
function apiError(
  message: string,
  data: { code: string; appCode?: string | null; details?: unknown; zodError?: unknown },
) {
  return TRPCClientError.from({
    error: {
      message,
      code: -32600,
      data: { appCode: null, details: null, zodError: null, httpStatus: 400, ...data },
    },
  });
}

const refused = (reason: string, message = 'x') =>
  apiError(message, {
    code: 'UNPROCESSABLE_CONTENT',
    appCode: 'webhook_url_refused',
    details: { field: 'url', reason },
  });

describe('webhook failures in words', () => {
  it('puts a refused URL next to the URL field, in the messages’ words for its mode', () => {
    const live = webhookFailure(t, refused('address'), { url: 'http://127.0.0.1', mode: 'live' });
    expect(live.message).toBe('Some fields need a fix.');
    expect(live.fieldErrors?.url).toBe(
      '127.0.0.1 may not receive webhooks in live mode: it is this machine. Use a test endpoint for http://localhost.',
    );
    const metadata = webhookFailure(t, refused('address'), {
      url: 'http://169.254.169.254/latest',
      mode: 'test',
    });
    expect(metadata.fieldErrors?.url).toMatch(
      /^169\.254\.169\.254 may not receive webhooks: it is/,
    );
    const ipv6 = webhookFailure(t, refused('address'), { url: 'https://[fd00::1]/', mode: 'live' });
    expect(ipv6.fieldErrors?.url).toMatch(/^fd00::1 may not receive webhooks/);
    const host = webhookFailure(t, refused('address'), {
      url: 'https://internal.example/hook',
      mode: 'live',
    });
    expect(host.fieldErrors?.url).toContain(
      'internal.example may not receive webhooks: it resolves',
    );
    expect(
      webhookFailure(t, refused('scheme'), { url: 'http://a.example', mode: 'live' }).fieldErrors
        ?.url,
    ).toBe('Live endpoints must use https.');
    expect(
      webhookFailure(t, refused('dns'), { url: 'https://nope.invalid', mode: 'test' }).fieldErrors
        ?.url,
    ).toBe('nope.invalid does not resolve: check the host name.');
    expect(
      webhookFailure(t, refused('invalid_url'), { url: '', mode: 'test' }).fieldErrors?.url,
    ).toBe('Enter a full URL, such as https://shop.example/webhooks.');
  });

  it('never shows validation JSON: over-long fields get words, the message stays short', () => {
    const zod = [
      { code: 'too_big', origin: 'string', maximum: 2048, path: ['url'], message: 'Too big' },
      {
        code: 'too_big',
        origin: 'string',
        maximum: 500,
        path: ['description'],
        message: 'Too big',
      },
    ];
    const result = webhookFailure(
      t,
      apiError(JSON.stringify(zod), { code: 'BAD_REQUEST', zodError: zod }),
      { url: 'https://a.example', mode: 'test' },
    );
    expect(result.message).toBe('Some fields need a fix.');
    expect(result.fieldErrors).toEqual({
      url: 'Use at most 2,048 characters.',
      description: 'Use at most 500 characters.',
    });
    expect(JSON.stringify(result)).not.toContain('too_big');
  });

  it('turns API codes into the webhooks messages’ words', () => {
    const conflict = apiError('At most 16 webhook endpoints per account.', {
      code: 'CONFLICT',
      appCode: 'conflict',
    });
    expect(webhookFailure(t, conflict).message).toContain('most endpoints an account can have');
    expect(webhookFailure(t, conflict, undefined, 'enableFirst').message).toBe(
      'Enable the endpoint before resending to it.',
    );
    const gone = apiError('No such endpoint.', { code: 'NOT_FOUND', appCode: 'not_found' });
    expect(webhookFailure(t, gone).message).toBe(
      'This endpoint or delivery no longer exists. Reload the page.',
    );
    const member = apiError('This needs the owner or admin role.', { code: 'FORBIDDEN' });
    expect(webhookFailure(t, member).message).toBe('Only owners and admins manage webhooks.');
    const unverified = apiError('x', { code: 'FORBIDDEN', appCode: 'email_not_verified' });
    const result = webhookFailure(t, unverified);
    expect(result.code).toBe('email_not_verified');
    expect(result.message).toContain('Confirm your email address before going live');
  });
});
