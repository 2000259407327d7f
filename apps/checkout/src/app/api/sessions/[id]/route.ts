import { loadSession } from '@prood/checkout-host';
import { errorResponse } from '@prood/http';
import { isInternalRequest, unauthorized } from '../../../../server/internal';
import { toSessionInfo } from '../../../../server/sessions';

export const dynamic = 'force-dynamic';

/** Internal: a session's state, for the API's checkout idempotency. Another tenant's: 404. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  if (!isInternalRequest(request)) return unauthorized();
  const { id } = await params;
  const org = new URL(request.url).searchParams.get('org');
  const snapshot = /^cs_/.test(id) ? await loadSession(id).catch(() => null) : null;
  if (!snapshot || snapshot.tenantId !== org) {
    return errorResponse('not_found', 'No such checkout session.');
  }
  return Response.json(toSessionInfo(snapshot), { headers: { 'cache-control': 'no-store' } });
}
