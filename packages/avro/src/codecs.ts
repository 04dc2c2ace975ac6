import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { StaystreamError } from '@staystream/errors';
import type { Logger } from '@staystream/logger';
import { valueSubject } from '@staystream/schemas';

export interface CodecsOptions {
  /** The registry's Confluent-compatible base URL (Apicurio: .../apis/ccompat/v7). */
  registryUrl: string;
  logger: Logger;
}

export interface Decoded<T> {
  record: T;
  schemaId: number;
}

/**
 * Avro in the Confluent wire format (magic byte, schema id, body), with schemas registered
 * per topic under TopicNameStrategy subjects and BACKWARD compatibility.
 */
export interface Codecs {
  register(topic: string, schema: object): Promise<number>;
  encode(topic: string, record: unknown): Promise<Buffer>;
  /** Encodes with the schema registered for the topic by this process; no network call. */
  encodeSync(topic: string, record: unknown): Buffer;
  decode<T>(buffer: Buffer): Promise<Decoded<T>>;
  schemaIdOf(topic: string): number | undefined;
}

export function createCodecs(options: CodecsOptions): Codecs {
  const registry = new SchemaRegistry({ host: options.registryUrl });
  const logger = options.logger.child({ module: 'avro' });
  const ids = new Map<string, number>();
  const types = new Map<string, avro.Type>();

  const encodeSync = (topic: string, record: unknown): Buffer => {
    const id = ids.get(topic);
    const type = types.get(topic);
    if (id === undefined || !type) {
      throw new StaystreamError('schema_not_registered', `no schema registered for topic ${topic}`);
    }
    const errors: string[] = [];
    if (!type.isValid(record, { errorHook: (path) => errors.push(path.join('.')) })) {
      throw new StaystreamError('avro_encode_failed', `record for ${topic} does not fit its schema at ${errors.join(', ')}`);
    }
    const header = Buffer.alloc(5);
    header.writeInt32BE(id, 1);
    return Buffer.concat([header, type.toBuffer(record)]);
  };

  const register = async (topic: string, schema: object): Promise<number> => {
    const subject = valueSubject(topic);
    try {
      await setCompatibility(options.registryUrl, subject);
      const { id } = await registry.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
        { subject },
      );
      ids.set(topic, id);
      types.set(topic, avro.Type.forSchema(schema as avro.Schema));
      logger.debug({ topic, schemaId: id }, 'schema registered');
      return id;
    } catch (error) {
      throw new StaystreamError('schema_registration_failed', `registering ${subject} failed: ${message(error)}`, {
        retriable: true,
        cause: error,
      });
    }
  };

  return {
    register,
    schemaIdOf: (topic) => ids.get(topic),
    encode: async (topic, record) => encodeSync(topic, record),
    encodeSync,
    async decode<T>(buffer: Buffer) {
      if (buffer.length < 5 || buffer[0] !== 0) {
        throw new StaystreamError('avro_wire_format', 'not in the Confluent wire format (magic byte 0)');
      }
      const schemaId = buffer.readInt32BE(1);
      try {
        const record = (await registry.decode(buffer)) as T;
        return { record, schemaId };
      } catch (error) {
        throw new StaystreamError('avro_decode_failed', `decoding with schema ${schemaId} failed: ${message(error)}`, {
          retriable: isNetworkError(error),
          cause: error,
        });
      }
    },
  };
}

async function setCompatibility(registryUrl: string, subject: string): Promise<void> {
  const url = `${registryUrl}/config/${encodeURIComponent(subject)}`;
  const current = await fetch(url).then(async (r) => (r.ok ? ((await r.json()) as { compatibilityLevel?: string }) : {}));
  if (current.compatibilityLevel === 'BACKWARD') return;

  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  // NOTE: Apicurio's ccompat API answers 409 when the subject already has a compatibility rule.
  if (!response.ok && response.status !== 409) {
    throw new Error(`setting BACKWARD compatibility answered ${response.status}: ${await response.text()}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNetworkError(error: unknown): boolean {
  const text = message(error);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|socket hang up/i.test(text);
}
