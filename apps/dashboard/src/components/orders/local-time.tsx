'use client';

import { formatDateTime } from '@prood/ui/format';
import { useEffect, useState } from 'react';

/**
 * An instant in the merchant's own time zone, with the zone shown: the server renders UTC (it
 * cannot know the zone) and the browser swaps in local time once it runs.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <time dateTime={iso} suppressHydrationWarning className="whitespace-nowrap">
      {formatDateTime(iso, 'en', zone)}
    </time>
  );
}
