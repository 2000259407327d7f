import { z } from 'zod';

export const createRefundSchema = z.strictObject({
  amount: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Minor units. Omit to refund everything not yet refunded.'),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
});

export const refundSchema = z.object({
  id: z.string(),
  object: z.literal('refund'),
  orderId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
