import { idSchema } from '@prood/validators';
import { z } from 'zod';
import {
  createWebhookEndpointSchema,
  eventTypeSchema,
  updateWebhookEndpointSchema,
} from '../../events/resources';
import {
  createWebhookEndpoint,
  deleteEndpoint,
  type EventsScope,
  getDeliveryDetail,
  getEndpoint,
  getEventResource,
  listDeliveries,
  listEndpoints,
  listEventsPage,
  resendDelivery,
  rotateEndpointSecret,
  updateEndpoint,
} from '../../events/service';
import { systemResolver } from '../../events/ssrf';
import { EVENT_TYPES } from '../../events/types';
import { adminProcedure, requireVerifiedEmail, router } from '../init';

const scopeOf = (ctx: { db: EventsScope['db']; tenantId: string }): EventsScope => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  resolveHost: systemResolver,
});

const endpointId = z.object({ id: idSchema('webhookEndpoint') });

/**
 * The dashboard's webhooks pages: endpoints, their deliveries (with attempts and payload) and
 * resend. Owners and admins only: an endpoint decides where the tenant's data is sent.
 */
export const webhooksRouter = router({
  /** Every event type an endpoint can subscribe to, in the reference's order. */
  eventTypes: adminProcedure.query(() => [...EVENT_TYPES]),
  listEndpoints: adminProcedure.query(({ ctx }) => listEndpoints(scopeOf(ctx))),
  getEndpoint: adminProcedure
    .input(endpointId)
    .query(({ ctx, input }) => getEndpoint(scopeOf(ctx), input.id)),
  /** Returns the secret once. */
  createEndpoint: adminProcedure
    .input(createWebhookEndpointSchema.extend({ mode: z.enum(['test', 'live']) }))
    .mutation(({ ctx, input }) => {
      const { mode, ...body } = input;
      if (mode === 'live') requireVerifiedEmail(ctx);
      return createWebhookEndpoint(scopeOf(ctx), mode, body);
    }),
  updateEndpoint: adminProcedure
    .input(endpointId.extend({ patch: updateWebhookEndpointSchema }))
    .mutation(({ ctx, input }) => updateEndpoint(scopeOf(ctx), input.id, input.patch)),
  deleteEndpoint: adminProcedure
    .input(endpointId)
    .mutation(({ ctx, input }) => deleteEndpoint(scopeOf(ctx), input.id)),
  /** Returns the new secret once; the old one signs too for 24 hours. */
  rotateSecret: adminProcedure
    .input(endpointId)
    .mutation(({ ctx, input }) => rotateEndpointSecret(scopeOf(ctx), input.id)),
  listDeliveries: adminProcedure
    .input(
      z.object({
        endpointId: idSchema('webhookEndpoint').optional(),
        eventId: idSchema('event').optional(),
        status: z.enum(['pending', 'succeeded', 'failed']).optional(),
        eventType: eventTypeSchema.optional(),
        startingAfter: idSchema('webhookDelivery').optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(({ ctx, input }) => listDeliveries(scopeOf(ctx), input)),
  /** One delivery: its attempts (time, status, excerpt, duration) and the exact payload. */
  getDelivery: adminProcedure
    .input(z.object({ id: idSchema('webhookDelivery') }))
    .query(({ ctx, input }) => getDeliveryDetail(scopeOf(ctx), input.id)),
  resendDelivery: adminProcedure
    .input(z.object({ id: idSchema('webhookDelivery') }))
    .mutation(({ ctx, input }) => resendDelivery(scopeOf(ctx), input.id)),
  listEvents: adminProcedure
    .input(
      z.object({
        type: z.array(eventTypeSchema).optional(),
        startingAfter: idSchema('event').optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(({ ctx, input }) =>
      listEventsPage(scopeOf(ctx), {
        type: input.type,
        startingAfter: input.startingAfter,
        limit: input.limit,
        createdFrom: undefined,
        createdBefore: undefined,
        endingBefore: undefined,
      }),
    ),
  /** One event as `GET /v1/events/{id}` returns it. */
  getEvent: adminProcedure
    .input(z.object({ id: idSchema('event') }))
    .query(({ ctx, input }) => getEventResource(scopeOf(ctx), input.id)),
});
