export default function Home() {
  return (
    <main style={{ maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>prood commerce API</h1>
      <p>
        Storefront REST lives under <code>/v1</code>, authenticated with a tenant secret key.
        Health: <a href="/health">/health</a>.
      </p>
    </main>
  );
}
