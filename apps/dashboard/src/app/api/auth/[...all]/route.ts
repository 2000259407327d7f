import { createForwardingRoute } from '@prood/next-config/forward';
import { env } from '../../../../env';

// Sign-in and tRPC live in the commerce API; forwarding them keeps the session cookie
// first-party and the browser on one origin, with the API's URL read at run time.
const forward = createForwardingRoute(() => env.COMMERCE_API_URL);
export const dynamic = 'force-dynamic';
export { forward as DELETE, forward as GET, forward as PATCH, forward as POST, forward as PUT };
