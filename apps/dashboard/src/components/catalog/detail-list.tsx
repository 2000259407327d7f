import { Card, CardContent } from '@prood/ui';
import type { ReactNode } from 'react';

/** A card of label/value pairs: what a coupon or tax rate is, read-only. */
export function DetailList(props: { rows: Array<[string, ReactNode]> }) {
  return (
    <Card>
      <CardContent>
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          {props.rows.map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted">{label}</dt>
              <dd className="font-medium">{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
