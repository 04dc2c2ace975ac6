import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadCliConfig, reconcile, runImportCommand } from '@staystream/cli';
import { createLogger } from '@staystream/logger';
import { pollUntil } from '@staystream/testing';
import { startPipeline, type TestPipeline } from './pipeline';

const BUNDLED = path.resolve(__dirname, '..', '..', '..', 'data', 'hotel_bookings', 'hotel_bookings.csv.gz');

/** The header and the first rows of the bundled export, plus one row with no guest at all. */
function sampleFile(rows: number): { file: string; expectedRows: number } {
  const lines = zlib.gunzipSync(fs.readFileSync(BUNDLED)).toString('utf8').split('\n');
  const header = lines[0]!;
  const body = lines.slice(1, rows + 1);
  const columns = header.split(',');
  const noGuest = body[0]!.split(',');
  for (const name of ['adults', 'children', 'babies']) noGuest[columns.indexOf(name)] = '0';

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'staystream-')), 'bookings.csv');
  fs.writeFileSync(file, [header, ...body, noGuest.join(',')].join('\n') + '\n');
  return { file, expectedRows: rows + 1 };
}

describe('batch import', () => {
  let pipeline: TestPipeline;

  beforeAll(async () => {
    pipeline = await startPipeline('it_import');
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('accounts for every row: loaded or rejected with a reason, none pending', async () => {
    const { file, expectedRows } = sampleFile(400);
    const config = loadCliConfig(pipeline.env);
    const logger = createLogger({ service: 'test', level: 'warn' });

    const summary = (await runImportCommand(config, file, { wait: true, progress: false }))!;
    expect(summary.read).toBe(expectedRows);
    expect(summary.rejected).toBe(1);
    expect(Object.keys(summary.rejectedByReason)).toEqual(['adults: a reservation needs at least one guest']);

    const result = await pollUntil(() => reconcile(config, logger), (r) => r.balanced, {
      what: 'a balanced reconciliation',
      timeoutMs: 120_000,
      intervalMs: 2_000,
    });
    const source = result.sources.find((s) => s.source === 'hotel-booking-demand')!;
    const [reservations] = await pipeline.rows<{ n: string }>(`SELECT count() AS n FROM ${pipeline.db}.reservations FINAL`);

    expect(Number(reservations!.n)).toBe(summary.accepted);
    expect(source.pending).toBe(0);
    expect(source.accepted).toBe(source.loaded + source.rejected);
    expect(source.refused).toBe(1);
  });
});
