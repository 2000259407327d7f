import { TRPCClientError } from '@trpc/client';

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
    return `Use ${issue.minimum} or more.`;
  if (issue.origin === 'number' && issue.code === 'too_big' && issue.maximum !== undefined)
    return `Use ${issue.maximum} or less.`;
  if (issue.origin === 'array' && issue.code === 'too_small') return 'Choose at least one.';
  if (issue.code === 'too_big' && issue.maximum !== undefined)
    return `Use at most ${issue.maximum} characters.`;
  if (issue.code === 'too_small' && issue.minimum !== undefined)
    return Number(issue.minimum) <= 1
      ? 'This is required.'
      : `Use at least ${issue.minimum} characters.`;
  if (issue.code === 'invalid_type') return 'This is required.';
  return issue.message
    ? `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`
    : 'Check this field.';
}

/**
 * A failed API call as a form result: the API's message, its app code, and field errors from
 * either its `details.fields` (provider schemas) or its zod issues (input validation).
 */
export function failure(error: unknown): ActionResult {
  if (!(error instanceof TRPCClientError)) {
    return { ok: false, message: 'Something went wrong. Try again in a moment.' };
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
  const message = data?.zodError ? 'Some fields need a fix.' : error.message;
  return {
    ok: false,
    message,
    code: data?.appCode ?? null,
    ...(hasFields ? { fieldErrors } : {}),
  };
}

export const success = (message: string): ActionResult => ({ ok: true, message });
