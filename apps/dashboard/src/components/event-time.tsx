'use client';

import { formatDateTime } from '@prood/ui';
import { useEffect, useState } from 'react';

/**
 * An instant in the viewer's own time zone, the zone shown. The server renders UTC (it cannot
 * know the viewer's zone); the browser switches to its zone once it runs.
 *
 * @example
 * <EventTime value={delivery.created} />
 */
export function EventTime({ value }: { value: string }) {
  const [timeZone, setTimeZone] = useState('UTC');
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <time dateTime={value} suppressHydrationWarning>
      {formatDateTime(value, 'en', timeZone)}
    </time>
  );
}
