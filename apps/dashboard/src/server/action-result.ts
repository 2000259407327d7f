import { TRPCClientError } from '@trpc/client';
import { createTranslator } from 'next-intl';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { en } from '../i18n/messages';

/**
 * The generic words of a failed action. Synchronous on purpose (every action calls `failure` in
 * a catch); with one language the request's locale is always the default one.
 */
const t = createTranslator({ locale: DEFAULT_LOCALE, messages: en, namespace: 'common.errors' });

/** What a server action tells its form: a message for a toast and errors per field, in words. */
export interface ActionResult {
  ok: boolean;
  message: string;
  /** The API's stable code, e.g. `email_not_verified`, for forms that react to one. */
  code?: string | null | undefined;
  fieldErrors?: Record<string, string> | undefined;
}

interface ZodIssueLike {
  code?: string;
  /** What was measured by too_small / too_big: `string`, `number`, `array`, … */
  origin?: string;
  path?: (string | number)[];
  message?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
}

/** A zod issue in words a merchant reads, never the issue object. */
function issueInWords(issue: ZodIssueLike): string {
  // a message the API wrote for people (zod's own start "Too small", "Invalid", …) is kept
  if (issue.message && !/^(Too (small|big)|Invalid)/.test(issue.message))
    return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
  if (issue.origin === 'number' && issue.code === 'too_small' && issue.minimum !== undefined)
    return t('numberMin', { min: Number(issue.minimum) });
  if (issue.origin === 'number' && issue.code === 'too_big' && issue.maximum !== undefined)
    return t('numberMax', { max: Number(issue.maximum) });
  if (issue.origin === 'array' && issue.code === 'too_small') return t('chooseOne');
  if (issue.code === 'too_big' && issue.maximum !== undefined)
    return t('textMax', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.minimum !== undefined)
    return Number(issue.minimum) <= 1
      ? t('required')
      : t('textMin', { min: Number(issue.minimum) });
  if (issue.code === 'invalid_type') return t('required');
  return issue.message
    ? `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`
    : t('checkField');
}

/** Words for API codes, from the calling area's messages: `{ not_found: t('gone') }`. */
export type CodeWords = Partial<Record<string, string>>;

/**
 * A failed API call as a form result: words for its app code (the caller's `words`, else the
 * common ones where a code means one thing everywhere, else the API's own message), the code,
 * and field errors from either its `details.fields` (provider schemas) or its zod issues.
 *
 * @example
 * return failure(error, { not_found: t('errors.invitationGone') });
 */
export function failure(error: unknown, words: CodeWords = {}): ActionResult {
  if (!(error instanceof TRPCClientError)) {
    return { ok: false, message: t('generic') };
  }
  const data = error.data as
    | {
        appCode?: string | null;
        details?: { fields?: Record<string, string> } | null;
        zodError?: ZodIssueLike[] | null;
      }
    | undefined;
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(data?.details?.fields ?? {})) {
    fieldErrors[field] = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`.replace(
      /\.\.$/,
      '.',
    );
  }
  for (const issue of data?.zodError ?? []) {
    const field = String(issue.path?.at(-1) ?? 'form');
    fieldErrors[field] ??= issueInWords(issue);
  }
  const hasFields = Object.keys(fieldErrors).length > 0;
  // a zod failure's own message is the JSON of its issues: never shown
  const code = data?.appCode ?? null;
  const message = data?.zodError
    ? t('fixFields')
    : ((code ? words[code] : undefined) ??
      (error.data?.code === 'UNAUTHORIZED' ? t('code.unauthorized') : undefined) ??
      (error.message || t('generic')));
  return {
    ok: false,
    message,
    code,
    ...(hasFields ? { fieldErrors } : {}),
  };
}

export const success = (message: string): ActionResult => ({ ok: true, message });
