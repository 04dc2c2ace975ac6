import { isSingleStatement } from './statements';

describe('isSingleStatement', () => {
  it.each([
    ['a plain select', 'SELECT 1'],
    ['a trailing semicolon', 'SELECT 1;  \n'],
    ['a semicolon in a string', "SELECT 'a; DROP TABLE t' AS s"],
    ['an escaped quote before a semicolon', "SELECT 'it\\'s; fine' AS s"],
    ['a doubled quote before a semicolon', "SELECT 'it''s; fine' AS s"],
    ['a semicolon in a quoted identifier', 'SELECT 1 AS "a;b", 2 AS `c;d`'],
    ['a semicolon in a line comment', 'SELECT 1 -- ; DROP TABLE t\n'],
    ['a semicolon in a block comment', 'SELECT /* ; DROP TABLE t */ 1'],
    ['a comment after the end', 'SELECT 1; -- done'],
  ])('accepts %s', (_label, sql) => {
    expect(isSingleStatement(sql)).toBe(true);
  });

  it.each([
    ['a second statement', 'SELECT 1; DROP TABLE t'],
    ['a second statement without a space', 'SELECT 1;DROP TABLE t'],
    ['a second statement after a string', "SELECT 'x'; SELECT 2"],
    ['a second statement after a comment', 'SELECT 1; /* then */ DROP TABLE t'],
    ['a string after the end', "SELECT 1; 'x'"],
  ])('refuses %s', (_label, sql) => {
    expect(isSingleStatement(sql)).toBe(false);
  });
});
