import type { FieldIssue } from '@staystream/errors';
import type { EventType } from '../inputs';

/** One event an adapter derives from a source row, in the same flat shape the HTTP API takes. */
export interface MappedEvent {
  type: EventType;
  input: Record<string, unknown>;
}

export type RowMapping = { ok: true; events: MappedEvent[] } | { ok: false; issues: FieldIssue[] };

/** Turns the rows of one kind of export file into events. */
export interface BatchAdapter {
  readonly name: string;
  readonly description: string;
  /** The source_system of every event the adapter produces. */
  readonly sourceSystem: string;
  /** The type of event a rejected row would have become; reservation when not told. */
  readonly eventType?: EventType;
  /** The columns a file must have for this adapter to read it. */
  readonly requiredColumns: readonly string[];
  /** The properties the file's rows refer to, published before the rows. */
  properties(): Record<string, unknown>[];
  mapRow(row: Record<string, string>, rowNumber: number): RowMapping;
  /** The property a row belongs to, when it can be told even from a bad row. */
  propertyIdOf(row: Record<string, string>): string | null;
}
