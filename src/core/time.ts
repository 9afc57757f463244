// Dates as readers expect them, in their own locale, with the machine-readable value beside.

/** "November 28, 2026 at 9:14 AM" in en-US; the browser's Intl does the work, so it costs no bytes. */
export function formatDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  // isNaN(date) is isNaN(date.valueOf()): an Invalid Date, in fewer bytes than Number.isNaN(date.getTime()).
  return isNaN(date as unknown as number) ? iso : date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
}
