import { fileURLToPath } from 'node:url';
import { proodProject } from '@prood/vitest-config/project';

export default proodProject({
  name: 'app-checkout',
  database: true,
  test: {
    // outside Next's react-server build, `server-only` throws on import; its empty module is
    // what Next itself resolves for server code
    alias: {
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
});
