import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  serviceName: string;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`; without it (and without `exporter`) nothing is started. */
  otlpEndpoint?: string | undefined;
  /** An exporter of your own, exported span by span (the in-memory one in tests). */
  exporter?: SpanExporter;
}

/**
 * Starts the OpenTelemetry Node SDK for this process (AsyncLocalStorage context, W3C trace
 * context propagation), exporting over OTLP/HTTP. Tracing is off — the API stays a no-op —
 * unless an endpoint or exporter is given. Returns the shutdown, which flushes what is buffered.
 *
 * @example
 * // instrumentation-node.ts
 * startTracing({ serviceName: 'prood-api', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
 */
export function startTracing(options: TracingOptions): (() => Promise<void>) | undefined {
  const processor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : options.otlpEndpoint
      ? new BatchSpanProcessor(
          new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }),
        )
      : undefined;
  if (!processor) return undefined;
  const sdk = new NodeSDK({ serviceName: options.serviceName, spanProcessors: [processor] });
  sdk.start();
  return () => sdk.shutdown();
}
