import type { GuestRecord } from '../model';
import { normaliseRecord } from '../normalise/record';
import { resolveIdentityOptions } from '../options';
import { estimateUProbabilities } from './estimate';
import { PRIOR_MODEL } from './model';

describe('estimateUProbabilities', () => {
  const options = resolveIdentityOptions();
  const givenNames = ['Ana', 'Rui', 'Inês', 'João', 'Marta', 'Pedro', 'Sofia', 'Tiago'];
  const records: GuestRecord[] = givenNames.map((givenName, i) => ({
    recordId: `r${i}`,
    givenName,
    familyName: 'Silva',
  }));

  const model = estimateUProbabilities(
    records.map((record) => normaliseRecord(record, options)),
    PRIOR_MODEL,
    { pairs: 2000, seed: 3 },
  );

  it('learns that a family name everybody shares is weak evidence', () => {
    expect(model.family.exact.u).toBe(1);
  });

  it('gives a level no random pair reached a small share above zero', () => {
    expect(model.given.exact.u).toBeGreaterThan(0);
    expect(model.given.exact.u).toBeLessThan(PRIOR_MODEL.given.exact.u);
  });

  it('keeps the m probabilities', () => {
    expect(model.family.exact.m).toBe(PRIOR_MODEL.family.exact.m);
  });

  it('is deterministic for a seed', () => {
    const again = estimateUProbabilities(
      records.map((record) => normaliseRecord(record, options)),
      PRIOR_MODEL,
      { pairs: 2000, seed: 3 },
    );

    expect(again).toEqual(model);
  });
});
