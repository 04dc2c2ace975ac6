import type { Envelope, FeedbackEvent, ReservationEvent, StayEvent } from '@staystream/schemas';
import { emptyEnriched, enrichFeedback, enrichReservation, enrichStay } from './enrich';

const envelope = (overrides: Partial<Envelope> = {}): Envelope => ({
  event_id: 'e1', event_type: 'reservation', event_kind: 'snapshot', schema_version: 1, tenant_id: 't',
  property_id: 'nyc-01', source_system: 'pms', source_entity_id: 'R1', source_version: 5,
  occurred_at: Date.UTC(2024, 5, 1), received_at: Date.UTC(2024, 5, 1, 0, 1), property_timezone: 'America/New_York',
  card_data_scrubbed: false, ...overrides,
});

const reservation = (overrides: Partial<ReservationEvent> = {}): ReservationEvent => ({
  envelope: envelope(), reservation_id: 'R1', status: 'confirmed', source_status: null,
  booked_at: Date.UTC(2024, 5, 11, 1, 30), cancelled_at: null, arrival_date: '2024-06-20', departure_date: '2024-06-23',
  adults: 2, children: 1, babies: 0, room_type: 'KING', assigned_room_type: null, meal_plan: null, channel: null,
  market_segment: null, customer_type: null, deposit_type: null, agent: null, company: null, currency: 'USD',
  nightly_rate: 150, total_room_net: null, guest_country: 'USA', is_repeated_guest: null, special_requests: null,
  guests: [], attributes: {}, ...overrides,
});

describe('enrichReservation', () => {
  it('takes the booking date and lead time in the property time zone', () => {
    const out = emptyEnriched();
    // 01:30 UTC on the 11th is 21:30 on the 10th in New York.
    enrichReservation(reservation(), { timezone: 'America/New_York' }, out);

    expect(out.reservations[0]).toMatchObject({ booking_date: '2024-06-10', lead_time_days: 10, nights: 3, guest_country: 'US' });
  });

  it.each([
    ['confirmed', 450],
    ['checked_out', 450],
    ['cancelled', 0],
    ['no_show', 0],
  ])('counts room revenue for a %s reservation as %d', (status, revenue) => {
    const out = emptyEnriched();
    enrichReservation(reservation({ status }), { timezone: 'UTC' }, out);

    expect(out.reservations[0]!.room_revenue).toBe(revenue);
  });

  it('gives the same customer to a reservation and its stay when no guest identifies them', () => {
    const out = emptyEnriched();
    enrichReservation(reservation(), { timezone: 'UTC' }, out);
    enrichStay(stay(), out);

    expect(out.stays[0]!.customer_id).toBe(out.reservations[0]!.customer_id);
  });

  it('never identifies a customer by a placeholder or OTA alias e-mail', () => {
    const ids = ['noemail@hotel.com', '7f3a1@guest.booking.com', 'anna@mail.de', 'ANNA@Mail.de '].map((email) => {
      const out = emptyEnriched();
      enrichReservation(reservation({ reservation_id: email, guests: [guest({ email })] }), { timezone: 'UTC' }, out);
      return out.customers[0]!;
    });

    expect(ids.map((c) => c.identity_key)).toEqual(['reservation', 'reservation', 'email', 'email']);
    expect(ids[2]!.customer_id).toBe(ids[3]!.customer_id);
    expect(ids[0]!.customer_id).not.toBe(ids[1]!.customer_id);
  });
});

describe('enrichStay', () => {
  it('explodes a stay into nights with the revenue spread evenly', () => {
    const out = emptyEnriched();
    enrichStay(stay({ room_revenue_net: 301 }), out);

    expect(out.stayNights.map((n) => [n.stay_date, n.room_revenue])).toEqual([
      ['2024-06-20', 100.33],
      ['2024-06-21', 100.33],
      ['2024-06-22', 100.33],
    ]);
  });

  it('gives a day-use stay no night', () => {
    const out = emptyEnriched();
    enrichStay(stay({ check_out_date: '2024-06-20' }), out);

    expect(out.stays[0]!.nights).toBe(0);
    expect(out.stayNights).toEqual([]);
  });
});

describe('enrichFeedback', () => {
  it('normalises the score to 0-100 and dates it in the property zone', () => {
    const out = emptyEnriched();
    const event: FeedbackEvent = {
      envelope: envelope({ event_type: 'feedback', occurred_at: Date.UTC(2024, 5, 11, 1, 0) }), feedback_id: 'f1',
      site: 'booking.com', reservation_id: null, score_raw: 8.8, scale_min: 1, scale_max: 10, nps_score: null,
      reviewer_country: 'GBR', title: null, text: null, guests: [],
    };
    enrichFeedback(event, { timezone: 'America/New_York' }, out);

    expect(out.feedback[0]).toMatchObject({ score_0_100: 86.67, review_date: '2024-06-10', reviewer_country: 'GB', customer_id: '' });
    expect(out.customers).toEqual([]);
  });
});

function stay(overrides: Partial<StayEvent> = {}): StayEvent {
  return {
    envelope: envelope({ event_type: 'stay' }), reservation_id: 'R1', stay_kind: 'checked_out',
    check_in_date: '2024-06-20', check_out_date: '2024-06-23', adults: 2, children: 0, room_type: null,
    currency: 'USD', room_revenue_net: 450, guest_country: 'US', guests: [], ...overrides,
  };
}

function guest(overrides: Record<string, string | null>) {
  return {
    role: 'guest', source_profile_id: null, given_name: 'Anna', family_name: 'Smith', email: null, phone: null,
    birth_date: null, loyalty_program: null, loyalty_number: null, address: null, city: null, postcode: null,
    country: null, ...overrides,
  };
}
