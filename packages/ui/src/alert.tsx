import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

const alertVariants = cva('rounded-ui border px-4 py-3 text-sm', {
  variants: {
    tone: {
      info: 'border-info/30 bg-info-bg text-info',
      success: 'border-success/30 bg-success-bg text-success',
      warning: 'border-warning/30 bg-warning-bg text-warning',
      danger: 'border-danger/30 bg-danger-bg text-danger',
    },
  },
  defaultVariants: { tone: 'info' },
});

/**
 * A message box. `tone="danger"` is announced at once (role=alert); the others politely.
 *
 * @example
 * <Alert tone="danger" title="Card declined">Try another card.</Alert>
 */
export function Alert({
  className,
  tone,
  title,
  children,
  ...props
}: Omit<ComponentProps<'div'>, 'title'> &
  VariantProps<typeof alertVariants> & { title?: ReactNode }) {
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={cn(alertVariants({ tone }), className)}
      {...props}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? 'mt-1' : undefined}>{children}</div> : null}
    </div>
  );
}
