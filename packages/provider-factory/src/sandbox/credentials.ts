import { z } from 'zod';
import { maskSecret } from '../masking';

/** The sandbox needs only the secret it signs its webhooks with (Standard Webhooks `whsec_`). */
export const sandboxCredentialsSchema = z.object({
  webhookSecret: z
    .string()
    .trim()
    .regex(
      /^whsec_[0-9A-Za-z+/]{16,}={0,2}$/,
      'must be a Standard Webhooks secret: whsec_ followed by base64 (at least 12 bytes)',
    ),
});

export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

export function maskSandboxCredentials(credentials: SandboxCredentials): Record<string, string> {
  return { webhookSecret: maskSecret(credentials.webhookSecret) };
}
