import {
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Field,
  Input,
} from '@prood/ui';
import { connectIntegrationAction } from './actions';

/** One provider's connect form, as the registry describes it (`settings.providers`). */
export interface ConnectFormSpec {
  id: string;
  label: string;
  verification: 'signature' | 'fetch-back';
  webhookUrl: string;
  fields: {
    name: string;
    label: string;
    secret: boolean;
    placeholder?: string | undefined;
    hint?: string | undefined;
    optional?: boolean | undefined;
  }[];
}

/**
 * A connect form built from a provider's credential fields: no provider is named in this file,
 * so a new provider needs no dashboard code. Posts to a server action; works without JavaScript.
 */
export function ProviderConnectForm({ spec }: { spec: ConnectFormSpec }) {
  return (
    <Card data-testid={`connect-${spec.id}`}>
      <CardHeader>
        <CardTitle>Connect {spec.label}</CardTitle>
        <CardDescription>
          {spec.verification === 'signature' ? (
            <>
              Point the provider&apos;s webhook at{' '}
              <code className="break-all">{spec.webhookUrl}</code>.
            </>
          ) : (
            'Webhooks are set on every payment and checked back with the provider: nothing to set up.'
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={connectIntegrationAction.bind(null, spec.id)} className="flex flex-col gap-4">
          {spec.fields.map((field) => (
            <Field
              key={field.name}
              id={`${spec.id}-${field.name}`}
              label={field.label}
              hint={field.hint}
              aside={field.optional ? 'optional' : undefined}
            >
              <Input
                name={field.name}
                type={field.secret ? 'password' : 'text'}
                placeholder={field.placeholder}
                required={!field.optional}
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
          ))}
          <Button type="submit" className="self-start">
            Save {spec.label}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
