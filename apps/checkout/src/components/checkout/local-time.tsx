'use client';

import { formatDateTime } from '@prood/ui/format';
import { useEffect, useState } from 'react';

/**
 * An instant in the viewer's own time zone, with the zone shown. The server renders UTC (it
 * cannot know the zone); the browser replaces it with local time once it runs.
 */
export function LocalTime({ iso, locale }: { iso: string; locale: string }) {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDateTime(iso, locale, zone)}
    </time>
  );
}
