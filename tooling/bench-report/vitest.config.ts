import { proodProject } from '@prood/vitest-config/project';

export default proodProject({ name: 'bench-report' });
