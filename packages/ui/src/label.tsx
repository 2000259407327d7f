'use client';

import * as LabelPrimitive from '@radix-ui/react-label';
import type { ComponentProps } from 'react';
import { cn } from './cn';

/**
 * A form label (Radix): clicking it focuses its control, double-click never selects its text.
 *
 * @example
 * <Label htmlFor="email">Email</Label>
 */
export function Label({ className, ...props }: ComponentProps<typeof LabelPrimitive.Root>) {
  return (
    <LabelPrimitive.Root className={cn('text-sm font-medium text-fg', className)} {...props} />
  );
}
