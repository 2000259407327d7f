export {
  type CheckoutOrderView,
  checkoutLineItemSchema,
  checkoutOrderViewSchema,
} from './checkout-order';
export {
  type ApiErrorEnvelope,
  apiErrorEnvelopeSchema,
  type CheckoutBranding,
  type CheckoutOrderChange,
  type CheckoutOrderPayment,
  type CheckoutPageLine,
  type CheckoutPageOrder,
  type CheckoutPageShippingOption,
  type CheckoutPageView,
  type CheckoutRestart,
  checkoutBrandingSchema,
  checkoutOrderChangeSchema,
  checkoutOrderPaymentSchema,
  checkoutPageLineSchema,
  checkoutPageOrderRecordSchema,
  checkoutPageOrderSchema,
  checkoutPageShippingOptionSchema,
  checkoutPageViewSchema,
  checkoutRestartSchema,
} from './checkout-page';
export {
  ACCENT_BUTTON_TEXT,
  accentColorSchema,
  contrastRatio,
  relativeLuminance,
  WCAG_AA_TEXT_CONTRAST,
} from './contrast';
export {
  ID_PREFIXES,
  ID_RANDOM_LENGTH,
  type IdKind,
  idSchema,
  isId,
  newId,
  randomBase62,
} from './ids';
export { CHECKOUT_LOCALES, type CheckoutLocale } from './locales';
export { redirectUrlProblem, safeReturnPath } from './redirects';
