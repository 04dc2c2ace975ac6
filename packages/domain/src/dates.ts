import { DateTime } from 'luxon';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * DAY_MS;
  return new Date(time).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every night of a stay: from the arrival date up to, not including, the departure date. */
export function nightsOf(arrival: string, departure: string): string[] {
  const count = Math.max(0, daysBetween(arrival, departure));
  return Array.from({ length: count }, (_, i) => addDays(arrival, i));
}

const zoneValidity = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = DateTime.local().setZone(zone).isValid;
    if (zoneValidity.size < 1_000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/** The property-local calendar date of a UTC instant. */
export function localDate(instantMs: number, timeZone: string): string {
  const local = DateTime.fromMillis(instantMs, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(instantMs, { zone: 'UTC' })).toISODate()!;
}

/** The UTC instant of local midnight of a date in a time zone. */
export function localMidnight(date: string, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let instant = midnights.get(key);
  if (instant === undefined) {
    const local = DateTime.fromISO(date, { zone: timeZone });
    instant = (local.isValid ? local : DateTime.fromISO(date, { zone: 'UTC' })).toMillis();
    if (midnights.size >= 50_000) midnights.clear();
    midnights.set(key, instant);
  }
  return instant;
}

/** Imports convert the same few thousand dates over and over; luxon is slow at it. */
const midnights = new Map<string, number>();
