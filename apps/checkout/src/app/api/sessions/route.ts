import { isInternalRequest, unauthorized } from '../../../server/internal';
import { respond } from '../../../server/respond';
import { createOrderSession } from '../../../server/sessions';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API opens a checkout session for an order attempt. */
export async function POST(request: Request): Promise<Response> {
  if (!isInternalRequest(request)) return unauthorized();
  return respond(request, createOrderSession);
}
