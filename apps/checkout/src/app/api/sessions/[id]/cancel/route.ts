import { handleCancelSession } from '../../../../../server/internal-routes';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API cancels an order's open session (the app's server answers it first). */
export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  return handleCancelSession(request, (await params).id);
}
