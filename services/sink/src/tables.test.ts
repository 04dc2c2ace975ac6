import { ledgerRow } from './tables';

describe('ledgerRow', () => {
  it('records a loaded fact under its event type', () => {
    const row = ledgerRow('stays', { event_id: 'e1', source_system: 'pms', property_id: 'p' }, 5);

    expect(row).toEqual({
      event_id: 'e1', event_type: 'stay', source_system: 'pms', property_id: 'p',
      outcome: 'loaded', stage: 'load', reason_code: '', recorded_at: 5,
    });
  });

  it('records a dead letter of an accepted event as rejected', () => {
    const row = ledgerRow('deadLetter', { event_id: 'e2', stage: 'enrich', reason_code: 'boom', event_type: 'reservation' }, 5);

    expect(row).toMatchObject({ event_id: 'e2', outcome: 'rejected', stage: 'enrich', reason_code: 'boom' });
  });

  it.each([
    ['a collector rejection (never accepted)', 'deadLetter', { event_id: 'e3', stage: 'validate' }],
    ['a dead letter without an event id', 'deadLetter', { event_id: null, stage: 'decode' }],
    ['a stay night (its stay is the event)', 'stayNights', { event_id: 'e4' }],
    ['a customer', 'customers', { customer_id: 'c' }],
  ] as const)('records nothing for %s', (_label, key, row) => {
    expect(ledgerRow(key, row, 5)).toBeNull();
  });
});
