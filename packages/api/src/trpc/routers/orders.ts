import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { orderStatuses } from '../../schemas';
import {
  cancelOrder,
  getOrderWithItems,
  listOrdersWithItems,
  toOrderResource,
} from '../../services/orders';
import { router, tenantProcedure } from '../init';

export const ordersRouter = router({
  list: tenantProcedure
    .input(
      z.object({
        status: z.array(z.enum(orderStatuses)).optional(),
        unpaid: z.boolean().optional(),
        createdFrom: z.date().optional(),
        createdBefore: z.date().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listOrdersWithItems(ctx, {
        ...(input.status ? { status: input.status } : {}),
        ...(input.unpaid !== undefined ? { unpaid: input.unpaid } : {}),
        ...(input.createdFrom ? { createdFrom: input.createdFrom } : {}),
        ...(input.createdBefore ? { createdBefore: input.createdBefore } : {}),
        limit: input.limit,
      });
      return rows.map(toOrderResource);
    }),
  get: tenantProcedure
    .input(z.object({ id: idSchema('order') }))
    .query(async ({ ctx, input }) => toOrderResource(await getOrderWithItems(ctx, input.id))),
  cancel: tenantProcedure
    .input(z.object({ id: idSchema('order') }))
    .mutation(async ({ ctx, input }) => toOrderResource(await cancelOrder(ctx, input.id))),
});
