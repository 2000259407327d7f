export {
  ERROR_STATUS,
  type ErrorBody,
  type ErrorCode,
  errorBody,
  errorResponse,
  type FieldIssue,
  HttpError,
  httpStatusFor,
  isHttpError,
} from './errors';
export {
  assertStorable,
  DEFAULT_MAX_BODY_BYTES,
  MAX_WEBHOOK_BYTES,
  parseInput,
  readBodyBytes,
  readBodyText,
  readJsonBody,
  readJsonRequest,
  readWebhookBody,
  zodIssues,
} from './request';
export { findUnstorableText } from './text';
export { assertWellFormedUrl, malformedUrlProblem } from './url';
