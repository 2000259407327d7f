import { handleCheckoutOrderView } from '../../../../server/internal-routes';

export const dynamic = 'force-dynamic';

// Served by the plain Node server (src/main.ts); this file answers only under a bare `next start`.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ orderId: string }> },
): Promise<Response> {
  return handleCheckoutOrderView(request, (await params).orderId);
}
