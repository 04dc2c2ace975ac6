import { parseGuestCsv } from './csv';
import { isFebrlIdPattern, truthFromColumn, truthFromFebrlIds, truthFromPairs } from './truth';

/** Two rows in the febrl layout: ", " separators, YYYYMMDD dates. */
const FEBRL = `rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id
rec-1496-org, mitchell, green, 7, wallaby place, delmar, cleveland, 2119, sa, 19560409, 1804974
rec-1496-dup-0, mitchell, greene, 7, wallaby pl, , cleveland, 2119, sa, 19560409, 1804974
`;

/** Three rows in the splink fake_1000 layout, the truth in `cluster`. */
const SPLINK = `unique_id,first_name,surname,dob,city,email,cluster
0,Robert,Alan,1971-06-24,,robert255@smith.net,0
1,Robert,Allen,1971-05-24,,roberta25@smith.net,0
4,Grace,,1997-04-26,Hull,grace.kelly52@jones.com,1
`;

describe('parseGuestCsv', () => {
  it('maps febrl columns and trims the ", " separators', () => {
    const { records, idColumn } = parseGuestCsv(FEBRL);

    expect(idColumn).toBe('rec_id');
    expect(records[0]).toEqual({
      recordId: 'rec-1496-org',
      givenName: 'mitchell',
      familyName: 'green',
      birthDate: '19560409',
      address: {
        streetNumber: '7',
        line1: 'wallaby place',
        line2: 'delmar',
        city: 'cleveland',
        postcode: '2119',
        state: 'sa',
      },
    });
  });

  it.each([
    ['leaves soc_sec_id out by default', {}, undefined],
    [
      'reads soc_sec_id when sensitive ids are allowed',
      { useSensitiveIds: true },
      [{ programme: 'soc_sec_id', number: '1804974' }],
    ],
  ])('%s', (_label, options, loyalty) => {
    const { records } = parseGuestCsv(FEBRL, options);

    expect(records[0]?.loyalty).toEqual(loyalty);
  });

  it('maps splink columns and leaves the truth column out', () => {
    const { records } = parseGuestCsv(SPLINK, { excludeColumns: ['cluster'] });

    expect(records[2]).toEqual({
      recordId: '4',
      givenName: 'Grace',
      birthDate: '1997-04-26',
      email: 'grace.kelly52@jones.com',
      address: { city: 'Hull' },
    });
  });
});

describe('truth', () => {
  it('reads person N from febrl record ids', () => {
    const ids = ['rec-1496-org', 'rec-1496-dup-0', 'rec-7-org'];

    expect(isFebrlIdPattern(ids)).toBe(true);
    expect([...truthFromFebrlIds(ids)]).toEqual([
      ['rec-1496-org', '1496'],
      ['rec-1496-dup-0', '1496'],
      ['rec-7-org', '7'],
    ]);
  });

  it('reads a cluster column', () => {
    const { rows } = parseGuestCsv(SPLINK);

    expect([...truthFromColumn(rows, 'unique_id', 'cluster')]).toEqual([
      ['0', '0'],
      ['1', '0'],
      ['4', '1'],
    ]);
  });

  it('joins pairs scoring at least 0.5 into clusters', () => {
    const pairs = `unique_id_l,source_dataset_l,unique_id_r,source_dataset_r,clerical_match_score
a,x,b,x,1.0
b,x,c,x,0.5
c,x,d,x,0.49
`;

    const truth = truthFromPairs(pairs, ['a', 'b', 'c', 'd', 'e']);

    expect([...truth]).toEqual([
      ['a', 'a'],
      ['b', 'a'],
      ['c', 'a'],
      ['d', 'd'],
      ['e', 'e'],
    ]);
  });
});
