import type { WebhookRequest } from '@prood/checkout';

/** Reads one header case-insensitively from a fetch `Headers` or a plain record. */
export function readHeader(headers: WebhookRequest['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** The raw body as a Buffer: signatures are computed over exactly these bytes. */
export function rawBodyBuffer(rawBody: WebhookRequest['rawBody']): Buffer {
  return typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
}
