import { proodProject } from '@prood/vitest-config/project';

export default proodProject({ name: 'next-config' });
