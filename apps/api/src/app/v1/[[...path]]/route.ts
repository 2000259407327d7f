import { getRestApi } from '../../../server/rest';

export const dynamic = 'force-dynamic';

// Every /v1 route is dispatched by @prood/api's REST router (auth, validation, idempotency).
const handle = (request: Request) => getRestApi().handle(request);

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
