import { createForwardingRoute } from '@prood/next-config/forward';
import { env } from '../../../../env';

// the orders CSV streams from the commerce API; forwarding keeps the session cookie first-party
const forward = createForwardingRoute(() => env.COMMERCE_API_URL);
export const dynamic = 'force-dynamic';
export { forward as GET };
