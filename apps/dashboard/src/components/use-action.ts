'use client';

import { toast } from '@prood/ui';
import { useEffect, useTransition } from 'react';
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

/**
 * Toasts a form action's result each time a new one arrives (`useActionState`'s state).
 *
 * @example
 * const [state, action] = useActionState(saveAction, null); useResultToast(state);
 */
export function useResultToast(state: ActionResult | null): void {
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state]);
}
