import type { ComponentProps } from 'react';
import { cn } from './cn';
import { controlClass } from './input';

/**
 * A native <select> styled like Input: works in a plain form post without JavaScript, and on
 * phones opens the system picker.
 *
 * @example
 * <Select name="country" defaultValue="DE"><option value="DE">Germany</option></Select>
 */
export function Select({ className, children, ...props }: ComponentProps<'select'>) {
  return (
    <div className="relative">
      <select className={cn(controlClass, 'appearance-none pr-9', className)} {...props}>
        {children}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted"
      >
        <path
          d="M5.5 7.5 10 12l4.5-4.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </div>
  );
}
