import type { GuestRecord } from '../model';
import type { IdentityResolver } from './resolver';
import { createIdentityResolver } from './resolver';

/** The tricky identity inputs of DOMAIN.md §8, items 3 to 7. */

const PROPERTY_PHONE = '+351 213 456 780';

function newResolver(): IdentityResolver {
  return createIdentityResolver({
    options: { propertyCountry: 'PT', propertyPhones: [PROPERTY_PHONE] },
  });
}

async function addAll(resolver: IdentityResolver, records: GuestRecord[]): Promise<string[]> {
  const ids: string[] = [];
  for (const record of records) ids.push((await resolver.add(record)).customerId);
  return ids;
}

describe('an OTA alias beside a real e-mail (§8.3)', () => {
  const direct: GuestRecord = {
    recordId: 'pms-1',
    givenName: 'Anna',
    familyName: 'Schmidt',
    email: 'anna.schmidt@gmail.com',
    phone: '+49 151 23456789',
    birthDate: '1985-03-14',
    observedAt: '2024-02-01T10:00:00Z',
  };

  it.each([
    ['name and mobile', { phone: '0151 23456789', country: 'DEU' }, 'mobile_and_family_name'],
    ['name and birth date', { birthDate: '14.03.1985' }, 'name_and_birth_date'],
  ])('links the OTA profile through %s', async (_label, extra, rule) => {
    const resolver = newResolver();
    const viaOta: GuestRecord = {
      recordId: 'bdc-77',
      givenName: 'ANNA',
      familyName: 'SCHMIDT',
      email: 'aschmi.391827@guest.booking.com',
      observedAt: '2025-06-01T10:00:00Z',
      ...extra,
    };

    const first = await resolver.add(direct);
    const second = await resolver.add(viaOta);

    expect(second.customerId).toBe(first.customerId);
    expect(second.rule).toBe(rule);
  });

  it('keeps the real e-mail on the golden record although the alias is newer', async () => {
    const resolver = newResolver();
    const viaOta: GuestRecord = {
      recordId: 'bdc-77',
      givenName: 'Anna',
      familyName: 'Schmidt',
      email: 'aschmi.391827@guest.booking.com',
      phone: '0151 23456789',
      country: 'DE',
      observedAt: '2025-06-01T10:00:00Z',
    };

    const { customerId } = await resolver.add(direct);
    await resolver.add(viaOta);
    const golden = await resolver.golden(customerId);

    expect(golden?.email).toEqual({ value: 'anna.schmidt@gmail.com', sourceRecordIds: ['pms-1'] });
  });

  it('never links two records by the same OTA alias alone', async () => {
    const alias = 'guest.8812@guest.booking.com';
    const resolver = newResolver();

    const [a, b] = await addAll(resolver, [
      { recordId: 'r1', givenName: 'Luis', familyName: 'Prado', email: alias },
      { recordId: 'r2', givenName: 'Luis', familyName: 'Prado', email: alias },
    ]);

    expect(a).not.toBe(b);
  });
});

describe('an assistant booking four rooms for colleagues (§8.4)', () => {
  const contact = { email: 'sarah.connor@acme-corp.com', phone: '+44 7911 123456' };
  const booker: GuestRecord = {
    recordId: 'res-9:booker',
    role: 'booker',
    givenName: 'Sarah',
    familyName: 'Connor',
    ...contact,
  };
  const colleagues: GuestRecord[] = [
    ['John', 'Reese'],
    ['Harold', 'Finch'],
    ['Sameen', 'Shaw'],
    ['Lionel', 'Fusco'],
  ].map(([givenName, familyName], room) => ({
    recordId: `res-9:room-${room + 1}`,
    role: 'guest',
    givenName,
    familyName,
    ...contact,
  }));

  it('gives the booker and each colleague their own customer', async () => {
    const resolver = newResolver();

    const ids = await addAll(resolver, [booker, ...colleagues]);

    expect(new Set(ids).size).toBe(5);
  });

  it('reports why the booker was not linked to a colleague', async () => {
    const resolver = newResolver();
    await resolver.add(booker);

    const result = await resolver.add(colleagues[0] as GuestRecord);

    expect(result.vetoes).toContainEqual({
      recordId: booker.recordId,
      reason: 'booker_contact_only',
    });
  });

  const ownStay: GuestRecord = { ...booker, recordId: 'res-12:room-1', role: 'guest' };

  it('links the booker to her own later stay as a guest', async () => {
    const resolver = newResolver();

    const ids = await addAll(resolver, [booker, ...colleagues.slice(0, 2), ownStay]);

    expect(ids[3]).toBe(ids[0]);
  });

  it('still links her own stay by name once her contact is shared', async () => {
    const resolver = newResolver();
    await addAll(resolver, [booker, ...colleagues]);

    const result = await resolver.add(ownStay);

    expect(result.sharedValues).toContain('email:sarah.connor@acme-corp.com');
    expect(result.linkedTo).toBe(booker.recordId);
    expect(result.rule).toBe('probabilistic');
  });
});

