import './provided-context';

export { createTestOrder, createTestProduct, createTestTenant } from './fixtures';
export { createScratchDatabase, dropScratchDatabase } from './scratch-database';
