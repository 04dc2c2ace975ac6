import { iso1A2Codes } from '@ideditor/country-coder';
import type { FieldIssue } from '@staystream/errors';

/**
 * Checks that a property's coordinates lie in its country, using the country borders that
 * `@ideditor/country-coder` ships (OpenStreetMap's iD editor). A point at sea just off the
 * coast belongs to no country there, so it is accepted when it lies within COAST_KM of the
 * country's bounding box; a point inside another country is not.
 *
 * Swapped latitude and longitude are a common mistake in hotel master data (and Lisbon at
 * 38.7, -9.1 swapped is still a valid point, in the Indian Ocean): when the swapped pair lies
 * in the country, the issue says so.
 */
export function coordinateIssues(country: string, latitude: number | null, longitude: number | null): FieldIssue[] {
  if (latitude === null && longitude === null) return [];
  if (latitude === null) return [issue('latitude', 'required_with', 'is required when longitude is given')];
  if (longitude === null) return [issue('longitude', 'required_with', 'is required when latitude is given')];

  const here = countriesAt(latitude, longitude);
  if (here.includes(country)) return [];

  if (inRange(longitude, latitude) && countriesAt(longitude, latitude).includes(country)) {
    return [
      issue(
        'latitude',
        'coordinates_swapped',
        `(${latitude}, ${longitude}) lies outside ${country}; latitude and longitude look swapped: (${longitude}, ${latitude}) lies in ${country}`,
      ),
    ];
  }
  const where = here[0] ? `in ${here[0]}` : 'at sea';
  if (here.length === 0 && nearCountry(country, latitude, longitude)) return [];
  return [issue('latitude', 'outside_country', `(${latitude}, ${longitude}) lies ${where}, not in ${country}`)];
}

/** ISO alpha-2 codes of the territory and of the countries that contain it, at a point. */
export function countriesAt(latitude: number, longitude: number): string[] {
  return iso1A2Codes([longitude, latitude]);
}

const COAST_KM = 25;

/** Whether a point at sea lies within COAST_KM of one of the country's land points. */
function nearCountry(country: string, latitude: number, longitude: number): boolean {
  const dLat = COAST_KM / 111;
  const dLon = COAST_KM / (111 * Math.max(0.1, Math.cos((latitude * Math.PI) / 180)));
  for (const [lat, lon] of [
    [latitude + dLat, longitude], [latitude - dLat, longitude],
    [latitude, longitude + dLon], [latitude, longitude - dLon],
  ] as const) {
    if (inRange(lat, lon) && countriesAt(lat, lon).includes(country)) return true;
  }
  return false;
}

function inRange(latitude: number, longitude: number): boolean {
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
}

function issue(field: string, code: string, message: string): FieldIssue {
  return { field, code, message };
}
