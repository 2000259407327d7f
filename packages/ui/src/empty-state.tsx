import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * What a list shows with nothing in it: what would be here and how to get the first one.
 *
 * @example
 * <EmptyState title="No orders yet" action={<Button asChild><a href="/links">Create a link</a></Button>} />
 */
export function EmptyState(props: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'flex flex-col items-center gap-2 rounded-ui border border-dashed border-border px-6 py-10 text-center',
        props.className,
      )}
    >
      <p className="font-medium">{props.title}</p>
      {props.children ? <div className="text-sm text-muted">{props.children}</div> : null}
      {props.action ? <div className="mt-2">{props.action}</div> : null}
    </div>
  );
}
