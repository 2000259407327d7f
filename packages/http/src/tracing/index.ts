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
