import { CheckoutFrame } from '../../../components/checkout/frame';
import { MessageView } from '../../../components/checkout/outcomes';

/** An unknown session id: a page a shopper understands, not a bare 404. */
export default function CheckoutNotFound() {
  return (
    <CheckoutFrame
      merchant="Checkout"
      logoUrl={null}
      accentColor={null}
      testMode={false}
      nonce={undefined}
    >
      <MessageView ns="notFound" />
    </CheckoutFrame>
  );
}
