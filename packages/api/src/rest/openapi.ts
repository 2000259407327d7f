import { z } from 'zod';
import { ERROR_STATUS } from '../errors';
import { errorSchema } from '../schemas';
import type { Endpoint } from './endpoint';
import { sharedErrorCodes } from './shared-errors';

const RATE_LIMIT_HEADERS = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
  'RateLimit-Limit': {
    description: 'Requests allowed in the window.',
    schema: { type: 'integer' },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the window.',
    schema: { type: 'integer' },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window frees a slot.',
    schema: { type: 'integer' },
  },
};

type JsonSchema = Record<string, unknown>;

/**
 * Converts a zod schema to JSON Schema 2020-12 (what OpenAPI 3.1 uses). Schemas named with
 * `.meta({ id })` land in `components.schemas` and are referenced from there.
 */
function createConverter() {
  const components: Record<string, JsonSchema> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    delete converted.$schema;
    const defs = (converted.$defs ?? {}) as Record<string, JsonSchema>;
    delete converted.$defs;
    const relink = <T>(value: T): T =>
      JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));
    for (const [name, def] of Object.entries(defs)) {
      // input and output shapes of one named schema can differ (defaults, transforms)
      const key =
        io === 'input' &&
        components[name] &&
        JSON.stringify(components[name]) !== JSON.stringify(relink(def))
          ? `${name}Input`
          : name;
      components[key] = relink(def);
    }
    return relink(converted);
  };
  return { components, toSchema };
}

function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {};
  const def = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return def ?? {};
}

/**
 * Builds the OpenAPI 3.1 document from the very zod schemas that validate requests, so the
 * reference cannot drift from what the API accepts.
 */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], serverUrl?: string) {
  const { components, toSchema } = createConverter();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const parameters = [
      ...Object.entries(objectShape(endpoint.params)).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema: toSchema(schema, 'input'),
      })),
      ...Object.entries(objectShape(endpoint.query)).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !schema.safeParse(undefined).success,
        schema: toSchema(schema, 'input'),
        ...(schema.description ? { description: schema.description } : {}),
      })),
      ...(endpoint.method === 'POST'
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Replays the first response to this key for 24 hours; reusing it with a different request answers 422.',
              schema: { type: 'string', maxLength: 255 },
            },
          ]
        : []),
    ];
    const errorResponses: Record<string, unknown> = {};
    const byStatus = new Map<number, string[]>();
    for (const code of [...sharedErrorCodes(endpoint), ...endpoint.errors]) {
      const status = ERROR_STATUS[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      errorResponses[String(status)] = {
        description: `Error codes: ${[...new Set(codes)].join(', ')}`,
        ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
        content: { 'application/json': { schema: toSchema(errorSchema, 'output') } },
      };
    }
    paths[endpoint.path] ??= {};
    const pathItem = paths[endpoint.path] as Record<string, unknown>;
    pathItem[endpoint.method.toLowerCase()] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      tags: [endpoint.tag],
      parameters,
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(endpoint.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(endpoint.successStatus ?? 200)]: {
          description: 'Success',
          content: { 'application/json': { schema: toSchema(endpoint.response, 'output') } },
        },
        ...errorResponses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'prood commerce API',
      version: '1.0.0',
      description:
        'Storefront API: catalog, carts, orders with coupons and taxes, and checkout. Authenticate with a secret key: `Authorization: Bearer sk_test_…`. Amounts are integers in the currency’s minor unit. Errors are `{ "error": { "code", "message", "details" } }`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ secretKey: [] }],
    components: {
      schemas: components,
      securitySchemes: {
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A secret API key, sk_test_… or sk_live_…',
        },
      },
    },
    paths,
  };
}
