import { createLivenessRoute } from '@prood/db/health';
import pkg from '../../../../package.json';

export const dynamic = 'force-dynamic';
export const GET = createLivenessRoute({ name: 'api', version: pkg.version });
