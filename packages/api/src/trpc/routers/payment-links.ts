import { hasPaymentLink } from '@prood/db';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { createPaymentLinkSchema, updatePaymentLinkSchema } from '../../schemas';
import {
  createPaymentLinkRecord,
  decodeLinkCursor,
  encodeLinkCursor,
  getPaymentLinkDetail,
  listPaymentLinkResources,
  updatePaymentLink,
} from '../../services/payment-links';
import { adminProcedure, router, tenantProcedure } from '../init';

const linkId = z.object({ id: z.union([idSchema('paymentLink'), idSchema('productLink')]) });

type LinkCtx = Parameters<typeof createPaymentLinkRecord>[0];
const linkContext = (ctx: Omit<LinkCtx, 'checkoutUrl'> & { checkoutUrl: string }): LinkCtx => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  logger: ctx.logger,
  checkoutApp: ctx.checkoutApp,
  checkoutUrl: ctx.checkoutUrl,
});

/**
 * The dashboard's payment links: every member reads them, owners and admins create and disable
 * them. Another tenant's link id answers NOT_FOUND, like a missing one.
 */
export const paymentLinksRouter = router({
  list: tenantProcedure
    .input(
      z.object({
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listPaymentLinkResources(linkContext(ctx), {
        limit: input.limit,
        after: decodeLinkCursor(input.cursor),
      });
      return { links: page.data, nextCursor: page.next ? encodeLinkCursor(page.next) : null };
    }),
  /** Whether the tenant has made any link yet (the onboarding checklist's step). */
  exists: tenantProcedure.query(({ ctx }) => hasPaymentLink(ctx.db, { tenantId: ctx.tenantId })),
  /** One link with the orders it produced. */
  get: tenantProcedure
    .input(linkId)
    .query(({ ctx, input }) => getPaymentLinkDetail(linkContext(ctx), input.id)),
  create: adminProcedure
    .input(createPaymentLinkSchema)
    .mutation(({ ctx, input }) => createPaymentLinkRecord(linkContext(ctx), input)),
  update: adminProcedure
    .input(linkId.extend({ patch: updatePaymentLinkSchema }))
    .mutation(({ ctx, input }) => updatePaymentLink(linkContext(ctx), input.id, input.patch)),
});
