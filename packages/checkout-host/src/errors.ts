/** Why a checkout-host call failed; `code` is stable, the message is for people. */
export type CheckoutHostErrorCode =
  | 'invalid_input'
  | 'session_not_found'
  | 'session_conflict'
  | 'session_corrupt'
  | 'store_unavailable';

export class CheckoutHostError extends Error {
  override name = 'CheckoutHostError';
  readonly code: CheckoutHostErrorCode;
  readonly details: Record<string, unknown>;
  constructor(
    code: CheckoutHostErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.details = details;
  }
}

export interface InputIssue {
  /** Dotted path of the offending field, e.g. `amount` or `customerInfo.email`. */
  field: string;
  message: string;
}

/** Arguments failed validation; `details.issues` lists each field and why. */
export class CheckoutInputError extends CheckoutHostError {
  override name = 'CheckoutInputError';
  readonly issues: InputIssue[];
  constructor(fn: string, issues: InputIssue[]) {
    const summary = issues.map((i) => `${i.field} ${i.message}`).join('; ');
    super('invalid_input', `${fn}: ${summary}`, { issues });
    this.issues = issues;
  }
}

/** No such session (never created, or its key expired and was deleted). */
export class SessionNotFoundError extends CheckoutHostError {
  override name = 'SessionNotFoundError';
  constructor(id: string) {
    super('session_not_found', `Checkout session ${id} was not found`, { id });
  }
}

/** Another writer saved first: reload the session, re-apply the step, save again. */
export class SessionConflictError extends CheckoutHostError {
  override name = 'SessionConflictError';
  readonly expectedVersion: number;
  readonly actualVersion: number | undefined;
  constructor(id: string, expectedVersion: number, actualVersion?: number) {
    super(
      'session_conflict',
      `Checkout session ${id} changed since version ${expectedVersion}${actualVersion === undefined ? '' : ` (now ${actualVersion})`}; reload and retry`,
      { id, expectedVersion, actualVersion },
    );
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

export function isSessionConflictError(error: unknown): error is SessionConflictError {
  return error instanceof SessionConflictError;
}
