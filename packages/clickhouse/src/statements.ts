/**
 * True when `sql` holds one statement: no `;` outside string literals, quoted identifiers and
 * comments, except trailing ones.
 *
 * NOTE: chDB runs every statement of a text, and when a later one fails, the output of the
 * earlier ones is returned with the connection's next query. Outside SQL is therefore checked
 * here before it runs, on the embedded store and on a server alike.
 */
export function isSingleStatement(sql: string): boolean {
  let i = 0;
  let ended = false;

  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === "'" || char === '"' || char === '`') {
      i = skipQuoted(sql, i, char);
      if (ended) return false;
      continue;
    }
    if ((char === '-' && next === '-') || char === '#') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (char === ';') ended = true;
    else if (ended && !/\s/.test(char)) return false;
    i += 1;
  }
  return true;
}

/** The index after the quote that closes the one at `start`; a backslash escapes a character. */
function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}
