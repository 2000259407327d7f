export default function Home() {
  return (
    <main style={{ maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <h1>prood dashboard</h1>
      <p>Connect a payment provider and manage products, orders and refunds.</p>
    </main>
  );
}
