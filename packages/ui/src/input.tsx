import type { ComponentProps } from 'react';
import { cn } from './cn';

/** Shared by Input and Select so both controls line up in a form. */
export const controlClass =
  'block w-full rounded-ui border border-input bg-surface px-3 h-10 text-base text-fg ' +
  'placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-1 ' +
  'focus-visible:outline-ring aria-invalid:border-danger disabled:opacity-60 sm:text-sm';

/**
 * A text input in the kit's look; `aria-invalid` turns its border red.
 *
 * @example
 * <Input name="email" type="email" autoComplete="email" required />
 */
export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClass, className)} {...props} />;
}
