'use client';

import { type FormEvent, startTransition } from 'react';

/**
 * An `onSubmit` that runs the form's action without React's automatic reset of the form, so a
 * refused save keeps what the merchant typed. Pair it with `action={action}`: without
 * JavaScript the form still posts to the server action.
 *
 * @example
 * <form action={action} onSubmit={keepValues(action)}>…</form>
 */
export function keepValues(action: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
}
