/**
 * The benchmark's baseline: the storefront's two hot requests done with no framework —
 * node:http, postgres.js and hand-written SQL; no Next.js, router, zod, drizzle, idempotency
 * layer or logger. It reads and writes the same rows as the API (key by hash, organization,
 * prices and products, coupon, tax rate, order + items in one transaction; for checkout the
 * order row locked, one HTTP call to the checkout app, the row updated) and uses the API's own
 * pure `computeOrderTotals`, so both servers store identical money.
 *
 * Started by api.bench.ts as a process of its own, like `next start`, so it never shares an
 * event loop with autocannon. Usage: tsx bench/raw-server.ts '<json config>'
 */
import { createHash, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { machineRequest } from '@prood/http/machine-client';
import { newId } from '@prood/validators';
import postgres from 'postgres';
import { computeOrderTotals, type DiscountInput } from '../src/services/totals';

export interface RawServerConfig {
  port: number;
  databaseUrl: string;
  checkoutUrl: string;
  checkoutSecret: string;
  /** Same pool size as the API's `getDatabase()` (DATABASE_POOL_MAX, default 10). */
  poolMax: number;
}

interface OrderItemInput {
  priceId?: string;
  productId?: string;
  quantity: number;
}

interface OrderBody {
  items: OrderItemInput[];
  customer: {
    name: string;
    email: string;
    phone?: string | null;
    address?: { country: string } | null;
    country?: string | null;
  };
  fulfillment: { method: string; appointmentAt?: string | null };
  couponCode?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as RawServerConfig;
const sql = postgres(config.databaseUrl, {
  max: config.poolMax,
  onnotice: () => {},
  connection: { application_name: 'prood-bench-raw' },
});

const PAID = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'];
const REFERENCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function reference(): string {
  let out = '#';
  for (let i = 0; i < 8; i += 1) out += REFERENCE_ALPHABET[randomInt(36)];
  return out;
}

async function authenticate(req: IncomingMessage): Promise<string> {
  const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!secret) throw new HttpError(401, 'unauthorized');
  const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
  const [key] = await sql<{ id: string; tenant_id: string; last_used_at: Date | null }[]>`
    select id, tenant_id, last_used_at from api_keys
    where hashed_key = ${hash} and revoked_at is null limit 1`;
  if (!key) throw new HttpError(401, 'unauthorized');
  // the API's rule: at most one last_used_at write per key per minute
  if (!key.last_used_at || Date.now() - key.last_used_at.getTime() > 60_000) {
    await sql`update api_keys set last_used_at = now() where id = ${key.id}`;
  }
  return key.tenant_id;
}

async function createOrder(tenantId: string, body: OrderBody) {
  const [organization] = await sql<{ default_currency: string }[]>`
    select default_currency from organizations where id = ${tenantId}`;
  if (!organization) throw new HttpError(404, 'not_found');
  const priceIds = body.items.flatMap((i) => (i.priceId ? [i.priceId] : []));
  const productIds = body.items.flatMap((i) => (i.productId ? [i.productId] : []));

  return sql.begin(async (tx) => {
    const rows = await tx<
      {
        id: string;
        product_id: string;
        currency: string;
        unit_amount: string;
        price_active: boolean;
        name: string;
        product_active: boolean;
        track_stock: boolean;
        stock: number | null;
      }[]
    >`
      select pr.id, pr.product_id, pr.currency, pr.unit_amount, pr.active as price_active,
             p.name, p.active as product_active, p.track_stock, p.stock
      from prices pr join products p on p.id = pr.product_id and p.tenant_id = pr.tenant_id
      where pr.tenant_id = ${tenantId}
        and (pr.id = any(${priceIds}::text[])
             or (pr.product_id = any(${productIds}::text[]) and pr.active))
      order by pr.created_at, pr.id`;
    const lines = body.items.map((item) => {
      const row = item.priceId
        ? rows.find((r) => r.id === item.priceId)
        : rows.find((r) => r.product_id === item.productId && r.price_active);
      if (!row) throw new HttpError(404, 'not_found');
      if (!row.product_active || !row.price_active) throw new HttpError(422, 'product_inactive');
      if (row.track_stock && (row.stock ?? 0) < item.quantity) {
        throw new HttpError(409, 'out_of_stock');
      }
      return { row, quantity: item.quantity, unitAmount: Number(row.unit_amount) };
    });
    const currency = lines[0]?.row.currency ?? organization.default_currency;
    const email = body.customer.email.toLowerCase();
    const subtotal = lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);

    let coupon: { id: string; discount: DiscountInput } | null = null;
    if (body.couponCode) {
      const [c] = await tx<
        {
          id: string;
          kind: 'percent' | 'fixed';
          percent_off_bps: number | null;
          amount_off: string | null;
          currency: string | null;
          expires_at: Date | null;
          max_uses: number | null;
          times_used: number;
          min_order_amount: string | null;
          active: boolean;
        }[]
      >`
        select id, kind, percent_off_bps, amount_off, currency, expires_at, max_uses, times_used,
               min_order_amount, active
        from coupons where tenant_id = ${tenantId} and code = ${body.couponCode} limit 1`;
      if (!c?.active) throw new HttpError(422, 'coupon_not_found');
      if (c.expires_at && c.expires_at <= new Date()) throw new HttpError(422, 'coupon_expired');
      if (c.max_uses !== null && c.times_used >= c.max_uses) {
        throw new HttpError(422, 'coupon_exhausted');
      }
      if (c.min_order_amount !== null && subtotal < Number(c.min_order_amount)) {
        throw new HttpError(422, 'coupon_minimum_not_met');
      }
      coupon = {
        id: c.id,
        discount:
          c.kind === 'percent'
            ? { kind: 'percent', percentOffBps: c.percent_off_bps ?? 0 }
            : { kind: 'fixed', amountOff: Number(c.amount_off ?? 0) },
      };
    }
    const country = body.customer.address?.country ?? body.customer.country ?? null;
    const [tax] = country
      ? await tx<{ rate_bps: number; inclusive: boolean }[]>`
          select rate_bps, inclusive from tax_rates
          where tenant_id = ${tenantId} and country = ${country} and active
          order by created_at limit 1`
      : [];
    const totals = computeOrderTotals(
      lines.map((l) => ({ unitAmount: l.unitAmount, quantity: l.quantity })),
      coupon?.discount ?? null,
      tax ? { rateBps: tax.rate_bps, inclusive: tax.inclusive } : null,
    );

    const orderId = newId('order');
    const [order] = await tx`
      insert into orders (id, tenant_id, reference, status, currency, subtotal, discount_total,
        tax_total, total, customer, customer_email, fulfillment, appointment_at, coupon_id)
      values (${orderId}, ${tenantId}, ${reference()}, 'PENDING', ${currency}, ${totals.subtotal},
        ${totals.discountTotal}, ${totals.taxTotal}, ${totals.total},
        ${tx.json({ ...body.customer, email })}, ${email}, ${body.fulfillment.method},
        ${body.fulfillment.appointmentAt ?? null}, ${coupon?.id ?? null})
      returning *`;
    const items = await tx`
      insert into order_items ${tx(
        lines.map((line, i) => {
          const t = totals.lines[i];
          if (!t) throw new Error('totals and lines differ in length');
          return {
            id: newId('orderItem'),
            tenant_id: tenantId,
            order_id: orderId,
            product_id: line.row.product_id,
            price_id: line.row.id,
            title: line.row.name,
            unit_amount: line.unitAmount,
            quantity: line.quantity,
            line_subtotal: t.subtotal,
            line_discount: t.discount,
            line_tax: t.tax,
            line_total: t.total,
            tax_rate_bps: tax?.rate_bps ?? 0,
            tax_inclusive: tax?.inclusive ?? false,
          };
        }),
      )}
      returning *`;
    return { ...order, object: 'order', couponCode: body.couponCode ?? null, items };
  });
}

