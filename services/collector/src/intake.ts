import { parseEvent, type EventType, type RawEvent } from '@staystream/domain';
import type { FieldIssue } from '@staystream/errors';
import { guardCardData, scrubText } from './card-guard';
import type { Rejection } from './publisher';

export interface RejectedItem {
  index: number;
  eventId: string | null;
  issues: FieldIssue[];
}

/** An item that carried card data: where it was found, never the data. */
export interface ScrubbedItem {
  index: number;
  eventId: string | null;
  propertyId: string | null;
  sourceSystem: string | null;
  fields: string[];
}

export interface IntakeResult {
  events: RawEvent[];
  rejections: Rejection[];
  rejected: RejectedItem[];
  scrubbed: ScrubbedItem[];
}

/**
 * Parses a request's items: each either becomes an event or a rejection naming its fields.
 * Card data is removed first, so neither an event nor a rejection ever carries it.
 */
export function takeIn(type: EventType, items: unknown[], receivedAt: number): IntakeResult {
  const result: IntakeResult = { events: [], rejections: [], rejected: [], scrubbed: [] };

  items.forEach((original, index) => {
    const { value: item, fields } = guardItem(original);
    const parsed = item instanceof UnparsableLine ? item.toResult() : parseEvent(type, item, receivedAt);
    if (fields.length > 0) {
      const hints = hintsOf(item);
      const eventId = parsed.ok ? parsed.value.record.envelope.event_id : hints.eventId;
      result.scrubbed.push({ index, ...hints, eventId, fields });
    }

    const issues = parsed.ok ? sizeIssues(parsed.value) : parsed.issues;
    if (parsed.ok && issues.length === 0) {
      if (fields.length > 0) parsed.value.record.envelope.card_data_scrubbed = true;
      result.events.push(parsed.value);
      return;
    }

    const hints = hintsOf(item);
    result.rejected.push({ index, eventId: hints.eventId, issues });
    result.rejections.push({
      eventType: type,
      issues,
      payload: item instanceof UnparsableLine ? item.text : JSON.stringify(item),
      ...hints,
    });
  });

  return result;
}

/**
 * The largest event a raw topic takes, measured as JSON: its Avro encoding is smaller, and a
 * Kafka message is at most 1 MiB by default. A larger event is refused on its own, with the
 * rest of the request accepted, instead of failing the whole produce.
 */
export const MAX_EVENT_JSON_BYTES = 900 * 1024;

function sizeIssues(event: RawEvent): FieldIssue[] {
  const bytes = Buffer.byteLength(JSON.stringify(event.record));
  if (bytes <= MAX_EVENT_JSON_BYTES) return [];
  return [{ field: '(root)', code: 'too_big', message: `the event is ${bytes} bytes as JSON; one event may be at most ${MAX_EVENT_JSON_BYTES}` }];
}

/** A line of an NDJSON body that is not JSON: rejected on its own, the rest goes on. */
export class UnparsableLine {
  constructor(
    readonly line: number,
    readonly text: string,
    readonly error: string,
  ) {}

  toResult(): { ok: false; issues: FieldIssue[] } {
    return { ok: false, issues: [{ field: `(line ${this.line})`, code: 'invalid_json', message: this.error }] };
  }
}

function guardItem(item: unknown): { value: unknown; fields: string[] } {
  if (!(item instanceof UnparsableLine)) return guardCardData(item);

  const text = scrubText(item.text);
  const error = scrubText(item.error);
  const fields = text.kinds.length + error.kinds.length > 0 ? [`(line ${item.line})`] : [];
  return { value: new UnparsableLine(item.line, text.text, error.text), fields };
}

export function splitNdjson(body: string): unknown[] {
  const items: unknown[] = [];
  body.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      items.push(JSON.parse(text));
    } catch (error) {
      items.push(new UnparsableLine(i + 1, text, (error as Error).message));
    }
  });
  return items;
}

function hintsOf(item: unknown): { eventId: string | null; sourceSystem: string | null; propertyId: string | null } {
  const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 128) : null);
  return {
    eventId: text(record.event_id),
    sourceSystem: text(record.source_system),
    propertyId: text(record.property_id),
  };
}
