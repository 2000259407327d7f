import { randomUUID } from 'node:crypto';
import { createRateLimiter, type RateLimiter } from '@prood/http/rate-limit';
import { afterAll, expect } from 'vitest';
import { restEndpoints } from '../rest/endpoints';
import { buildOpenApiDocument } from '../rest/openapi';
import type { ObservedResponse } from '../rest/router';

type Responses = Record<string, unknown>;

/** Statuses an unmatched path may get: no operation to document them on. */
const UNROUTED = new Set([400, 401, 404, 405, 429]);

/**
 * Records every (method, route template, status) the REST API answers in this test file and,
 * after the file's tests, fails when one of them is missing from the OpenAPI document. Every
 * test file that serves the REST API passes `record` as `onResponse`, so together they check
 * the codes the whole suite really saw.
 *
 * @example
 * const statuses = recordDocumentedStatuses();
 * createRestApi(restEndpoints, { ...deps, onResponse: statuses.record });
 */
export function recordDocumentedStatuses() {
  const observed: ObservedResponse[] = [];
  afterAll(() => {
    expect(observed.length, 'no REST response was recorded').toBeGreaterThan(0);
    const paths = buildOpenApiDocument(restEndpoints).paths as Record<
      string,
      Record<string, { responses: Responses }>
    >;
    const undocumented = new Set<string>();
    for (const { method, route, status } of observed) {
      if (route === '/v1/openapi.json') continue; // the document itself
      if (route === null) {
        if (!UNROUTED.has(status)) undocumented.add(`${method} (no route) → ${status}`);
        continue;
      }
      const responses = paths[route]?.[method.toLowerCase()]?.responses ?? {};
      if (!(String(status) in responses)) undocumented.add(`${method} ${route} → ${status}`);
    }
    expect([...undocumented], 'statuses returned but not in the OpenAPI document').toEqual([]);
  });
  return { observed, record: (response: ObservedResponse) => observed.push(response) };
}

/** A rate limiter of the test's own (in-process store, fresh counters). */
export function testRateLimiter(): RateLimiter {
  return createRateLimiter({ prefix: `test:${randomUUID()}` });
}
