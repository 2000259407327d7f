import { z } from 'zod';

/** One line as a provider shows it (totals from the database; see the API's checkout lines). */
export const checkoutLineItemSchema = z.object({
  name: z.string(),
  unitAmount: z.number().int(),
  quantity: z.number().int().min(1),
  recurring: z
    .object({
      interval: z.enum(['day', 'week', 'month', 'year']),
      intervalCount: z.number().int().min(1),
    })
    .optional(),
});

/**
 * What the commerce API tells the checkout app about an order (`GET /internal/orders/{id}`):
 * the lines, mode and merchant the page shows and the provider charges, and whether it is paid.
 * The API owns orders; the checkout app never reads them from the database.
 */
export const checkoutOrderViewSchema = z.object({
  orderId: z.string(),
  status: z.string(),
  /** PAID, FULFILLED or (partially) refunded: the page shows the paid view, whatever the session says. */
  paid: z.boolean(),
  canceled: z.boolean(),
  mode: z.enum(['payment', 'subscription']),
  lineItems: z.array(checkoutLineItemSchema),
  merchant: z.object({ name: z.string() }),
});

export type CheckoutOrderView = z.output<typeof checkoutOrderViewSchema>;
