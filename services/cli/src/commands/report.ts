import type { Logger } from '@staystream/logger';
import type { CliConfig } from '../config';
import { formatRows, type OutputFormat } from '../format';
import { openStore, type Store } from '../store';

/** The main job's closing report, straight from ClickHouse. */
export async function reportCommand(config: CliConfig, logger: Logger, format: OutputFormat): Promise<number> {
  const store = await openStore(config, logger);
  try {
    for (const section of sections(store.database)) {
      const started = Date.now();
      const rows = await store.query(section.sql);
      if (format === 'table') console.log(`\n== ${section.title} (${Date.now() - started} ms)`);
      console.log(formatRows(rows, format));
    }
    return 0;
  } finally {
    await store.close();
  }
}

export function sections(db: string): { title: string; sql: string }[] {
  return [
    {
      title: 'Per hotel and month: room nights, ADR (EUR), cancellation rate (by arrival month)',
      sql: `
        WITH nights AS (
          SELECT property_id, toStartOfMonth(stay_date) AS month,
                 count() AS room_nights, sum(room_revenue) AS revenue
          FROM ${db}.stay_nights FINAL GROUP BY property_id, month
        ),
        bookings AS (
          SELECT property_id, toStartOfMonth(arrival_date) AS month,
                 count() AS reservations, countIf(status = 'cancelled') AS cancelled
          FROM ${db}.reservations FINAL GROUP BY property_id, month
        )
        SELECT p.name AS hotel, formatDateTime(b.month, '%Y-%m') AS month,
               ifNull(n.room_nights, 0) AS room_nights,
               round(if(n.room_nights > 0, n.revenue / n.room_nights, 0), 2) AS adr,
               b.reservations AS reservations,
               round(100 * b.cancelled / b.reservations, 1) AS cancel_pct
        FROM bookings AS b
        LEFT JOIN nights AS n ON n.property_id = b.property_id AND n.month = b.month
        LEFT JOIN (SELECT property_id, argMax(name, version) AS name FROM ${db}.properties GROUP BY property_id) AS p
          ON p.property_id = b.property_id
        ORDER BY hotel, month`,
    },
    {
      title: 'Top ten source countries by room nights',
      sql: `
        SELECT if(guest_country = '', '(unknown)', guest_country) AS country,
               count() AS room_nights,
               round(100 * count() / (SELECT count() FROM ${db}.stay_nights FINAL), 1) AS share_pct,
               uniqExact(reservation_id) AS stays
        FROM ${db}.stay_nights FINAL
        GROUP BY country ORDER BY room_nights DESC LIMIT 10`,
    },
    {
      title: 'Reservations per hotel and status (newest version of each)',
      sql: `
        SELECT property_id, status, count() AS reservations
        FROM ${db}.reservations FINAL GROUP BY property_id, status ORDER BY property_id, status`,
    },
  ];
}

export type { Store };
