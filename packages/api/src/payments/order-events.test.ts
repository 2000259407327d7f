import { fulfillmentLog, orders, payments } from '@prood/db/schema';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOB_QUEUES } from '../jobs/queues';
import { ingestPaymentWebhook } from './ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  forwardedHeaders,
  type PaymentsHarness,
  type SandboxEventType,
  type SandboxTenant,
  sandboxEventBody,
} from './testing';

let h: PaymentsHarness;
let tenant: SandboxTenant;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  tenant = await createSandboxTenant(h.db);
});
afterAll(async () => {
  await h?.close();
});

/** The five facts Stripe can tell about one checkout, in our vocabulary. */
const KINDS = ['completed', 'async_succeeded', 'async_failed', 'expired', 'refunded'] as const;
type Kind = (typeof KINDS)[number];

const TYPE_OF: Record<Kind, SandboxEventType> = {
  completed: 'payment.succeeded',
  async_succeeded: 'payment.succeeded',
  async_failed: 'payment.failed',
  expired: 'checkout.expired',
  refunded: 'refund.succeeded',
};

/** What the order must look like once every delivered event was applied, whatever their order. */
function expectedFinal(delivered: readonly Kind[], total: number, refundAmount: number) {
  const seen = new Set(delivered);
  const paid = seen.has('completed') || seen.has('async_succeeded');
  if (paid) {
    const firstPaid = delivered.findIndex((k) => k === 'completed' || k === 'async_succeeded');
    const refundedFirst = delivered.slice(0, firstPaid).includes('refunded');
    const refunded = seen.has('refunded') ? refundAmount : 0;
    return {
      status: refunded === 0 ? 'PAID' : refunded === total ? 'REFUNDED' : 'PARTIALLY_REFUNDED',
      amountPaid: total,
      amountRefunded: refunded,
      // an earlier expiry only ended the attempt: the order was still payable (defect 8)
      needsReview: false,
      paidLogRows: 1,
      // confirmed when paid, unless a full refund was already known at that moment
      mails: refundedFirst && refunded === total ? 0 : 1,
    };
  }
  return {
    // expiry ends the attempt, never the order: it stays payable (issue 12, defect 8)
    status: seen.has('async_failed') ? 'FAILED' : 'PENDING',
    amountPaid: 0,
    amountRefunded: 0,
    needsReview: false,
    paidLogRows: 0,
    mails: 0,
  };
}

describe('order rules: any order and duplication of payment events', () => {
  it('every permutation (with duplicates) of completed, async succeeded/failed, expired, refunded ends right', async () => {
    const deliveries = fc
      .tuple(
        fc.shuffledSubarray([...KINDS], { minLength: 1 }),
        fc.array(fc.constantFrom(...KINDS), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
      )
      .map(([unique, extra, positions]) => {
        // duplicates are redeliveries of an event already in the set, at any position
        const out: Kind[] = [...unique];
        extra.forEach((kind, i) => {
          if (!unique.includes(kind)) return;
          out.splice((positions[i] ?? 0) % (out.length + 1), 0, kind);
        });
        return out;
      });
    await fc.assert(
      fc.asyncProperty(deliveries, fc.boolean(), async (delivered, fullRefund) => {
        const order = await createPayableOrder(h.db, tenant.tenantId);
        const refundAmount = fullRefund ? order.total : 300;
        const base = {
          order_id: order.id,
          checkout_session_id: order.checkoutSessionId ?? undefined,
          session_id: `sbx_cs_${order.id.slice(-8)}`,
          payment_id: `sbx_pay_${order.id.slice(-8)}`,
          currency: 'EUR',
        };
        const bodies = Object.fromEntries(
          KINDS.map((kind) => [
            kind,
            sandboxEventBody(
              tenant.tenantId,
              TYPE_OF[kind],
              kind === 'refunded'
                ? {
                    ...base,
                    amount: refundAmount,
                    refund_id: `sbx_re_${order.id.slice(-8)}`,
                    amount_refunded: refundAmount,
                  }
                : {
                    ...base,
                    amount: order.total,
                    ...(kind === 'async_failed' ? { failure_code: 'bank_declined' } : {}),
                  },
            ),
          ]),
        ) as Record<Kind, { id: string; payload: string }>;

        for (const kind of delivered) {
          const { id, payload } = bodies[kind];
          const result = await ingestPaymentWebhook(h.deps, {
            provider: 'sandbox',
            orgId: tenant.tenantId,
            rawBody: payload,
            headers: forwardedHeaders({
              secret: tenant.secret,
              checkoutSecret: h.checkoutSecret,
              id,
              payload,
            }),
          });
          expect(result.status).toBe(200);
        }

        const want = expectedFinal(delivered, order.total, refundAmount);
        const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
        expect(after).toMatchObject({
          status: want.status,
          amountPaid: want.amountPaid,
          amountRefunded: want.amountRefunded,
          needsReview: want.needsReview,
        });
        expect(after?.snapshot === null).toBe(want.paidLogRows === 0);
        const paidLog = await h.db
          .select()
          .from(fulfillmentLog)
          .where(and(eq(fulfillmentLog.orderId, order.id), eq(fulfillmentLog.event, 'paid')));
        expect(paidLog).toHaveLength(want.paidLogRows);
        const paymentRows = await h.db
          .select()
          .from(payments)
          .where(eq(payments.orderId, order.id));
        expect(paymentRows.filter((p) => p.status === 'succeeded')).toHaveLength(want.paidLogRows);
        const mails = await h.jobs.boss.findJobs(JOB_QUEUES.orderConfirmationEmail, {
          data: { orderId: order.id },
        });
        expect(mails).toHaveLength(want.mails);
      }),
      { numRuns: 60 },
    );
  });
});
