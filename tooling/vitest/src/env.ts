import { z } from 'zod';

/**
 * What the test suites read from the environment, in one place. `REDIS_URL` enables the
 * Redis-backed tests (CI sets it); without it they are skipped and say so.
 */
const schema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const testEnv = schema.parse({ REDIS_URL: process.env.REDIS_URL });

/** Logs once per suite why it is skipped, so a skipped Redis test is never silent. */
export function redisUrlOrSkip(suite: string): string | undefined {
  if (!testEnv.REDIS_URL) {
    console.warn(`[prood tests] SKIPPED ${suite}: REDIS_URL is not set (CI sets it).`);
  }
  return testEnv.REDIS_URL;
}
