import { Badge } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';

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

/** What the link sells, in a line: the product (× quantity) or the invoice's description. */
export function linkTitle(link: PaymentLinkView): string {
  if (link.kind === 'invoice') return link.description ?? 'Fixed amount';
  const name = link.productName ?? 'Product';
  return link.quantity > 1 ? `${name} × ${link.quantity}` : name;
}

export function linkAmount(link: PaymentLinkView): string {
  return link.currency ? formatMoney(link.amount, link.currency, 'en') : '—';
}

export function LinkKindBadge({ kind }: { kind: PaymentLinkView['kind'] }) {
  return <Badge tone="neutral">{kind === 'invoice' ? 'Fixed amount' : 'Product'}</Badge>;
}

/** Active, Disabled, or (an invoice link) Paid / Expired. */
export function LinkStatusBadge({ link }: { link: PaymentLinkView }) {
  if (link.kind === 'invoice' && link.paidAt) return <Badge tone="success">Paid</Badge>;
  if (!link.active) return <Badge tone="neutral">Disabled</Badge>;
  if (link.kind === 'invoice' && link.expiresAt && Date.parse(link.expiresAt) <= Date.now())
    return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** "3 uses · 2 paid", or "Not used yet". */
export function usesText(link: PaymentLinkView): string {
  if (link.kind === 'invoice') return link.paidAt ? 'Paid once' : 'Not paid yet';
  if (link.uses === 0) return 'Not used yet';
  return `${link.uses} ${link.uses === 1 ? 'use' : 'uses'} · ${link.paidUses} paid`;
}
