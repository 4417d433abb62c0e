import { formatInZone } from "./countdown-format";

/**
 * An instant as people read it, with its zone named ("Tue 14 Jan 2026, 09:00 UTC"). Managers
 * have no stored time zone yet, so their pages pass none and read UTC.
 */
export function DateTime({ at, timeZone = "UTC", fallback = "never" }: { at: Date | string | null; timeZone?: string; fallback?: string }) {
  if (!at) return <>{fallback}</>;
  const d = new Date(at);
  return <time dateTime={d.toISOString()}>{formatInZone(d, timeZone).text}</time>;
}
