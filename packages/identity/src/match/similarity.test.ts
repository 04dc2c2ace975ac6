import { soundex } from '../normalise/text';
import { jaro, jaroWinkler } from './similarity';

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.944, 0.961],
    ['dwayne', 'duane', 0.822, 0.84],
    ['dixon', 'dicksonx', 0.767, 0.813],
    ['same', 'same', 1, 1],
    ['abc', 'xyz', 0, 0],
    ['', 'abc', 0, 0],
  ])('scores %s / %s as published', (a, b, expectedJaro, expectedWinkler) => {
    expect(jaro(a, b)).toBeCloseTo(expectedJaro, 3);
    expect(jaroWinkler(a, b)).toBeCloseTo(expectedWinkler, 3);
  });
});

describe('soundex', () => {
  it.each([
    ['robert', 'R163'],
    ['rupert', 'R163'],
    ['ashcraft', 'A261'],
    ['tymczak', 'T522'],
    ['pfister', 'P236'],
    ['lee', 'L000'],
    ['', ''],
  ])('codes %s as %s', (word, code) => {
    expect(soundex(word)).toBe(code);
  });
});
