import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from './cn';

const badgeVariants = cva(
  'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
  {
    variants: {
      tone: {
        neutral: 'border-border bg-subtle text-fg',
        info: 'border-info/30 bg-info-bg text-info',
        success: 'border-success/30 bg-success-bg text-success',
        warning: 'border-warning/30 bg-warning-bg text-warning',
        danger: 'border-danger/30 bg-danger-bg text-danger',
      },
    },
    defaultVariants: { tone: 'neutral' },
  },
);

/**
 * A short status word, e.g. a mode or a state.
 *
 * @example
 * <Badge tone="warning">Test mode</Badge>
 */
export function Badge({
  className,
  tone,
  ...props
}: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
