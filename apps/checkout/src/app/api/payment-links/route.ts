import { isInternalRequest, unauthorized } from '../../../server/internal';
import { respond } from '../../../server/respond';
import { createLink } from '../../../server/sessions';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API creates a payment link. */
export async function POST(request: Request): Promise<Response> {
  if (!isInternalRequest(request)) return unauthorized();
  return respond(request, createLink);
}
