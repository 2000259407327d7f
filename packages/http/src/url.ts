import { HttpError } from './errors';

/**
 * The problem with a request URL whose path or query cannot be decoded (`%E0%A4%A`, `%zz`), or
 * whose decoded text holds a NUL or lone surrogate; `null` when it is fine.
 */
export function malformedUrlProblem(url: string | URL): string | null {
  const parsed = typeof url === 'string' ? new URL(url, 'http://localhost') : url;
  for (const [part, raw] of [
    ['path', parsed.pathname],
    ['query string', parsed.search.replaceAll('+', ' ')],
  ] as const) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return `The ${part} has a malformed percent-encoding.`;
    }
    if (decoded.includes('\u0000') || !decoded.isWellFormed()) {
      return `The ${part} contains text that cannot be stored.`;
    }
  }
  return null;
}

/** Throws 400 `invalid_url` for a URL {@link malformedUrlProblem} refuses. */
export function assertWellFormedUrl(url: string | URL): void {
  const problem = malformedUrlProblem(url);
  if (problem) throw new HttpError('invalid_url', problem);
}
