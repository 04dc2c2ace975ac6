import { DEFAULT_EMAIL_RULES, normaliseEmail } from './email';

describe('normaliseEmail', () => {
  it.each([
    ['trims and lower-cases', '  Anna.Schmidt@Example.DE ', 'anna.schmidt@example.de'],
    ['removes a plus-tag', 'anna+hotels@web.de', 'anna@web.de'],
    ['removes dots for gmail only', 'a.n.n.a@gmail.com', 'anna@gmail.com'],
    ['treats googlemail as gmail', 'Anna.S+x@googlemail.com', 'annas@gmail.com'],
    ['keeps dots for other providers', 'a.n.n.a@outlook.com', 'a.n.n.a@outlook.com'],
    ['composes to NFC', 'jose\u0301@correo.es', 'jos\u00e9@correo.es'],
    ['drops a mailto: prefix', 'mailto:li@qq.com', 'li@qq.com'],
  ])('%s', (_label, raw, expected) => {
    expect(normaliseEmail(raw)?.address).toBe(expected);
  });

  it.each([
    ['a personal address', 'maria.lopez@gmail.com', 'personal'],
    ['a Booking.com alias', 'mlopez.812731@guest.booking.com', 'ota_alias'],
    ['an Expedia alias', 'b4c1f@m.expediapartnercentral.com', 'ota_alias'],
    ['an Airbnb alias', 'maria-x1@guest.airbnb.com', 'ota_alias'],
    ['an Agoda alias', '8a7f@agoda-messaging.com', 'ota_alias'],
    ['a Trip.com alias', 'x19@guest.trip.com', 'ota_alias'],
    ['noemail@', 'noemail@hotel-lisboa.pt', 'placeholder'],
    ['none@', 'none@none.com', 'placeholder'],
    ['x@x.x', 'x@x.x', 'placeholder'],
    ['a repeated-letter address', 'aaa@aaa.aa', 'placeholder'],
    ['test@', 'test@company.com', 'placeholder'],
    ['guest@hotel…', 'guest@hotelaurora.com', 'placeholder'],
    ['an example domain', 'john@example.com', 'placeholder'],
    ['reservations@', 'reservations@acme-travel.com', 'role'],
    ['info@', 'info@smith-family.co.uk', 'role'],
    ['frontdesk@', 'frontdesk@grandhotel.at', 'role'],
    ['booking@', 'booking@corp.example.org', 'placeholder'],
    ['a malformed address', 'maria.lopez(at)gmail.com', 'invalid'],
  ])('classifies %s', (_label, raw, kind) => {
    expect(normaliseEmail(raw)?.kind).toBe(kind);
  });

  it('accepts a configured OTA domain and placeholder address', () => {
    const rules = {
      ...DEFAULT_EMAIL_RULES,
      otaAliasDomains: [...DEFAULT_EMAIL_RULES.otaAliasDomains, 'relay.myota.example'],
      placeholderAddresses: ['front@hotel-aurora.pt'],
    };

    expect(normaliseEmail('q1@relay.myota.example', rules)?.kind).toBe('ota_alias');
    expect(normaliseEmail('front@hotel-aurora.pt', rules)?.kind).toBe('placeholder');
  });

  it('returns undefined for a blank value', () => {
    expect(normaliseEmail('   ')).toBeUndefined();
    expect(normaliseEmail(null)).toBeUndefined();
  });
});
