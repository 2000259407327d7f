export { defineEndpoint, type Endpoint, type RestContext } from './endpoint';
export { restEndpoints } from './endpoints';
export {
  createInternalCheckoutApi,
  INTERNAL_CHECKOUT_PREFIX,
  type InternalCheckoutApi,
  type InternalCheckoutApiDependencies,
} from './internal-checkout';
export { buildOpenApiDocument } from './openapi';
export { createRestApi, type RestApi, type RestApiDependencies } from './router';
