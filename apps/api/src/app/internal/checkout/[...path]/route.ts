import { getInternalCheckoutApi } from '../../../../server/internal-checkout';

export const dynamic = 'force-dynamic';

// Every /internal/checkout route is dispatched by @prood/api's internal router (shared secret).
const handle = (request: Request) => getInternalCheckoutApi().handle(request);

export { handle as GET, handle as POST };
