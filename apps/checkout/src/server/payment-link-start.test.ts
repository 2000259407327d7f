import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

process.env.SKIP_ENV_VALIDATION = '1';
const { limitPaymentLinkStart } = await import('./rate-limit');

const from = (ip: string) => new Headers({ 'x-real-ip': ip });

describe('orders started through one product link, per IP', () => {
  it('allows 5 a minute from one address, then says when to retry; other addresses and links go on', async () => {
    const link = `plink_${randomUUID().replaceAll('-', '').slice(0, 22)}`;
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await limitPaymentLinkStart(link, from('6.6.6.6')));
    expect(answers.slice(0, 5).every((a) => a.allowed)).toBe(true);
    const refused = answers[5];
    expect(refused?.allowed).toBe(false);
    if (refused && !refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    expect((await limitPaymentLinkStart(link, from('7.7.7.7'))).allowed).toBe(true);
    expect((await limitPaymentLinkStart(`${link}x`, from('6.6.6.6'))).allowed).toBe(true);
  });
});
