export { defineEndpoint, type Endpoint, type RestContext } from './endpoint';
export { restEndpoints } from './endpoints';
export { buildOpenApiDocument } from './openapi';
export { createRestApi, type RestApi, type RestApiDependencies } from './router';
