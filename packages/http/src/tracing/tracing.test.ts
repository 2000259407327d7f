import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  currentRequestId,
  jobTraceMeta,
  runWithRequestId,
  SpanKind,
  startTracing,
  withSpan,
} from '.';

const spans = new InMemorySpanExporter();
const stop = startTracing({ serviceName: 'prood-test', exporter: spans });
afterAll(() => stop?.());

describe('tracing', () => {
  it('is off without an endpoint or exporter', () => {
    expect(startTracing({ serviceName: 'x' })).toBeUndefined();
  });

  it('a job continues the trace and request id of the request that enqueued it', async () => {
    const meta = await runWithRequestId('req_test_0001', () =>
      withSpan('api.webhook.ingest', {}, async () => jobTraceMeta(), { kind: SpanKind.SERVER }),
    );
    expect(meta.requestId).toBe('req_test_0001');
    expect(meta.trace?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    // later, in a worker process: no active context, only the payload
    expect(currentRequestId()).toBeUndefined();
    await withSpan('job order-confirmation-email', {}, async () => {}, { parent: meta.trace });
    const [ingest, job] = await vi.waitFor(() => {
      const finished = spans.getFinishedSpans();
      if (finished.length < 2) throw new Error('not exported yet');
      return finished;
    });
    expect(job?.spanContext().traceId).toBe(ingest?.spanContext().traceId);
    expect(job?.parentSpanContext?.spanId).toBe(ingest?.spanContext().spanId);
  });

  it('records a failure on the span and rethrows it', async () => {
    spans.reset();
    await expect(withSpan('boom', {}, () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    // the processor exports once the SDK's resource detection has settled
    const failed = await vi.waitFor(() => {
      const span = spans.getFinishedSpans().find((s) => s.name === 'boom');
      if (!span) throw new Error('not exported yet');
      return span;
    });
    expect(failed.status.code).toBe(2);
  });
});
