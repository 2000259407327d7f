import { Badge } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import { useTranslations } from 'next-intl';

/** A link as `paymentLinks.list` / `.get` return it (the fields the pages show). */
export interface PaymentLinkView {
  id: string;
  kind: 'invoice' | 'product';
  url: string;
  active: boolean;
  amount: number;
  currency: string;
  description: string | null;
  productName: string | null;
  quantity: number;
  uses: number;
  paidUses: number;
  paidAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}

/** The `links.view` messages a page hands to the text helpers (server or client translator). */
export type LinkViewT = (
  key:
    | 'fixedAmount'
    | 'product'
    | 'productTimes'
    | 'invoicePaid'
    | 'invoiceNotPaid'
    | 'notUsed'
    | 'uses',
  values?: Record<string, string | number>,
) => string;

/** What the link sells, in a line: the product (× quantity) or the invoice's description. */
export function linkTitle(link: PaymentLinkView, t: LinkViewT): string {
  if (link.kind === 'invoice') return link.description ?? t('fixedAmount');
  const name = link.productName ?? t('product');
  return link.quantity > 1 ? t('productTimes', { name, quantity: link.quantity }) : name;
}

export function linkAmount(link: PaymentLinkView): string {
  return link.currency ? formatMoney(link.amount, link.currency, 'en') : '—';
}

export function LinkKindBadge({ kind }: { kind: PaymentLinkView['kind'] }) {
  const t = useTranslations('links.view');
  return <Badge tone="neutral">{kind === 'invoice' ? t('kindInvoice') : t('kindProduct')}</Badge>;
}

/** Active, Disabled, or (an invoice link) Paid / Expired. */
export function LinkStatusBadge({ link }: { link: PaymentLinkView }) {
  const t = useTranslations('links.view');
  if (link.kind === 'invoice' && link.paidAt)
    return <Badge tone="success">{t('statusPaid')}</Badge>;
  if (!link.active) return <Badge tone="neutral">{t('statusDisabled')}</Badge>;
  if (link.kind === 'invoice' && link.expiresAt && Date.parse(link.expiresAt) <= Date.now())
    return <Badge tone="warning">{t('statusExpired')}</Badge>;
  return <Badge tone="success">{t('statusActive')}</Badge>;
}

/** Whether sharing the link still gets anybody anywhere: active, and not an invoice already paid. */
export function isShareable(link: PaymentLinkView): boolean {
  return link.active && !(link.kind === 'invoice' && link.paidAt);
}

/** "3 uses · 2 paid", or "Not used yet". */
export function usesText(link: PaymentLinkView, t: LinkViewT): string {
  if (link.kind === 'invoice') return link.paidAt ? t('invoicePaid') : t('invoiceNotPaid');
  if (link.uses === 0) return t('notUsed');
  return t('uses', { uses: link.uses, paid: link.paidUses });
}
