export default function Home() {
  return (
    <main style={{ maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>prood checkout</h1>
      <p>Hosted checkout pages are served at /c/&#123;sessionId&#125;.</p>
    </main>
  );
}