interface SessionInfo {
  id: string;
  url: string;
  status: string;
  expiresAt: string;
}

/** Same client as the API's (undici's request, keep-alive): the floor gets no slower a client. */
async function callCheckout(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await machineRequest(new URL(path, config.checkoutUrl), {
    method,
    headers: { 'content-type': 'application/json', 'x-checkout-secret': config.checkoutSecret },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    timeoutMs: 10_000,
  });
  let json: SessionInfo | null = null;
  try {
    json = JSON.parse(response.text) as SessionInfo;
  } catch {
    json = null;
  }
  if (method === 'GET' && response.status === 404) return null;
  if (!response.ok || !json) throw new HttpError(502, 'checkout_unavailable');
  return json;
}

async function startCheckout(tenantId: string, orderId: string, provider: string | undefined) {
  return sql.begin(async (tx) => {
    const [order] = await tx<
      {
        status: string;
        checkout_session_id: string | null;
        provider: string | null;
        attempt: number;
        total: string;
        currency: string;
        customer: OrderBody['customer'];
        fulfillment: string;
        appointment_at: Date | null;
        return_url: string | null;
      }[]
    >`
      select status, checkout_session_id, provider, attempt, total, currency, customer,
             fulfillment, appointment_at, return_url
      from orders where tenant_id = ${tenantId} and id = ${orderId} for update`;
    if (!order) throw new HttpError(404, 'not_found');
    if (PAID.includes(order.status)) throw new HttpError(409, 'order_already_paid');
    if (order.status === 'CANCELED') throw new HttpError(409, 'order_not_payable');
    if (order.checkout_session_id) {
      const existing = await callCheckout(
        'GET',
        `/api/sessions/${encodeURIComponent(order.checkout_session_id)}?org=${encodeURIComponent(tenantId)}`,
      );
      if (existing?.status === 'open' && (!provider || provider === order.provider)) {
        return { ...existing, orderId };
      }
      if (existing?.status === 'complete') throw new HttpError(409, 'order_already_paid');
    }
    const attempt = order.attempt + 1;
    const session = await callCheckout('POST', '/api/sessions', {
      tenantId,
      orderId,
      attempt,
      amount: Number(order.total),
      currency: order.currency,
      customerInfo: {
        name: order.customer.name,
        email: order.customer.email,
        phone: order.customer.phone ?? null,
      },
      fulfillment: {
        method: order.fulfillment,
        address: order.customer.address ?? null,
        appointmentAt: order.appointment_at?.toISOString() ?? null,
      },
      returnUrl: order.return_url,
      provider,
    });
    if (!session) throw new HttpError(502, 'checkout_unavailable');
    await tx`
      update orders set checkout_session_id = ${session.id}, attempt = ${attempt},
        provider = ${provider ?? order.provider}, updated_at = now()
      where tenant_id = ${tenantId} and id = ${orderId}`;
    return { ...session, orderId };
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_json');
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const CHECKOUT_PATH = /^\/v1\/orders\/([^/]+)\/checkout$/;

const server = createServer(async (req, res) => {
  try {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST') throw new HttpError(404, 'not_found');
    if (path === '/v1/orders') {
      const tenantId = await authenticate(req);
      const body = (await readJson(req)) as OrderBody;
      if (!Array.isArray(body.items) || body.items.length === 0 || !body.customer?.email) {
        throw new HttpError(400, 'validation_error');
      }
      return send(res, 201, await createOrder(tenantId, body));
    }
    const checkout = CHECKOUT_PATH.exec(path);
    if (checkout?.[1]) {
      const tenantId = await authenticate(req);
      const body = (await readJson(req)) as { provider?: string };
      const session = await startCheckout(tenantId, decodeURIComponent(checkout[1]), body.provider);
      return send(res, 200, {
        sessionId: session.id,
        url: session.url,
        orderId: session.orderId,
        status: session.status,
        expiresAt: session.expiresAt,
      });
    }
    throw new HttpError(404, 'not_found');
  } catch (error) {
    if (error instanceof HttpError) return send(res, error.status, { error: { code: error.code } });
    console.error(error);
    return send(res, 500, { error: { code: 'internal_error' } });
  }
});

server.listen(config.port, '127.0.0.1', () => {
  console.log(`raw baseline listening on http://127.0.0.1:${config.port}`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}
