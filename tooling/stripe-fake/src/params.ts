/** A Stripe-style API error the fake answers with (`{ error: { type, code, param, message } }`). */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: {
      type: 'invalid_request_error' | 'idempotency_error' | 'card_error' | 'api_error';
      code?: string;
      param?: string;
      message: string;
      decline_code?: string;
    },
  ) {
    super(body.message);
  }
}

export type Spec =
  | { kind: 'string' }
  | { kind: 'integer' }
  | { kind: 'boolean' }
  | { kind: 'metadata' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'array'; of: Spec }
  | { kind: 'object'; fields: Record<string, Spec>; required: readonly string[] };

export const str: Spec = { kind: 'string' };
export const int: Spec = { kind: 'integer' };
export const bool: Spec = { kind: 'boolean' };
export const metadata: Spec = { kind: 'metadata' };
export const oneOf = (...values: string[]): Spec => ({ kind: 'enum', values });
export const arrayOf = (of: Spec): Spec => ({ kind: 'array', of });
export const obj = (fields: Record<string, Spec>, required: readonly string[] = []): Spec => ({
  kind: 'object',
  fields,
  required,
});

const invalid = (param: string, code: string, message: string) =>
  new FakeStripeError(400, { type: 'invalid_request_error', code, param, message });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks form-decoded params against an endpoint's spec the way Stripe does: unknown keys are
 * `parameter_unknown`, missing required ones `parameter_missing`, wrong types `parameter_invalid_*`.
 * Returns the value with integers and booleans converted.
 */
export function validateParams(value: unknown, spec: Spec, path: string): unknown {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string')
        throw invalid(path, 'parameter_invalid_string', `Invalid string: ${path}`);
      return value;
    case 'integer':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
        throw invalid(path, 'parameter_invalid_integer', `Invalid integer: ${String(value)}`);
      }
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') {
        throw invalid(path, 'parameter_invalid_boolean', `Invalid boolean: ${String(value)}`);
      }
      return value === 'true';
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw invalid(
          path,
          'parameter_invalid_string',
          `Invalid ${path}: must be one of ${spec.values.join(', ')}`,
        );
      }
      return value;
    case 'metadata': {
      if (value === '') return {};
      if (!isRecord(value))
        throw invalid(path, 'parameter_invalid_string', `Invalid hash: ${path}`);
      const out: Record<string, string> = {};
      for (const [key, entry] of Object.entries(value)) {
        if (typeof entry !== 'string') {
          throw invalid(
            `${path}[${key}]`,
            'parameter_invalid_string',
            'Metadata values must be strings',
          );
        }
        if (key.length > 40 || entry.length > 500) {
          throw invalid(
            `${path}[${key}]`,
            'parameter_invalid_string',
            'Metadata key or value too long',
          );
        }
        out[key] = entry;
      }
      return out;
    }
    case 'array': {
      // qs turns `a[0]=x` into an array, but very sparse indices into an object keyed by index
      const items = Array.isArray(value)
        ? value
        : isRecord(value)
          ? Object.keys(value)
              .sort((a, b) => Number(a) - Number(b))
              .map((key) => value[key])
          : undefined;
      if (!items) throw invalid(path, 'parameter_invalid_array', `Invalid array: ${path}`);
      return items.map((item, index) => validateParams(item, spec.of, `${path}[${index}]`));
    }
    case 'object': {
      if (!isRecord(value))
        throw invalid(path, 'parameter_invalid_object', `Invalid object: ${path}`);
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const fieldSpec = spec.fields[key];
        const fieldPath = path ? `${path}[${key}]` : key;
        if (!fieldSpec) {
          throw invalid(fieldPath, 'parameter_unknown', `Received unknown parameter: ${fieldPath}`);
        }
        out[key] = validateParams(entry, fieldSpec, fieldPath);
      }
      for (const key of spec.required) {
        if (out[key] === undefined) {
          const fieldPath = path ? `${path}[${key}]` : key;
          throw invalid(fieldPath, 'parameter_missing', `Missing required param: ${fieldPath}.`);
        }
      }
      return out;
    }
  }
}
