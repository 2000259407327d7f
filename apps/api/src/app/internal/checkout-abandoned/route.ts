import { handleCheckoutAbandoned } from '../../../server/internal-routes';

export const dynamic = 'force-dynamic';

// Served by the plain Node server (src/main.ts); this file answers only under a bare `next start`.
export const POST = (request: Request) => handleCheckoutAbandoned(request);
