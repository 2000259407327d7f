import type { OrderStatus } from '@prood/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition, ORDER_TRANSITIONS, refundState } from './order-rules';

const STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

describe('order rules (pure)', () => {
  it('refunds never exceed what was paid, and a paid order only moves forward', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OrderStatus>('PAID', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 6 }),
        (start, paid, reports) => {
          let order = {
            status: start,
            amountPaid: paid,
            amountRefunded: start === 'REFUNDED' ? paid : 0,
          };
          for (const known of reports) {
            const next = refundState(order, known);
            expect(next.amountRefunded).toBeLessThanOrEqual(paid);
            expect(next.amountRefunded).toBeGreaterThanOrEqual(order.amountRefunded);
            if (next.status !== order.status)
              expect(canTransition(order.status, next.status)).toBe(true);
            order = { ...order, ...next };
          }
        },
      ),
    );
  });

  it('REFUNDED is terminal and nothing returns to PENDING except a FAILED order’s new attempt', () => {
    expect(ORDER_TRANSITIONS.REFUNDED).toEqual([]);
    for (const from of STATUSES) {
      expect(canTransition(from, 'PENDING')).toBe(from === 'FAILED');
    }
  });
});
