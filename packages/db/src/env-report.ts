import type { StandardSchemaV1 } from '@t3-oss/env-core';

/** A missing or malformed setting; its message names the variable and never its value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Shared `onValidationError` for every env module: a ConfigError whose message names each bad
 * variable and why, and never echoes a value (it may be a secret).
 */
export function reportInvalidEnv(issues: readonly StandardSchemaV1.Issue[]): never {
  const lines = issues.map((issue) => {
    const name = issue.path?.map((p) => (typeof p === 'object' ? p.key : p)).join('.') ?? '?';
    return `${String(name)}: ${issue.message}`;
  });
  const error = new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  throw error;
}
