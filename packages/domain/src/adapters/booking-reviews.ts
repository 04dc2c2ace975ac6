import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { StaystreamError, type FieldIssue } from '@staystream/errors';
import { countryFromName } from '../countries';
import { localMidnight } from '../dates';
import { parseProperty } from '../inputs';
import type { BatchAdapter, RowMapping } from './types';

/**
 * The Booking.com review export of "515K Hotel Reviews Data in Europe" (Jiashen Liu, 2017):
 * one row per review of a hotel in Amsterdam, Barcelona, London, Milan, Paris or Vienna. Each
 * row becomes a feedback event. The reviews name their hotel only by Hotel_Name, so the
 * adapter reads the per-hotel file (Hotel_Name, Hotel_Address, lat, lng) for the properties
 * and rejects a review whose hotel is not there, with the reason.
 */
export const SOURCE_SYSTEM = 'booking-reviews';
const SITE = 'booking.com';

/** The six cities of the dataset: where they are and the zone their hotels keep time in. */
const CITIES: Record<string, { country: string; countryName: string; region: string; timezone: string }> = {
  Amsterdam: { country: 'NL', countryName: 'Netherlands', region: 'North Holland', timezone: 'Europe/Amsterdam' },
  Barcelona: { country: 'ES', countryName: 'Spain', region: 'Catalonia', timezone: 'Europe/Madrid' },
  London: { country: 'GB', countryName: 'United Kingdom', region: 'England', timezone: 'Europe/London' },
  Milan: { country: 'IT', countryName: 'Italy', region: 'Lombardy', timezone: 'Europe/Rome' },
  Paris: { country: 'FR', countryName: 'France', region: 'Île-de-France', timezone: 'Europe/Paris' },
  Vienna: { country: 'AT', countryName: 'Austria', region: 'Vienna', timezone: 'Europe/Vienna' },
};

const REVIEW_COLUMNS = ['Hotel_Name', 'Reviewer_Nationality', 'Review_Date', 'Reviewer_Score'] as const;
export const HOTEL_COLUMNS = ['Hotel_Name', 'Hotel_Address', 'lat', 'lng'] as const;

export interface BookingReviewsOptions {
  /** The per-hotel file (CSV, optionally gzipped) that gives each hotel's address and coordinates. */
  hotelsFile?: string;
}

/** The property id of a hotel of the dataset: its name as a slug, the same on every import. */
export function hotelPropertyId(hotelName: string): string {
  const slug = hotelName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const id = `bdc-${slug}`;
  if (id.length <= 64) return id;
  const hash = createHash('sha256').update(hotelName).digest('hex').slice(0, 8);
  return `${id.slice(0, 55)}-${hash}`;
}

