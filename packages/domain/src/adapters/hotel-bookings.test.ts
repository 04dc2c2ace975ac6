import { parseEvent } from '../inputs';
import { hotelBookingsAdapter } from './hotel-bookings';

/** Rows in the shape of the "Hotel booking demand" export. */
function row(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    hotel: 'City Hotel', is_canceled: '0', lead_time: '10', arrival_date_year: '2016',
    arrival_date_month: 'February', arrival_date_week_number: '5', arrival_date_day_of_month: '27',
    stays_in_weekend_nights: '1', stays_in_week_nights: '2', adults: '2', children: '0', babies: '0',
    meal: 'BB', country: 'PRT', market_segment: 'Online TA', distribution_channel: 'TA/TO',
    is_repeated_guest: '0', previous_cancellations: '0', previous_bookings_not_canceled: '0',
    reserved_room_type: 'A', assigned_room_type: 'D', booking_changes: '0', deposit_type: 'No Deposit',
    agent: '9', company: 'NULL', days_in_waiting_list: '0', customer_type: 'Transient', adr: '98.50',
    required_car_parking_spaces: '0', total_of_special_requests: '1', reservation_status: 'Check-Out',
    reservation_status_date: '2016-03-01',
    ...overrides,
  };
}

const adapter = hotelBookingsAdapter();

describe('hotel bookings adapter', () => {
  it('maps a checked-out row to a reservation and a stay with dates from the arrival columns', () => {
    const mapped = adapter.mapRow(row(), 7);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.issues));

    const [reservation, stay] = mapped.events;
    expect(mapped.events.map((e) => e.type)).toEqual(['reservation', 'stay']);
    expect(reservation!.input).toMatchObject({
      property_id: 'hbd-city-hotel',
      reservation_id: '7',
      status: 'checked_out',
      arrival_date: '2016-02-27',
      departure_date: '2016-03-01',
      nightly_rate: 98.5,
      total_room_net: 295.5,
      company: null,
      agent: '9',
      guest_country: 'PRT',
    });
    expect(stay!.input).toMatchObject({ check_in_date: '2016-02-27', check_out_date: '2016-03-01', room_revenue_net: 295.5 });
  });

  it.each([
    ['Canceled', '1', 'cancelled'],
    ['No-Show', '1', 'no_show'],
  ])('maps a %s row to one %s reservation and no stay', (status, canceled, expected) => {
    const mapped = adapter.mapRow(row({ reservation_status: status, is_canceled: canceled }), 1);

    expect(mapped.ok && mapped.events.map((e) => [e.type, e.input.status])).toEqual([['reservation', expected]]);
  });

  it('books the reservation lead_time days before arrival, at Lisbon midnight', () => {
    const mapped = adapter.mapRow(row({ lead_time: '30' }), 1);
    const bookedAt = mapped.ok ? (mapped.events[0]!.input.booked_at as number) : 0;

    expect(new Date(bookedAt).toISOString()).toBe('2016-01-28T00:00:00.000Z');
  });

  it.each([
    ['an unknown hotel', { hotel: 'Beach Hotel' }, 'hotel'],
    ['a status that contradicts is_canceled', { is_canceled: '1' }, 'is_canceled'],
    ['an unknown month', { arrival_date_month: 'Smarch' }, 'arrival_date_month'],
    ['a day the month lacks', { arrival_date_month: 'February', arrival_date_day_of_month: '30' }, 'arrival_date_day_of_month'],
    ['a rate that is not a number', { adr: 'n/a' }, 'adr'],
  ])('rejects %s, naming the column', (_label, overrides, field) => {
    const mapped = adapter.mapRow(row(overrides), 1);

    expect(mapped.ok ? [] : mapped.issues.map((i) => i.field)).toContain(field);
  });

  it('reads the NA of a missing children count as none', () => {
    const mapped = adapter.mapRow(row({ children: 'NA' }), 1);

    expect(mapped.ok && mapped.events[0]!.input.children).toBe(0);
  });

  it('leaves business rules to the shared validation: a negative rate fails there', () => {
    const mapped = adapter.mapRow(row({ adr: '-6.38' }), 1);
    if (!mapped.ok) throw new Error('the adapter itself accepts the row');

    const parsed = parseEvent('reservation', mapped.events[0]!.input, 0);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.field)).toEqual(['nightly_rate', 'total_room_net']);
  });

  it('tells the property even of a bad row, for per-hotel accounting', () => {
    expect(adapter.propertyIdOf(row({ adr: 'bad' }))).toBe('hbd-city-hotel');
    expect(adapter.propertyIdOf(row({ hotel: '?' }))).toBeNull();
  });
});
