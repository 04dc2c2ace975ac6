import {
  CARD_CODE_MARK,
  CARD_EXPIRY_MARK,
  CARD_NUMBER_MARK,
  guardCardData,
  isCardField,
  luhnValid,
  scrubText,
} from './card-guard';

describe('luhnValid', () => {
  it.each([
    ['a Visa test number', '4111111111111111', true],
    ['a Mastercard test number', '5555555555554444', true],
    ['an American Express test number', '378282246310005', true],
    ['a 13-digit Visa number', '4222222222222', true],
    ['a Visa number with its last digit changed', '4111111111111112', false],
    ['a 13-digit order number', '1234567890123', false],
  ])('%s → %s', (_label, digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});

describe('scrubText', () => {
  it.each([
    ['a bare number', 'card 4111111111111111 please', `card ${CARD_NUMBER_MARK} please`],
    ['spaces', 'Pay with 4111 1111 1111 1111 on arrival', `Pay with ${CARD_NUMBER_MARK} on arrival`],
    ['dashes', 'use 5555-5555-5555-4444.', `use ${CARD_NUMBER_MARK}.`],
    ['Amex grouping', 'amex 3782 822463 10005', `amex ${CARD_NUMBER_MARK}`],
    ['a 19-digit number', 'n 6011 0000 0000 0000 001 ok', `n ${CARD_NUMBER_MARK} ok`],
    ['text glued to the digits', 'visa:4111111111111111,thanks', `visa:${CARD_NUMBER_MARK},thanks`],
    ['a room number before the card', 'room 12 4111 1111 1111 1111', `room 12 ${CARD_NUMBER_MARK}`],
    ['two cards', '4111111111111111 or 5555555555554444', `${CARD_NUMBER_MARK} or ${CARD_NUMBER_MARK}`],
    ['a line break inside the text', 'late arrival\ncard 4111-1111-1111-1111', `late arrival\ncard ${CARD_NUMBER_MARK}`],
  ])('removes a card number written with %s', (_label, input, expected) => {
    expect(scrubText(input)).toEqual({ text: expected, kinds: ['number'] });
  });

  it.each([
    ['a digit run that fails the Luhn check', 'ref 4111 1111 1111 1112'],
    ['a phone number, even one that passes the Luhn check', 'call me on +49 151 1234 5678'],
    ['dates and times', 'arriving 2026-03-01 at 23:30, leaving 2026-03-04'],
    ['a short number', 'room 1204, 2 extra towels'],
    ['a door code without card words', 'the door code 1234 is fine'],
    ['a digit string longer than any card', 'booking 41111111111111111111111'],
  ])('keeps %s', (_label, input) => {
    expect(scrubText(input)).toEqual({ text: input, kinds: [] });
  });

  it.each([
    ['CVV', 'CVV 123', `CVV ${CARD_CODE_MARK}`],
    ['cvc with a colon', 'cvc: 9876', `cvc: ${CARD_CODE_MARK}`],
    ['security code in a sentence', 'the security code is 321', `the security code is ${CARD_CODE_MARK}`],
    ['a code right after the number', '4111 1111 1111 1111 / 123', `${CARD_NUMBER_MARK} / ${CARD_CODE_MARK}`],
    ['code after a card word', 'visa card, code 555', `visa card, code ${CARD_CODE_MARK}`],
  ])('removes a card code: %s', (_label, input, expected) => {
    expect(scrubText(input).text).toBe(expected);
  });

  it('removes an expiry date next to a card number', () => {
    const result = scrubText('card 4111111111111111 exp 12/28 cvv 123');

    expect(result.text).toBe(`card ${CARD_NUMBER_MARK} exp ${CARD_EXPIRY_MARK} cvv ${CARD_CODE_MARK}`);
    expect(result.kinds.sort()).toEqual(['code', 'expiry', 'number']);
  });

  it('only scans a phone field for runs longer than a phone number can be', () => {
    expect(scrubText('+351 4222 222222 22', 16).text).toBe('+351 4222 222222 22');
    expect(scrubText('4111 1111 1111 1111', 16).text).toBe(CARD_NUMBER_MARK);
  });
});

describe('isCardField', () => {
  it.each([
    'card_number', 'cardNumber', 'Card Number', 'credit_card', 'CreditCard', 'payment_card', 'cvv', 'CVC2',
    'card_cvv', 'cardholder_name', 'card_expiry', 'pan', 'security_code', 'cc_number', 'track2', 'Guarantee',
  ])('drops %s', (name) => {
    expect(isCardField(name)).toBe(true);
  });

  it.each([
    'special_requests', 'total_of_special_requests', 'company', 'card_brand', 'card_last4', 'card_token',
    'loyalty_card_number', 'key_card', 'discount_code', 'reservation_id', 'capacity',
  ])('keeps %s', (name) => {
    expect(isCardField(name)).toBe(false);
  });
});

describe('guardCardData', () => {
  const reservation = {
    property_id: 'lisbon-01',
    reservation_id: '4111111111111111',
    occurred_at: 4111111111111111,
    special_requests: 'quiet room; charge 4111 1111 1111 1111',
    card_number: '5555555555554444',
    guests: [{ given_name: 'Anna', phone: '+49 151 12345678', payment: { cvv: '123' } }],
    attributes: { note: 'visa 5555-5555-5555-4444', card_brand: 'visa', CreditCard: 'x' },
  };

  it('drops card fields at any depth and scrubs free text, keeping everything else', () => {
    const result = guardCardData(reservation);

    expect(result.value).toEqual({
      property_id: 'lisbon-01',
      reservation_id: '4111111111111111',
      occurred_at: 4111111111111111,
      special_requests: `quiet room; charge ${CARD_NUMBER_MARK}`,
      guests: [{ given_name: 'Anna', phone: '+49 151 12345678', payment: {} }],
      attributes: { note: `visa ${CARD_NUMBER_MARK}`, card_brand: 'visa' },
    });
    expect(result.fields.sort()).toEqual([
      'attributes.CreditCard', 'attributes.note', 'card_number', 'guests[0].payment.cvv', 'special_requests',
    ]);
    expect(result.kinds.sort()).toEqual(['field', 'number']);
  });

  it('leaves the input unchanged', () => {
    const copy = structuredClone(reservation);
    guardCardData(reservation);

    expect(reservation).toEqual(copy);
  });

  it('replaces a card number sent as a JSON number outside the known numeric fields', () => {
    const result = guardCardData({ note: 4111111111111111, nightly_rate: 120, occurred_at: 1767225600000 });

    expect(result.value).toEqual({ note: CARD_NUMBER_MARK, nightly_rate: 120, occurred_at: 1767225600000 });
  });

  it('reports nothing for an input without card data', () => {
    const result = guardCardData({ special_requests: 'late check-in, 2 pillows', adults: 2 });

    expect(result).toEqual({ value: { special_requests: 'late check-in, 2 pillows', adults: 2 }, fields: [], kinds: [] });
  });
});
