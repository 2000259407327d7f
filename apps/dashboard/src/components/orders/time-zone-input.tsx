'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

/**
 * The viewer's time zone as a hidden form field (`tz`), so a date range means the merchant's
 * own days, and a line saying which zone that is. Without JavaScript it stays the zone the
 * page was given (UTC at first), and says so.
 */
export function TimeZoneInput(props: { initial: string }) {
  const t = useTranslations('orders');
  const [zone, setZone] = useState(props.initial);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), []);
  return (
    <>
      <input type="hidden" name="tz" value={zone} />
      <p className="basis-full text-xs text-muted" data-testid="filter-zone">
        {t('filters.zone', { zone })}
      </p>
    </>
  );
}
