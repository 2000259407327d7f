import { connectIntegrationAction } from './actions';

/** One provider's connect form, as the registry describes it (`settings.providers`). */
export interface ConnectFormSpec {
  id: string;
  label: string;
  verification: 'signature' | 'fetch-back';
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
export function ProviderConnectForm({
  spec,
  webhookUrl,
}: {
  spec: ConnectFormSpec;
  webhookUrl: string;
}) {
  return (
    <form
      action={connectIntegrationAction.bind(null, spec.id)}
      aria-labelledby={`connect-${spec.id}`}
      data-testid={`connect-${spec.id}`}
    >
      <h3 id={`connect-${spec.id}`}>Connect {spec.label}</h3>
      {spec.verification === 'signature' ? (
        <p>
          Point the provider&apos;s webhook at <code>{webhookUrl}</code>.
        </p>
      ) : (
        <p>Webhooks are set on every payment and checked with the provider; nothing to set up.</p>
      )}
      {spec.fields.map((field) => (
        <p key={field.name}>
          <label>
            {field.label}
            {field.optional ? ' (optional)' : ''}
            {field.hint ? <small> — {field.hint}</small> : null}
            <br />
            <input
              name={field.name}
              type={field.secret ? 'password' : 'text'}
              placeholder={field.placeholder}
              required={!field.optional}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        </p>
      ))}
      <button type="submit">Save {spec.label}</button>
    </form>
  );
}
