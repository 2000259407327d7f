import { HttpError } from '@prood/http';

/**
 * The API's errors are the platform's one envelope (`@prood/http`): values with stable codes,
 * mapped to HTTP status in one table there.
 */
export {
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  HttpError as ApiError,
  httpStatusFor,
} from '@prood/http';

export const notFound = (what: string) => new HttpError('not_found', `No such ${what}.`);