describe('a couple sharing one e-mail (§8.5)', () => {
  const shared = 'jansen.family@gmail.com';
  const husband: GuestRecord = {
    recordId: 'h1',
    givenName: 'Peter',
    familyName: 'Jansen',
    email: shared,
    birthDate: '1970-02-11',
  };
  const wife: GuestRecord = {
    recordId: 'w1',
    givenName: 'Maria',
    familyName: 'Jansen',
    email: shared,
    birthDate: '1972-09-30',
  };

  it('keeps husband and wife apart', async () => {
    const resolver = newResolver();

    const [husbandId, wifeId] = await addAll(resolver, [husband, wife]);

    expect(husbandId).not.toBe(wifeId);
  });

  it('still links each of them to their own later stays', async () => {
    const resolver = newResolver();
    const husbandAgain = { ...husband, recordId: 'h2', givenName: 'Pete' };
    const wifeAgain = { ...wife, recordId: 'w2', birthDate: undefined };

    const ids = await addAll(resolver, [husband, wife, husbandAgain, wifeAgain]);

    expect(ids).toEqual([ids[0], ids[1], ids[0], ids[1]]);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('transliterated and reordered names (§8.6)', () => {
  it.each([
    [
      'NGUYEN Van An / An Nguyen by mobile',
      { fullName: 'NGUYEN Van An', phone: '+84 912 345 678' },
      { givenName: 'An', familyName: 'Nguyen', phone: '0912 345 678', country: 'VN' },
    ],
    [
      'NGUYEN Van An / An Nguyen by birth date',
      { fullName: 'NGUYEN Van An', birthDate: '1990-07-21' },
      { givenName: 'An', familyName: 'Nguyen', birthDate: '1990-07-21' },
    ],
    [
      'Müller / MUELLER by birth date',
      { givenName: 'Hans', familyName: 'Müller', birthDate: '1961-05-05' },
      { givenName: 'HANS', familyName: 'MUELLER', birthDate: '05/05/1961' },
    ],
    [
      'Müller / Мюллер by birth date',
      { givenName: 'Hans', familyName: 'Müller', birthDate: '1961-05-05' },
      { givenName: 'Ханс', familyName: 'Мюллер', birthDate: '1961-05-05' },
    ],
    [
      'MUELLER / Мюллер by loyalty number',
      {
        givenName: 'Hans',
        familyName: 'MUELLER',
        loyalty: [{ programme: 'Aurora Club', number: 'AC 1234-55' }],
      },
      {
        givenName: 'Ханс',
        familyName: 'Мюллер',
        loyalty: [{ programme: 'aurora club', number: 'ac123455' }],
      },
    ],
  ])('links %s', async (_label, left, right) => {
    const resolver = newResolver();

    const [a, b] = await addAll(resolver, [
      { recordId: 'a', ...left },
      { recordId: 'b', ...right },
    ]);

    expect(b).toBe(a);
  });

  it('does not link on a transliterated name alone', async () => {
    const resolver = newResolver();

    const [a, b] = await addAll(resolver, [
      { recordId: 'a', givenName: 'Hans', familyName: 'Müller' },
      { recordId: 'b', givenName: 'Ханс', familyName: 'Мюллер' },
    ]);

    expect(b).not.toBe(a);
  });
});

describe('a walk-in with placeholder contact data (§8.7)', () => {
  const walkIn = (recordId: string, givenName: string, familyName: string): GuestRecord => ({
    recordId,
    givenName,
    familyName,
    email: 'noemail@hotel.com',
    phone: PROPERTY_PHONE.replace('+351 ', ''),
  });

  it('creates a new guest for each walk-in', async () => {
    const resolver = newResolver();

    const ids = await addAll(resolver, [
      walkIn('w1', 'Tomás', 'Ferreira'),
      walkIn('w2', 'Inês', 'Ferreira'),
      walkIn('w3', 'Tomás', 'Ferreira'),
    ]);

    expect(new Set(ids).size).toBe(3);
  });

  it('links a walk-in when a real key matches', async () => {
    const resolver = newResolver();
    const known: GuestRecord = {
      recordId: 'k1',
      givenName: 'Tomás',
      familyName: 'Ferreira',
      birthDate: '1979-11-02',
      email: 'tomas.ferreira@sapo.pt',
    };

    const [knownId, walkInId] = await addAll(resolver, [
      known,
      { ...walkIn('w1', 'Tomas', 'FERREIRA'), birthDate: '1979-11-02' },
    ]);

    expect(walkInId).toBe(knownId);
  });
});
