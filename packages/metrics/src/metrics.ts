import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The counters and histograms every service shares; names carry their unit. */
export interface Metrics {
  registry: Registry;
  eventsIn: Counter<'topic' | 'type'>;
  eventsOut: Counter<'topic'>;
  eventsRejected: Counter<'stage' | 'reason'>;
  eventsDuplicate: Counter<'topic'>;
  batchSize: Histogram<'stage'>;
  batchDurationMs: Histogram<'stage'>;
  insertRows: Counter<'table'>;
  insertDurationMs: Histogram<'table'>;
  consumerLag: Gauge<'topic' | 'partition'>;
  deadLetters: Counter<'stage' | 'reason'>;
  gradingSkipped: Counter<'reason'>;
  requestsRejected: Counter<'reason'>;
  cardDataScrubbed: Counter<'path'>;
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const registers = [registry];
  const ms = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
  const sizes = [1, 10, 50, 100, 500, 1000, 5000, 10000, 50000];

  return {
    registry,
    eventsIn: new Counter({ name: 'staystream_events_in_total', help: 'Events received', labelNames: ['topic', 'type'], registers }),
    eventsOut: new Counter({ name: 'staystream_events_out_total', help: 'Records produced', labelNames: ['topic'], registers }),
    eventsRejected: new Counter({ name: 'staystream_events_rejected_total', help: 'Events rejected, by stage and reason', labelNames: ['stage', 'reason'], registers }),
    eventsDuplicate: new Counter({ name: 'staystream_events_duplicate_total', help: 'Events dropped as already processed', labelNames: ['topic'], registers }),
    batchSize: new Histogram({ name: 'staystream_batch_size', help: 'Messages per batch', labelNames: ['stage'], buckets: sizes, registers }),
    batchDurationMs: new Histogram({ name: 'staystream_batch_duration_ms', help: 'Batch handling time', labelNames: ['stage'], buckets: ms, registers }),
    insertRows: new Counter({ name: 'staystream_insert_rows_total', help: 'Rows inserted into ClickHouse', labelNames: ['table'], registers }),
    insertDurationMs: new Histogram({ name: 'staystream_insert_duration_ms', help: 'ClickHouse insert latency', labelNames: ['table'], buckets: ms, registers }),
    consumerLag: new Gauge({ name: 'staystream_consumer_lag', help: 'Messages behind the end of the partition', labelNames: ['topic', 'partition'], registers }),
    deadLetters: new Counter({ name: 'staystream_dead_letters_total', help: 'Records sent to the dead-letter topic', labelNames: ['stage', 'reason'], registers }),
    gradingSkipped: new Counter({ name: 'staystream_grading_skipped_total', help: 'Guests not graded live after their event, by reason', labelNames: ['reason'], registers }),
    requestsRejected: new Counter({ name: 'staystream_requests_rejected_total', help: 'HTTP requests refused as a whole (auth, scope, limits), by reason', labelNames: ['reason'], registers }),
    cardDataScrubbed: new Counter({ name: 'staystream_card_data_scrubbed_total', help: 'Events that carried card data, removed before publishing, by intake path (http, import)', labelNames: ['path'], registers }),
  };
}
