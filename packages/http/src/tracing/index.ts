import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

export { startTracing, type TracingOptions } from './sdk';

const tracer = () => trace.getTracer('prood');

/** W3C trace context as it travels in headers and job payloads: `traceparent`, `tracestate`. */
export type TraceCarrier = Record<string, string>;

/**
 * Runs `fn` in a span (ended, status set, exception recorded). Without a registered SDK the
 * OpenTelemetry API is a no-op and this costs nothing.
 *
 * @example
 * await withSpan('api.webhook.ingest', { 'prood.provider': 'stripe' }, () => ingest());
 */
export function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  options: { kind?: SpanKind; parent?: TraceCarrier | undefined } = {},
): Promise<T> {
  const parent = options.parent
    ? propagation.extract(context.active(), options.parent)
    : context.active();
  return tracer().startActiveSpan(
    name,
    { attributes, kind: options.kind ?? SpanKind.INTERNAL },
    parent,
    async (span) => {
      try {
        const result = await fn(span);
        return result;
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active trace context, to put into an outgoing request's headers or a job's payload. */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace context of an incoming request's headers (`traceparent`, `tracestate`). */
export function traceCarrierFrom(headers: Headers): TraceCarrier {
  const carrier: TraceCarrier = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers.get(name);
    if (value) carrier[name] = value;
  }
  return carrier;
}

/** Records the HTTP status a span's work answered with. */
export function setHttpStatus(span: Span, status: number): void {
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}

export { SpanKind };

const requestIds = new AsyncLocalStorage<string>();

/** Runs `fn` with `requestId` as the current request id (read by `currentRequestId`). */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return requestIds.run(requestId, fn);
}

/** The request id of the request this code runs for, if any (job payloads carry it on). */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** An incoming `x-request-id` when it is well-formed, else undefined (never a forged log line). */
export function incomingRequestId(headers: Headers): string | undefined {
  const value = headers.get('x-request-id');
  return value && REQUEST_ID.test(value) ? value : undefined;
}

/**
 * What travels with a background job so its logs and spans join the request that caused it.
 * Stored in the job's payload as `meta`.
 */
export interface JobTraceMeta {
  requestId?: string;
  trace?: TraceCarrier;
}

/** The `meta` to put into a job enqueued now. */
export function jobTraceMeta(): JobTraceMeta {
  const requestId = currentRequestId();
  const trace = currentTraceCarrier();
  return {
    ...(requestId ? { requestId } : {}),
    ...(Object.keys(trace).length > 0 ? { trace } : {}),
  };
}
