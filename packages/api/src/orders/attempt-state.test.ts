import { describe, expect, it } from 'vitest';
import { attemptState } from './attempt-state';

describe('attemptState', () => {
  const open = { status: 'open', checkoutSessionId: 'cs_1' };
  it('reads a paid attempt as paid, though its row still says open', () => {
    expect(
      attemptState(open, {
        payments: [{ checkoutSessionId: 'cs_1', status: 'succeeded' }],
        canceled: false,
      }),
    ).toBe('paid');
  });
  it('reads failed, expired and canceled attempts by what happened to them', () => {
    expect(
      attemptState(open, {
        payments: [{ checkoutSessionId: 'cs_1', status: 'failed' }],
        canceled: false,
      }),
    ).toBe('failed');
    // another attempt's payment says nothing about this one
    expect(
      attemptState(open, {
        payments: [{ checkoutSessionId: 'cs_2', status: 'succeeded' }],
        canceled: false,
      }),
    ).toBe('open');
    const ended = { status: 'ended', checkoutSessionId: 'cs_1' };
    expect(attemptState(ended, { payments: [], canceled: false })).toBe('expired');
    expect(attemptState(ended, { payments: [], canceled: true })).toBe('canceled');
    expect(
      attemptState(
        { status: 'starting', checkoutSessionId: null },
        { payments: [], canceled: false },
      ),
    ).toBe('open');
  });
});
