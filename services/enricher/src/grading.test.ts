import type { GradeState, Thresholds } from '@staystream/grading';
import type { EnrichedReservation } from '@staystream/schemas';
import { liveAsOf, newestEventDates, stayFact } from './grading';

const snapshot = { thresholds: { asOf: '2024-06-30' } as Thresholds };

function state(asOf: string, source: 'daily' | 'live'): GradeState {
  return { customerId: 'c', asOf, source, tier: 'B', runsBelowTier: 0, prior: null };
}

function reservation(overrides: Partial<EnrichedReservation>): EnrichedReservation {
  return {
    customer_id: 'c1',
    property_id: 'p1',
    reservation_id: 'r1',
    departure_date: '2024-07-03',
    nights: 2,
    room_revenue: 240,
    status: 'checked_out',
    version: 5,
    occurred_at: Date.parse('2024-07-03T10:00:00Z'),
    ...overrides,
  } as EnrichedReservation;
}

describe('liveAsOf', () => {
  it.each([
    ['an event after the run', '2024-07-04', undefined, '2024-07-04'],
    ['a late event from before the run', '2023-01-01', undefined, '2024-07-01'],
    ['the daily grade of the run itself', '2024-06-30', state('2024-06-30', 'daily'), '2024-07-01'],
    ['a later live grade of the guest', '2024-07-02', state('2024-07-05', 'live'), '2024-07-05'],
  ] as const)('grades %s as of the right day', (_label, eventDate, previous, expected) => {
    expect(liveAsOf(eventDate, snapshot, previous)).toBe(expected);
  });
});

describe('newestEventDates', () => {
  it('keeps the newest UTC event date of each guest', () => {
    const dates = newestEventDates([
      reservation({ occurred_at: Date.parse('2024-07-03T23:30:00Z') }),
      reservation({ occurred_at: Date.parse('2024-07-01T10:00:00Z') }),
      reservation({ customer_id: 'c2', occurred_at: Date.parse('2024-06-01T00:00:00Z') }),
    ]);

    expect(Object.fromEntries(dates)).toEqual({ c1: '2024-07-03', c2: '2024-06-01' });
  });
});

describe('stayFact', () => {
  it('names the reservation as the stay_facts view does, property first', () => {
    expect(stayFact(reservation({}))).toEqual({
      customerId: 'c1',
      reservationId: 'p1:r1',
      departureDate: '2024-07-03',
      roomNights: 2,
      revenue: 240,
      status: 'checked_out',
      version: 5,
    });
  });
});
