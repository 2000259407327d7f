'use client';

import { Button, type ButtonProps, Spinner } from '@prood/ui';
import { useFormStatus } from 'react-dom';

/**
 * A submit button that, once JavaScript runs, shows a spinner and blocks a second click while
 * its form's server action is under way. Without JavaScript it is a plain submit button.
 */
export function SubmitButton({
  children,
  pendingLabel,
  ...props
}: Omit<ButtonProps, 'type'> & { pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" aria-disabled={pending || undefined} {...props}>
      {pending ? <Spinner label={pendingLabel} /> : null}
      {children}
    </Button>
  );
}
