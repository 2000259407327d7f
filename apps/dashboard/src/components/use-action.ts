'use client';

import { toast } from '@prood/ui';
import { useTransition } from 'react';
import type { ActionResult } from '../server/action-result';

/**
 * Runs a server action from a button and toasts its result: the one way a dashboard mutation
 * reports back. Returns `[run, pending]`.
 *
 * @example
 * const [remove, removing] = useActionToast(() => removeIntegrationAction('stripe'));
 */
export function useActionToast(
  action: () => Promise<ActionResult>,
  onDone?: (result: ActionResult) => void,
): [() => void, boolean] {
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      const result = await action();
      if (result.ok) toast.success(result.message);
      else toast.error(result.message);
      onDone?.(result);
    });
  return [run, pending];
}
