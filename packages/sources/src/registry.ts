import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { StaystreamError } from '@staystream/errors';

/** What a key may send: events of these types for these properties ('*' allows all). */
export const SCOPED_EVENT_TYPES = ['reservation', 'stay', 'feedback', 'property'] as const;
export type ScopedEventType = (typeof SCOPED_EVENT_TYPES)[number];

/** One sending system (a property's PMS, a channel manager, a survey tool) and its key. */
export interface Source {
  id: string;
  properties: string[];
  eventTypes: ScopedEventType[];
  /** The first characters of the key, enough to tell keys apart in a listing. */
  keyHint: string;
  createdAt: number;
  revokedAt: number | null;
}

interface StoredSource extends Source {
  keyHash: string;
}

export interface NewSource {
  id: string;
  properties: string[];
  eventTypes?: ScopedEventType[];
}

export type Authentication =
  | { ok: true; source: Source }
  | { ok: false; reason: 'missing_key' | 'unknown_key' | 'revoked_key' };

/** The three hash commands the registry needs; an ioredis client provides them. */
export interface SourceStore {
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
}

const KEY_PREFIX = 'ssk_';
const SOURCE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Sources and their API keys, kept in Redis. A key is shown once, when it is made; only its
 * HMAC-SHA-256 under a secret pepper is stored. Keys carry 256 random bits, so a keyed hash
 * is enough: no dictionary can reach them, and the pepper keeps a leaked store useless.
 */
export class SourceRegistry {
  private readonly sourcesKey: string;
  private readonly hashesKey: string;

  constructor(
    private readonly store: SourceStore,
    namespace: string,
    private readonly pepper: string,
  ) {
    // NOTE: outside the namespace's `staystream:<ns>:*` keys, so `staystream reset` keeps them.
    this.sourcesKey = `staystream-sources:${namespace || 'main'}:sources`;
    this.hashesKey = `staystream-sources:${namespace || 'main'}:key-hashes`;
  }

  /** Creates a source and returns its key in clear text, the only time it exists as such. */
  async add(input: NewSource): Promise<{ source: Source; apiKey: string }> {
    const source = validateNewSource(input);
    const existing = await this.get(source.id);
    if (existing && existing.revokedAt === null) {
      throw new StaystreamError('source_exists', `source ${source.id} exists; revoke it before adding it again`);
    }

    const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const stored: StoredSource = {
      ...source,
      keyHint: apiKey.slice(0, KEY_PREFIX.length + 6),
      createdAt: Date.now(),
      revokedAt: null,
      keyHash: this.hash(apiKey),
    };
    await this.store.hset(this.hashesKey, stored.keyHash, stored.id);
    await this.store.hset(this.sourcesKey, stored.id, JSON.stringify(stored));
    return { source: publicView(stored), apiKey };
  }

  async list(): Promise<Source[]> {
    const all = await this.store.hgetall(this.sourcesKey);
    return Object.values(all)
      .map((text) => publicView(JSON.parse(text) as StoredSource))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async revoke(id: string): Promise<Source> {
    const stored = await this.get(id);
    if (!stored) throw new StaystreamError('source_unknown', `no source named ${id}`);
    if (stored.revokedAt !== null) return publicView(stored);

    const revoked = { ...stored, revokedAt: Date.now() };
    await this.store.hset(this.sourcesKey, id, JSON.stringify(revoked));
    return publicView(revoked);
  }

  /** Finds the source of a presented key; the key itself is only ever hashed. */
  async authenticate(apiKey: string | undefined): Promise<Authentication> {
    if (!apiKey) return { ok: false, reason: 'missing_key' };
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 128) return { ok: false, reason: 'unknown_key' };

    const keyHash = this.hash(apiKey);
    const id = await this.store.hget(this.hashesKey, keyHash);
    const stored = id ? await this.get(id) : null;
    if (!stored || !sameHash(stored.keyHash, keyHash)) return { ok: false, reason: 'unknown_key' };
    if (stored.revokedAt !== null) return { ok: false, reason: 'revoked_key' };
    return { ok: true, source: publicView(stored) };
  }

  private async get(id: string): Promise<StoredSource | null> {
    const text = await this.store.hget(this.sourcesKey, id);
    return text ? (JSON.parse(text) as StoredSource) : null;
  }

  private hash(apiKey: string): string {
    return createHmac('sha256', this.pepper).update(apiKey).digest('hex');
  }
}

/** True when the source may send this type of event for this property. */
export function allows(source: Source, propertyId: string, eventType: ScopedEventType): boolean {
  const property = source.properties.includes('*') || source.properties.includes(propertyId);
  return property && source.eventTypes.includes(eventType);
}

function validateNewSource(input: NewSource): Pick<Source, 'id' | 'properties' | 'eventTypes'> {
  if (!SOURCE_ID.test(input.id)) {
    throw new StaystreamError('source_invalid', `source id ${JSON.stringify(input.id)}: expected 1-64 lower-case letters, digits, . _ -`);
  }
  const properties = [...new Set(input.properties.map((p) => p.trim()).filter(Boolean))];
  if (properties.length === 0) {
    throw new StaystreamError('source_invalid', 'properties: name at least one property id, or * for all');
  }
  const eventTypes = input.eventTypes ?? [...SCOPED_EVENT_TYPES];
  const unknown = eventTypes.filter((t) => !SCOPED_EVENT_TYPES.includes(t));
  if (eventTypes.length === 0 || unknown.length > 0) {
    throw new StaystreamError('source_invalid', `event types ${JSON.stringify(unknown)}: expected some of ${SCOPED_EVENT_TYPES.join(', ')}`);
  }
  return { id: input.id, properties, eventTypes: [...new Set(eventTypes)] };
}

function publicView(stored: StoredSource): Source {
  const { keyHash: _hash, ...source } = stored;
  return source;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
