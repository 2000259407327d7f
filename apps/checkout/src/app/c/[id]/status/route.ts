import { loadCheckoutView } from '../../../../server/checkout-view';

export const dynamic = 'force-dynamic';

/** What the processing view polls: only the view's name, nothing about the shopper. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const loaded = await loadCheckoutView(id);
  const headers = { 'cache-control': 'no-store' };
  if (!loaded.found) {
    const status = loaded.reason === 'not_found' ? 404 : 503;
    return Response.json({ state: loaded.reason }, { status, headers });
  }
  return Response.json({ state: loaded.view.kind }, { headers });
}
