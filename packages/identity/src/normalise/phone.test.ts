import { normalisePhone, normalisePropertyPhones } from './phone';

describe('normalisePhone', () => {
  it.each([
    ['an international number', '+44 7911 123456', {}, '+447911123456', 'mobile'],
    ['a 00 prefix', '0033 6 12 34 56 78', {}, '+33612345678', 'mobile'],
    ['the guest country first', '06 12 34 56 78', { guestCountry: 'FR' }, '+33612345678', 'mobile'],
    [
      'the property country when the guest has none',
      '912 345 678',
      { propertyCountry: 'PT' },
      '+351912345678',
      'mobile',
    ],
    [
      'the property country when the guest country does not fit',
      '212 345 678',
      { guestCountry: 'US', propertyCountry: 'PT' },
      '+351212345678',
      'fixed',
    ],
  ])('reads %s', (_label, raw, context, e164, line) => {
    const phone = normalisePhone(raw, context);

    expect(phone?.e164).toBe(e164);
    expect(phone?.kind).toBe('personal');
    expect(phone?.line).toBe(line);
  });

  it.each([
    ['repeated digits', '0000000000', { propertyCountry: 'PT' }, 'repeated_digits'],
    ['nines', '+351 999 999 999', {}, 'repeated_digits'],
    ['a digit sequence', '123456789', { propertyCountry: 'PT' }, 'digit_sequence'],
  ])('flags %s as a placeholder', (_label, raw, context, reason) => {
    const phone = normalisePhone(raw, context);

    expect(phone?.kind).toBe('placeholder');
    expect(phone?.placeholderReason).toBe(reason);
  });

  it("flags the property's own number as a placeholder", () => {
    const propertyPhones = normalisePropertyPhones(['+351 213 456 780'], 'PT');

    const phone = normalisePhone('213456780', { propertyCountry: 'PT', propertyPhones });

    expect(phone?.kind).toBe('placeholder');
    expect(phone?.placeholderReason).toBe('property_phone');
  });

  it('marks a number that does not parse as invalid', () => {
    expect(normalisePhone('5-87-2', {})?.kind).toBe('invalid');
    expect(normalisePhone('', {})).toBeUndefined();
  });
});