export type HotelMapping = { ok: true; property: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * A row of the per-hotel file as a property: the city is the dataset city named in the
 * address (the one of the address's country, as "Rue d Amsterdam ... Paris France" names two),
 * the time zone that of the city. Coordinates are left for the property contract to check.
 */
export function hotelToProperty(row: Record<string, string>): HotelMapping {
  const issues: FieldIssue[] = [];
  const name = row.Hotel_Name?.trim() ?? '';
  if (name === '') issues.push(issue('Hotel_Name', 'required', 'must not be empty'));

  const address = row.Hotel_Address?.trim() ?? '';
  const named = Object.keys(CITIES).filter((c) => address.includes(c));
  const city = named.length === 1 ? named[0] : named.find((c) => address.endsWith(CITIES[c]!.countryName));
  if (!city) {
    issues.push(issue('Hotel_Address', 'unknown_city', `names none of the dataset's cities (${Object.keys(CITIES).join(', ')})`));
  }
  const latitude = coordinate(row, 'lat', issues);
  const longitude = coordinate(row, 'lng', issues);
  if (issues.length > 0 || !city) return { ok: false, issues };

  const place = CITIES[city]!;
  return {
    ok: true,
    property: {
      property_id: hotelPropertyId(name),
      name,
      city,
      region: place.region,
      country: place.country,
      latitude,
      longitude,
      timezone: place.timezone,
      rooms: null,
      version: 1,
    },
  };
}

type Hotel = { ok: true; property: Record<string, unknown> } | { ok: false; reason: string };

export function bookingReviewsAdapter(options: BookingReviewsOptions = {}): BatchAdapter {
  let hotels: Map<string, Hotel> | undefined;
  const directory = () => (hotels ??= readHotels(options.hotelsFile));

  return {
    name: 'booking-reviews',
    description: 'Booking.com review export (515K Hotel Reviews Data in Europe), with its per-hotel file',
    sourceSystem: SOURCE_SYSTEM,
    eventType: 'feedback',
    requiredColumns: REVIEW_COLUMNS,
    properties: () => [...directory().values()].flatMap((hotel) => (hotel.ok ? [hotel.property] : [])),
    mapRow: (row, rowNumber) => mapReview(row, rowNumber, directory()),
    propertyIdOf: (row) => (row.Hotel_Name ? hotelPropertyId(row.Hotel_Name.trim()) : null),
  };
}

/**
 * Every hotel of the per-hotel file by name: its property, or why it has none (the property
 * contract's reasons included), so that the reviews of a hotel without one say why.
 */
function readHotels(file: string | undefined): Map<string, Hotel> {
  if (!file) {
    throw new StaystreamError('adapter_option_missing', 'booking-reviews needs the per-hotel file (hotelsFile) for its properties');
  }
  const hotels = new Map<string, Hotel>();
  for (const row of readCsv(file)) {
    const mapped = hotelToProperty(row);
    const checked = mapped.ok ? parseProperty(mapped.property, 0) : mapped;
    const name = row.Hotel_Name?.trim() ?? '';
    hotels.set(name, checked.ok && mapped.ok ? { ok: true, property: mapped.property } : { ok: false, reason: reasonOf(checked) });
  }
  return hotels;
}

function reasonOf(result: { ok: boolean; issues?: FieldIssue[] }): string {
  return (result.issues ?? []).map((i) => `${i.field}: ${i.message}`).join('; ');
}

function readCsv(file: string): Record<string, string>[] {
  if (!fs.existsSync(file)) throw new StaystreamError('adapter_file_missing', `${file}: no such file`);
  const bytes = fs.readFileSync(file);
  const text = file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes;
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

function mapReview(row: Record<string, string>, rowNumber: number, hotels: Map<string, Hotel>): RowMapping {
  const issues: FieldIssue[] = [];
  const hotelName = row.Hotel_Name?.trim() ?? '';
  const hotel = hotels.get(hotelName);
  if (!hotel) {
    issues.push(issue('Hotel_Name', 'unknown_property', `hotel ${JSON.stringify(hotelName)} is not in the per-hotel file`));
  } else if (!hotel.ok) {
    issues.push(issue('Hotel_Name', 'invalid_property', `hotel ${JSON.stringify(hotelName)} has no valid property: ${hotel.reason}`));
  }
  const property = hotel?.ok ? hotel.property : undefined;

  const reviewDate = usDate(row.Review_Date ?? '');
  if (!reviewDate) issues.push(issue('Review_Date', 'invalid_date', `expected M/D/YYYY, got ${JSON.stringify(row.Review_Date)}`));

  const scoreText = row.Reviewer_Score?.trim() ?? '';
  const score = Number(scoreText);
  if (scoreText === '' || !Number.isFinite(score)) {
    issues.push(issue('Reviewer_Score', 'invalid_number', `expected a number, got ${JSON.stringify(row.Reviewer_Score)}`));
  }

  const nationality = countryFromName(row.Reviewer_Nationality);
  if (nationality === undefined) {
    issues.push(issue('Reviewer_Nationality', 'unknown_country', `unknown country ${JSON.stringify(row.Reviewer_Nationality?.trim())}`));
  }
  if (issues.length > 0 || !property || !reviewDate) return { ok: false, issues };

  const timezone = String(property.timezone);
  const submittedAt = localMidnight(reviewDate, timezone);
  const sourceIndex = row['']?.trim();
  return {
    ok: true,
    events: [
      {
        type: 'feedback',
        input: {
          property_id: property.property_id,
          source_system: SOURCE_SYSTEM,
          property_timezone: timezone,
          event_kind: 'online_review',
          occurred_at: submittedAt,
          feedback_id: sourceIndex ? `review-${sourceIndex}` : `row-${rowNumber}`,
          site: SITE,
          score_raw: score,
          scale_min: 0,
          scale_max: 10,
          reviewer_country: nationality,
        },
      },
    ],
  };
}

/** M/D/YYYY as an ISO date, or null when it is not a day of the calendar. */
function usDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, month, day, year] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function coordinate(row: Record<string, string>, column: string, issues: FieldIssue[]): number | null {
  const text = row[column]?.trim() ?? '';
  if (text === '' || text === 'NA') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) issues.push(issue(column, 'invalid_number', `expected a number, got ${JSON.stringify(text)}`));
  return value;
}

function issue(field: string, code: string, message: string): FieldIssue {
  return { field, code, message };
}
