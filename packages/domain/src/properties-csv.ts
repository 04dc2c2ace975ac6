import type { FieldIssue } from '@staystream/errors';
import { HOTEL_COLUMNS, hotelToProperty } from './adapters/booking-reviews';

/** The columns of a properties file; property_id, name, country and timezone are required. */
export const PROPERTY_COLUMNS = [
  'property_id', 'name', 'brand', 'city', 'region', 'country', 'latitude', 'longitude', 'timezone', 'rooms',
] as const;

const NUMERIC = new Set(['latitude', 'longitude', 'rooms']);

export type PropertyRow = { ok: true; input: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * One row of a properties file as the input of the property contract (POST /v1/properties):
 * either our own columns (PROPERTY_COLUMNS; `id` is taken for property_id) or a row of the
 * Booking.com per-hotel file. Numbers are parsed here, so that "52,37" is named as the bad
 * field rather than passed on as text; everything else is the contract's to check.
 */
export function propertyFromRow(row: Record<string, string>): PropertyRow {
  if (HOTEL_COLUMNS.every((column) => column in row)) {
    const mapped = hotelToProperty(row);
    return mapped.ok ? { ok: true, input: { ...mapped.property, version: undefined } } : mapped;
  }

  const issues: FieldIssue[] = [];
  const input: Record<string, unknown> = {};
  for (const column of PROPERTY_COLUMNS) {
    const text = (column === 'property_id' ? (row.property_id ?? row.id) : row[column])?.trim() ?? '';
    if (text === '') continue;
    if (!NUMERIC.has(column)) {
      input[column] = text;
      continue;
    }
    const value = Number(text);
    if (Number.isFinite(value)) input[column] = value;
    else issues.push({ field: column, code: 'invalid_number', message: `expected a number, got ${JSON.stringify(text)}` });
  }
  if (row.tenant_id?.trim()) input.tenant_id = row.tenant_id.trim();
  return issues.length > 0 ? { ok: false, issues } : { ok: true, input };
}
