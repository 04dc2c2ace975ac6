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
      title: 'Guest feedback by hotel country and month: reviews, mean score (0-100), NPS where asked',
      sql: `
        SELECT p.country AS country, formatDateTime(toStartOfMonth(f.review_date), '%Y-%m') AS month,
               sum(f.responses) AS reviews, round(sum(f.score_sum) / sum(f.responses), 1) AS avg_score,
               sum(f.nps_responses) AS nps_answers,
               if(sum(f.nps_responses) = 0, 'n/a', toString(round(100 * (sum(f.promoters) - sum(f.detractors)) / sum(f.nps_responses), 1))) AS nps
        FROM ${db}.kpi_feedback_daily AS f
        INNER JOIN (SELECT tenant_id, property_id, country FROM ${db}.properties FINAL) AS p
          ON p.tenant_id = f.tenant_id AND p.property_id = f.property_id
        GROUP BY country, month ORDER BY country, month`,
    },
    {
      title: 'Geo: review score by distance from the city centre (properties within 10 km of each centre)',
      sql: `
        WITH centres AS (
          SELECT tupleElement(c, 1) AS city, tupleElement(c, 2) AS lat, tupleElement(c, 3) AS lon
          FROM (SELECT arrayJoin([
            ('Amsterdam', 52.3731, 4.8926), ('Barcelona', 41.3874, 2.1686),
            ('London', 51.5074, -0.1278), ('Milan', 45.4642, 9.19), ('Paris', 48.8566, 2.3522),
            ('Vienna', 48.2082, 16.3738)]) AS c)
        ),
        placed AS (
          SELECT p.tenant_id AS tenant_id, p.property_id AS property_id, c.city AS centre,
                 greatCircleDistance(assumeNotNull(p.longitude), assumeNotNull(p.latitude), c.lon, c.lat) / 1000 AS km
          FROM (SELECT * FROM ${db}.properties FINAL WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS p
          CROSS JOIN centres AS c
          WHERE km <= 10
        )
        SELECT pl.centre AS centre, multiIf(pl.km < 1, '0-1 km', pl.km < 3, '1-3 km', '3-10 km') AS distance,
               uniqExact(pl.property_id) AS hotels, sum(f.responses) AS reviews,
               round(sum(f.score_sum) / sum(f.responses), 1) AS avg_score
        FROM placed AS pl
        INNER JOIN ${db}.kpi_feedback_daily AS f ON f.tenant_id = pl.tenant_id AND f.property_id = pl.property_id
        GROUP BY centre, distance ORDER BY centre, distance`,
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
