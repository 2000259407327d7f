import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { cn } from './cn';
import { Label } from './label';

type ControlProps = {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
};

/**
 * A label, its control, an optional hint and an error, wired together: the control gets the
 * id, `aria-describedby` pointing at hint and error, and `aria-invalid` while there is an error.
 *
 * @example
 * <Field id="email" label="Email" hint="For your receipt" error={errors.email}>
 *   <Input name="email" type="email" />
 * </Field>
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Shown beside the label, e.g. "optional". */
  aside?: ReactNode;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(props.children)
    ? cloneElement(props.children, {
        id: props.id,
        'aria-describedby': describedBy,
        'aria-invalid': props.error ? true : undefined,
      })
    : props.children;
  return (
    <div className={cn('flex flex-col gap-1.5', props.className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={props.id}>{props.label}</Label>
        {props.aside ? <span className="text-xs text-muted">{props.aside}</span> : null}
      </div>
      {control}
      {props.hint ? (
        <p id={hintId} className="text-xs text-muted">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} className="text-sm text-danger">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
