import { createNextConfig } from '@prood/next-config';

export default createNextConfig();
