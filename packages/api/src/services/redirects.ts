import { redirectUrlProblem } from '@prood/validators';
import { ApiError } from '../errors';

/** Throws 422 `invalid_redirect_url` unless `value` is on the tenant's allowed origins. */
export function assertAllowedRedirect(
  field: string,
  value: string,
  allowedOrigins: readonly string[],
): string {
  const problem = redirectUrlProblem(value, allowedOrigins);
  if (problem) throw new ApiError('invalid_redirect_url', `${field} ${problem}.`, { field });
  return new URL(value).toString();
}
