import * as fs from 'node:fs';
import { HOTEL_BOOKINGS_SOURCE, hotelBookingsAdapter, type HotelBookingsOptions } from '@staystream/domain';
import { createGuestGenerator, type GuestRecord } from '@staystream/identity';

/**
 * Guests for the "Hotel booking demand" rows, whose authors removed every identity: a seeded
 * generator makes persons consistent with each row (country, repeat-guest flags, party size)
 * and adds the noise hotels see. Each guest's true person goes to `truthFile` under the record
 * id the enricher gives it, so the main job can score identity resolution.
 */
export function syntheticGuestOptions(seed: string, truthFile: string): HotelBookingsOptions {
  const generator = createGuestGenerator(seed);
  const properties = hotelBookingsAdapter();
  fs.writeFileSync(truthFile, 'record_id,person_id\n');

  return {
    guestsFor: (row, rowNumber) => {
      const booking = generator.next(row);
      const propertyId = properties.propertyIdOf(row) ?? '';
      const lines = booking.guests.map((guest, index) => {
        const recordId = `${HOTEL_BOOKINGS_SOURCE}|${propertyId}|${rowNumber}|${guest.role ?? 'guest'}|${index}`;
        return `${recordId},${booking.truth[index]}\n`;
      });
      fs.appendFileSync(truthFile, lines.join(''));
      return booking.guests.map(toGuestInput);
    },
  };
}

/** A generated guest in the shape the collector's input contract takes. */
function toGuestInput(guest: GuestRecord): Record<string, unknown> {
  const loyalty = guest.loyalty?.[0];
  return {
    role: guest.role ?? 'guest',
    given_name: guest.givenName ?? null,
    family_name: guest.familyName ?? null,
    email: guest.email ?? null,
    phone: guest.phone ?? null,
    birth_date: guest.birthDate ?? null,
    loyalty_program: loyalty?.programme ?? null,
    loyalty_number: loyalty?.number ?? null,
    address: guest.address?.line1 ?? null,
    city: guest.address?.city ?? null,
    postcode: guest.address?.postcode ?? null,
    country: guest.country ?? null,
  };
}
