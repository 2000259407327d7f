import { handleCreateLink } from '../../../server/internal-routes';

export const dynamic = 'force-dynamic';

/** Internal: the commerce API creates a payment link (the app's server answers it first). */
export const POST = handleCreateLink;
