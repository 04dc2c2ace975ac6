/**
 * Checks for SQL that comes from outside (the sink's query endpoint, the CLI's `query`), run
 * before it reaches the store, on the embedded store and on a server alike.
 *
 * NOTE: chDB runs every statement of a text, and when a later one fails, the output of the
 * earlier ones comes back with the connection's next query. And a setting sent with a request
 * (`readonly = 1`) stays on chDB's one session, so it cannot guard the embedded store: these
 * checks do.
 */

/**
 * Functions that read or write outside the database: files, URLs, object stores, other
 * servers and programs. Table functions and the scalar `file()` alike.
 */
const OUTSIDE_REACH = [
  'file', 'fileCluster', 'url', 'urlCluster', 's3', 's3Cluster', 'gcs', 'oss', 'cosn',
  'azureBlobStorage', 'azureBlobStorageCluster', 'hdfs', 'hdfsCluster', 'remote', 'remoteSecure',
  'cluster', 'clusterAllReplicas', 'mysql', 'postgresql', 'mongodb', 'redis', 'sqlite', 'jdbc',
  'odbc', 'executable', 'iceberg', 'icebergS3', 'icebergAzure', 'icebergHDFS', 'icebergLocal',
  'deltaLake', 'deltaLakeAzure', 'hudi', 'ytsaurus', 'arrowFlight', 'prometheusQuery',
];
const REACH_CALL = new RegExp(`\\b(${OUTSIDE_REACH.join('|')})\\s*\\(`, 'i');
const OUTFILE = /\bINTO\s+OUTFILE\b/i;

const READ = /^\s*(\(\s*)*(select|with|show|describe|desc|explain|exists)\b/i;

/** Why outside SQL may not run, or undefined when it may. */
export function refusalOf(sql: string): string | undefined {
  const code = codeOf(sql);
  if (!READ.test(code)) return 'sql: only SELECT, WITH, SHOW, DESCRIBE, EXPLAIN and EXISTS are allowed';
  if (!singleStatement(code)) return 'sql: one statement at a time (a ";" may only end it)';
  const reach = reachOf(code);
  return reach ? `sql: ${reach} reaches outside the database and is not allowed here` : undefined;
}

/** True when `sql` holds one statement: a `;` may only end it. */
export function isSingleStatement(sql: string): boolean {
  return singleStatement(codeOf(sql));
}

/** The first function or clause of `sql` that reaches outside the database, if any. */
export function outsideReach(sql: string): string | undefined {
  return reachOf(codeOf(sql));
}

function singleStatement(code: string): boolean {
  const end = code.indexOf(';');
  return end < 0 || code.slice(end + 1).replaceAll(';', '').trim() === '';
}

function reachOf(code: string): string | undefined {
  const call = REACH_CALL.exec(code);
  if (call) return `${call[1]}()`;
  return OUTFILE.test(code) ? 'INTO OUTFILE' : undefined;
}

/**
 * The SQL as the parser sees its words: string literals emptied, comments blanked out, quoted
 * identifiers unquoted (with anything but word characters folded to `_`, so an alias can
 * neither hide a name nor end a statement).
 */
function codeOf(sql: string): string {
  let out = '';
  let i = 0;

  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === "'") {
      i = skipQuoted(sql, i, char);
      out += " '' ";
    } else if (char === '"' || char === '`') {
      const end = skipQuoted(sql, i, char);
      out += ` ${sql.slice(i + 1, end - 1).replace(/\W/g, '_')} `;
      i = end;
    } else if ((char === '-' && next === '-') || char === '#') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      out += ' ';
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
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
