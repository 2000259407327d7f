import { Slot } from '@radix-ui/react-slot';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from './cn';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-2 rounded-ui font-medium transition-colors ' +
    'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring ' +
    'disabled:pointer-events-none disabled:opacity-60 aria-disabled:pointer-events-none ' +
    'aria-disabled:opacity-60 cursor-pointer',
  {
    variants: {
      variant: {
        primary: 'bg-accent text-accent-fg hover:brightness-110 active:brightness-95',
        secondary: 'border border-border bg-surface text-fg hover:bg-subtle',
        ghost: 'text-fg hover:bg-subtle',
        danger: 'bg-danger text-white hover:brightness-110',
        link: 'text-fg underline underline-offset-4 hover:no-underline px-0',
      },
      size: {
        sm: 'h-8 px-3 text-sm',
        md: 'h-10 px-4 text-sm',
        lg: 'h-12 px-5 text-base',
      },
      block: { true: 'w-full' },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);

export type ButtonProps = ComponentProps<'button'> &
  VariantProps<typeof buttonVariants> & {
    /** Render the child (e.g. a link) with the button's look instead of a <button>. */
    asChild?: boolean;
  };

/**
 * A button in the kit's look. `variant="primary"` wears the tenant's accent colour.
 *
 * @example
 * <Button type="submit" size="lg" block>Pay €12.90</Button>
 * <Button asChild variant="link"><a href="/">Back</a></Button>
 */
export function Button({ className, variant, size, block, asChild, ...props }: ButtonProps) {
  const Component = asChild ? Slot : 'button';
  return (
    <Component className={cn(buttonVariants({ variant, size, block }), className)} {...props} />
  );
}
