'use client';

import { formatDateTime } from '@prood/ui';
import { useLocale } from 'next-intl';
import { useEffect, useState } from 'react';

/**
 * An instant in the viewer's own time zone, the zone shown. The server renders UTC (it cannot
 * know the viewer's zone); the browser switches to its zone once it runs.
 *
 * @example
 * <EventTime value={delivery.created} />
 */
export function EventTime({ value }: { value: string }) {
  const locale = useLocale();
  const [timeZone, setTimeZone] = useState('UTC');
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateTime(value, locale, timeZone)}
    </time>
  );
}
