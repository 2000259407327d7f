import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle, cn } from '@prood/ui';
import Link from 'next/link';
import { useTranslations } from 'next-intl';

export interface OnboardingStep {
  id: string;
  title: string;
  description: string;
  /** `null`: the dashboard cannot tell yet (the feature is API-only). */
  done: boolean | null;
  href: string;
  action: string;
}

/** The way from a new account to a first paid test order; shown until every step is done. */
export function OnboardingChecklist({ steps }: { steps: OnboardingStep[] }) {
  const tracked = steps.filter((s) => s.done !== null);
  const doneCount = tracked.filter((s) => s.done).length;
  const t = useTranslations('overview.onboarding');
  if (doneCount === tracked.length) return null;
  return (
    <Card data-testid="onboarding">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {t('progress', { done: doneCount, total: tracked.length })}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="flex flex-col divide-y divide-border">
          {steps.map((step, index) => (
            <li key={step.id} data-testid={`step-${step.id}`} className="flex gap-3 py-3">
              <span
                aria-hidden
                className={cn(
                  'mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                  step.done ? 'border-success bg-success text-white' : 'border-border text-muted',
                )}
              >
                {step.done ? '✓' : index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {step.title}
                  {step.done ? (
                    <Badge tone="success">{t('done')}</Badge>
                  ) : step.done === null ? (
                    <Badge>{t('notTracked')}</Badge>
                  ) : (
                    <span className="sr-only">{t('toDo')}</span>
                  )}
                </p>
                <p className="text-sm text-muted">{step.description}</p>
                {step.done ? null : (
                  <Link
                    href={step.href}
                    className="mt-1 inline-block text-sm font-medium underline underline-offset-2"
                  >
                    {step.action}
                  </Link>
                )}
              </div>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
