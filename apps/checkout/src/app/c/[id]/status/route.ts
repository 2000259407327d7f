import { STORE_DOWN_HEADER } from '../../../../i18n/headers';
import { loadCheckoutView } from '../../../../server/checkout-view';
import { STORE_RETRY_AFTER_SECONDS } from '../../../../server/store-down';

export const dynamic = 'force-dynamic';

/** What the processing view polls: only the view's name, nothing about the shopper. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const storeDown = request.headers.get(STORE_DOWN_HEADER) === '1';
  const loaded = await loadCheckoutView(id, false, storeDown);
  const headers = { 'cache-control': 'no-store' };
  const retry = { ...headers, 'retry-after': String(STORE_RETRY_AFTER_SECONDS) };
  if (!loaded.found) {
    if (loaded.reason === 'not_found')
      return Response.json({ state: 'not_found' }, { status: 404, headers });
    return Response.json({ state: 'unavailable' }, { status: 503, headers: retry });
  }
  // with the store down a paid order still says success, so the page moves on
  if (loaded.view.kind === 'unavailable') {
    return Response.json({ state: 'unavailable' }, { status: 503, headers: retry });
  }
  return Response.json({ state: loaded.view.kind }, { headers });
}
