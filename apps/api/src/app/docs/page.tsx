import { buildOpenApiDocument, restEndpoints } from '@prood/api/rest';

export const metadata = { title: 'prood · API reference' };

const METHOD_COLORS: Record<string, string> = {
  GET: '#0a7',
  POST: '#06c',
  PATCH: '#a60',
  DELETE: '#c33',
};

/** A readable reference generated from the same document as /v1/openapi.json. */
export default function ApiReference() {
  const doc = buildOpenApiDocument(restEndpoints);
  return (
    <main style={{ maxWidth: 900, margin: '2rem auto', padding: '0 1rem', lineHeight: 1.5 }}>
      <h1>{doc.info.title}</h1>
      <p>{doc.info.description}</p>
      <p>
        Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).
      </p>
      {restEndpoints.map((e) => (
        <section
          key={e.operationId}
          id={e.operationId}
          style={{ borderTop: '1px solid #ddd', padding: '1rem 0' }}
        >
          <h2 style={{ fontSize: '1.1rem', margin: 0 }}>
            <span
              style={{ color: METHOD_COLORS[e.method], fontFamily: 'monospace', marginRight: 8 }}
            >
              {e.method}
            </span>
            <code>{e.path}</code>
          </h2>
          <p style={{ margin: '0.25rem 0' }}>
            <strong>{e.summary}</strong>
            {e.description ? ` — ${e.description}` : ''}
          </p>
          <p style={{ margin: '0.25rem 0', color: '#555' }}>
            Success: {e.successStatus ?? 200}. Errors: {['unauthorized', ...e.errors].join(', ')}.
          </p>
        </section>
      ))}
    </main>
  );
}
