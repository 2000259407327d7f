import { isInternalRequest, unauthorized } from '../../../../../server/internal';
import { respond } from '../../../../../server/respond';
import { cancelOrderSession } from '../../../../../server/sessions';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API cancels an order's open session (order canceled or provider moved). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  if (!isInternalRequest(request)) return unauthorized();
  const { id } = await params;
  return respond(request, (json) => cancelOrderSession(id, json));
}
