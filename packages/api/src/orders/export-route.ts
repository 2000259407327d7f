import { type ErrorCode, errorResponse, zodIssues } from '@prood/http';
import { resolveTenant, type TrpcContext } from '../trpc/init';
import { streamOrdersCsv } from './csv';
import { orderFiltersSchema, toDashboardFilters } from './filters';

/** The dashboard's download path; the dashboard forwards it to the API like `/api/trpc`. */
export const ORDERS_EXPORT_PATH = '/api/orders/export';

const REFUSAL: Record<'UNAUTHORIZED' | 'FORBIDDEN' | 'PRECONDITION_FAILED', ErrorCode> = {
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'forbidden',
  PRECONDITION_FAILED: 'forbidden',
};

/**
 * `GET /api/orders/export?view=&search=&provider=&createdFrom=&createdTo=&timeZone=`: every
 * order of the signed-in member's tenant matching the list's filters, streamed as CSV. Members
 * of any role may read it; bad filters are a 400 naming the field.
 */
export async function exportOrdersCsv(ctx: TrpcContext, request: Request): Promise<Response> {
  if (request.method !== 'GET') return errorResponse('method_not_allowed', 'Use GET.');
  const member = await resolveTenant(ctx);
  if (!member.ok) return errorResponse(REFUSAL[member.code], member.message);
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = orderFiltersSchema.safeParse(query);
  if (!parsed.success) {
    return errorResponse(
      'validation_error',
      'The filters are invalid.',
      zodIssues(parsed.error, 'query'),
    );
  }
  const filters = toDashboardFilters(parsed.data);
  ctx.logger.info({ tenantId: member.tenantId, userId: member.userId }, 'orders csv export');
  const day = new Date().toISOString().slice(0, 10);
  return new Response(streamOrdersCsv(ctx.db, { ...filters, tenantId: member.tenantId }), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="orders-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
