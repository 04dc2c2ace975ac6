import type { Redis } from '@staystream/queue';
import type { PropertyRecord } from '@staystream/schemas';
import type { PropertyContext } from './steps/enrich';

/**
 * Property master data the enricher needs (time zone), kept in Redis so every enricher
 * instance shares it, with a small in-process cache in front.
 */
export class PropertyDirectory {
  private readonly cache = new Map<string, PropertyContext>();
  private readonly countries = new Map<string, string | null>();

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
  ) {}

  async remember(property: PropertyRecord): Promise<void> {
    const key = this.key(property.tenant_id, property.property_id);
    await this.redis.hset(key, { timezone: property.timezone, country: property.country });
    this.cache.set(key, { timezone: property.timezone });
  }

  /** The envelope's zone wins; then the directory; UTC when nothing is known. */
  async contextOf(tenantId: string, propertyId: string, envelopeZone: string | null): Promise<PropertyContext> {
    if (envelopeZone) return { timezone: envelopeZone };

    const key = this.key(tenantId, propertyId);
    const cached = this.cache.get(key);
    if (cached) return cached;

    const timezone = (await this.redis.hget(key, 'timezone')) ?? 'UTC';
    const context = { timezone };
    this.cache.set(key, context);
    return context;
  }

  /** The property's country (ISO alpha-2), the phone region for guests who give none. */
  async countryOf(tenantId: string, propertyId: string): Promise<string | null> {
    const key = this.key(tenantId, propertyId);
    let country = this.countries.get(key);
    if (country === undefined) {
      country = (await this.redis.hget(key, 'country')) ?? null;
      if (country !== null) this.countries.set(key, country);
    }
    return country;
  }

  private key(tenantId: string, propertyId: string): string {
    return `${this.namespace}:property:${tenantId}:${propertyId}`;
  }
}
