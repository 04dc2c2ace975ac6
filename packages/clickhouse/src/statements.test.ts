import { isSingleStatement, outsideReach } from './statements';

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

describe('outsideReach', () => {
  it.each([
    ['a table function over a file', "SELECT * FROM file('/etc/passwd', 'LineAsString')", 'file()'],
    ['the scalar file function', "SELECT file('/etc/passwd') AS f", 'file()'],
    ['a URL, in any case and spacing', "SELECT * FROM URL ('http://x', 'CSV')", 'URL()'],
    ['a quoted function name', "SELECT * FROM `s3`('http://x')", 's3()'],
    ['another server', "SELECT * FROM remote('host', db.t)", 'remote()'],
    ['a program', "SELECT * FROM executable('x.sh', 'TSV', 'a String')", 'executable()'],
    ['a file written', "SELECT 1 INTO OUTFILE '/tmp/x'", 'INTO OUTFILE'],
  ])('finds %s', (_label, sql, found) => {
    expect(outsideReach(sql)).toBe(found);
  });

  it.each([
    ['a plain read', 'SELECT count() FROM staystream.reservations FINAL'],
    ['the name in a string', "SELECT 'file(x)' AS s"],
    ['the name in a comment', 'SELECT 1 -- file(x)'],
    ['a column that only starts like one', 'SELECT profile(1), urls FROM t'],
  ])('passes %s', (_label, sql) => {
    expect(outsideReach(sql)).toBeUndefined();
  });
});
