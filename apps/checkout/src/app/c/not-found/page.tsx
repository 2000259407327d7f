import CheckoutNotFound from '../[id]/not-found';

export const metadata = { title: 'Checkout not found', robots: { index: false } };

/**
 * Shown (with 404, by the proxy) for a checkout link no session and no order knows: the same
 * localized view as the page's own `notFound()`.
 */
export default CheckoutNotFound;
