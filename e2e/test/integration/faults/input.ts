/**
 * A fixed input for the fault tests: two properties, reservations with later modifications
 * and cancellations, stays, feedback and a few events the collector rejects. Every event has
 * its own occurred_at, so no two versions of one customer tie.
 */
export interface FaultInput {
  properties: object[];
  batches: { type: 'reservations' | 'stays' | 'feedback'; events: object[] }[];
  /** How many events the collector accepts. */
  accepted: number;
}

const BASE = Date.parse('2025-06-01T08:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
const day = (offset: number) => new Date(Date.parse('2025-07-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

export function faultInput(reservations = 240): FaultInput {
  const properties = ['lisbon-01', 'porto-02'].map((id, i) => ({
    property_id: id,
    name: `Hotel ${id}`,
    city: i === 0 ? 'Lisbon' : 'Porto',
    country: 'PT',
    timezone: 'Europe/Lisbon',
    rooms: 80 + i * 40,
    version: at(0),
  }));

  const created: object[] = [];
  const changed: object[] = [];
  const stays: object[] = [];
  const feedback: object[] = [];
  let minute = 1;

  for (let i = 0; i < reservations; i += 1) {
    const property = properties[i % 2]!.property_id as string;
    const arrival = i % 60;
    const guest = { role: 'guest', given_name: `Guest${i % 150}`, family_name: 'Example', email: `guest${i % 150}@mail.example.net` };
    const reservation = {
      property_id: property, property_timezone: 'Europe/Lisbon', source_system: 'fault-pms', reservation_id: `R-${i}`, occurred_at: at(minute++),
      status: 'confirmed', arrival_date: day(arrival), departure_date: day(arrival + 1 + (i % 4)), adults: 1 + (i % 3),
      currency: 'EUR', nightly_rate: 80 + (i % 7) * 10, guest_country: ['DEU', 'PRT', 'FRA', 'GBR'][i % 4], guests: [guest],
    };
    created.push(reservation);
    if (i % 6 === 0) changed.push({ ...reservation, status: 'cancelled', occurred_at: at(10_000 + i), cancelled_at: at(10_000 + i) });
    if (i % 2 === 1) {
      stays.push({
        property_id: property, property_timezone: 'Europe/Lisbon', source_system: 'fault-pms', reservation_id: `R-${i}`, occurred_at: at(20_000 + i),
        check_in_date: reservation.arrival_date, check_out_date: reservation.departure_date, adults: reservation.adults,
        currency: 'EUR', room_revenue_net: 100 + i, guest_country: reservation.guest_country, guests: [guest],
      });
    }
    if (i % 5 === 0) {
      feedback.push({
        property_id: property, property_timezone: 'Europe/Lisbon', source_system: 'fault-reviews', feedback_id: `F-${i}`, reservation_id: `R-${i}`,
        occurred_at: at(30_000 + i), site: 'survey', score_raw: 1 + (i % 10), scale_min: 0, scale_max: 10, guests: [guest],
      });
    }
  }
  const rejected = [
    { ...(created[0] as object), reservation_id: 'R-bad-date', arrival_date: '2025-02-30' },
    { ...(created[1] as object), reservation_id: 'R-bad-currency', currency: 'euro' },
  ];

  const batches: FaultInput['batches'] = [];
  const split = (type: FaultInput['batches'][number]['type'], events: object[], size: number) => {
    for (let i = 0; i < events.length; i += size) batches.push({ type, events: events.slice(i, i + size) });
  };
  split('reservations', [...created, ...rejected], 40);
  split('reservations', changed, 40);
  split('stays', stays, 40);
  split('feedback', feedback, 40);
  return { properties, batches, accepted: created.length + changed.length + stays.length + feedback.length };
}
