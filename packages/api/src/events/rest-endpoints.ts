import { idSchema } from '@prood/validators';
import { z } from 'zod';
import type { Endpoint, RestContext } from '../rest/endpoint';
import { defineEndpoint } from '../rest/endpoint';
import {
  createWebhookEndpointSchema,
  eventListSchema,
  eventSchema,
  listEventsQuerySchema,
  updateWebhookEndpointSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from './resources';
import {
  createWebhookEndpoint,
  deleteEndpoint,
  type EventsScope,
  getEndpoint,
  getEventResource,
  listEndpoints,
  listEventsPage,
  rotateEndpointSecret,
  updateEndpoint,
} from './service';
import { systemResolver } from './ssrf';

const endpointParams = z.object({ id: idSchema('webhookEndpoint') });

const scopeOf = (ctx: RestContext): EventsScope => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  resolveHost: ctx.resolveHost ?? systemResolver,
});

/** `/v1/events` and `/v1/webhook_endpoints`: the merchant-events half of the REST API. */
export const eventEndpoints: Endpoint[] = [
  defineEndpoint({
    method: 'GET',
    path: '/v1/events',
    operationId: 'listEvents',
    summary: 'List events',
    description:
      'Newest first. Page back with `startingAfter` (the last id you got); poll for what happened since with `endingBefore` (the newest id you have), which returns the events closest after it.',
    tag: 'Events',
    query: listEventsQuerySchema,
    response: eventListSchema,
    errors: ['validation_error', 'not_found'],
    handler: ({ ctx, query }) => listEventsPage(scopeOf(ctx), query),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/events/{id}',
    operationId: 'getEvent',
    summary: 'Retrieve an event',
    tag: 'Events',
    params: z.object({ id: idSchema('event') }),
    response: eventSchema,
    errors: ['not_found'],
    handler: ({ ctx, params }) => getEventResource(scopeOf(ctx), params.id),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/webhook_endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Create a webhook endpoint',
    description:
      'Events of the enabled types are POSTed to `url`, signed per Standard Webhooks with the returned `secret` (shown only now). The mode follows the API key: live endpoints must be https; test endpoints may be `http://localhost`. Private, loopback (live), link-local and metadata addresses are refused, at creation and again at delivery.',
    tag: 'Webhooks',
    body: createWebhookEndpointSchema,
    response: webhookEndpointWithSecretSchema,
    successStatus: 201,
    errors: ['validation_error', 'webhook_url_refused', 'conflict'],
    handler: ({ ctx, body }) => createWebhookEndpoint(scopeOf(ctx), ctx.mode ?? 'live', body),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/webhook_endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'List webhook endpoints',
    tag: 'Webhooks',
    response: z.object({ object: z.literal('list'), data: z.array(webhookEndpointSchema) }),
    errors: [],
    handler: async ({ ctx }) => ({ object: 'list', data: await listEndpoints(scopeOf(ctx)) }),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/webhook_endpoints/{id}',
    operationId: 'getWebhookEndpoint',
    summary: 'Retrieve a webhook endpoint',
    tag: 'Webhooks',
    params: endpointParams,
    response: webhookEndpointSchema,
    errors: ['not_found'],
    handler: ({ ctx, params }) => getEndpoint(scopeOf(ctx), params.id),
  }),
  defineEndpoint({
    method: 'PATCH',
    path: '/v1/webhook_endpoints/{id}',
    operationId: 'updateWebhookEndpoint',
    summary: 'Update a webhook endpoint',
    description: 'Change the url (checked again), event types or description; pause or resume.',
    tag: 'Webhooks',
    params: endpointParams,
    body: updateWebhookEndpointSchema,
    response: webhookEndpointSchema,
    errors: ['validation_error', 'not_found', 'webhook_url_refused'],
    handler: ({ ctx, params, body }) => updateEndpoint(scopeOf(ctx), params.id, body),
  }),
  defineEndpoint({
    method: 'DELETE',
    path: '/v1/webhook_endpoints/{id}',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete a webhook endpoint',
    tag: 'Webhooks',
    params: endpointParams,
    response: z.object({
      id: z.string(),
      object: z.literal('webhook_endpoint'),
      deleted: z.literal(true),
    }),
    errors: ['not_found'],
    handler: ({ ctx, params }) => deleteEndpoint(scopeOf(ctx), params.id),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/webhook_endpoints/{id}/rotate_secret',
    operationId: 'rotateWebhookEndpointSecret',
    summary: 'Rotate a webhook endpoint secret',
    description:
      'Returns a new secret (shown only now). For 24 hours every delivery carries signatures by both the old and the new secret.',
    tag: 'Webhooks',
    params: endpointParams,
    response: webhookEndpointWithSecretSchema,
    errors: ['not_found'],
    handler: ({ ctx, params }) => rotateEndpointSecret(scopeOf(ctx), params.id),
  }),
];
