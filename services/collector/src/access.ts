import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@staystream/logger';
import type { Metrics } from '@staystream/metrics';
import { allows, type ScopedEventType, type Source, type SourceRegistry } from '@staystream/sources';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated sender; null while authentication is off. */
    source: Source | null;
  }
}

export interface AccessDeps {
  /** Null when COLLECTOR_AUTH=off. */
  sources: SourceRegistry | null;
  logger: Logger;
  metrics: Metrics;
}

const REFUSALS = {
  missing_key: 'send the source\'s API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"',
  unknown_key: 'the API key is not known',
  revoked_key: 'the API key was revoked',
} as const;

/** Reads the key from `Authorization: Bearer` or `X-Api-Key`; nothing else is looked at. */
export function apiKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^bearer\s+/i.test(header)) return header.replace(/^bearer\s+/i, '').trim();
  const key = request.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

/**
 * An onRequest hook: unknown, revoked or missing keys get 401 before the body is read.
 * The key is never logged; a refusal is logged with its reason only.
 */
export function authenticate(deps: AccessDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.source = null;
    if (!deps.sources) return;

    const outcome = await deps.sources.authenticate(apiKeyOf(request)).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'source lookup failed');
      return null;
    });
    if (outcome === null) {
      refuse(deps, 'auth_unavailable');
      return void reply.code(503).header('Retry-After', '5').send({ error: 'cannot check API keys right now; retry later' });
    }
    if (!outcome.ok) {
      refuse(deps, outcome.reason);
      deps.logger.warn({ reason: outcome.reason, url: request.url }, 'request refused');
      return void reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: REFUSALS[outcome.reason] });
    }
    request.source = outcome.source;
  };
}

export interface ScopeViolation {
  index: number;
  propertyId: string;
}

/**
 * The items naming a property outside the source's scope. An item without a readable
 * property id is left to validation, which rejects it with its field.
 */
export function outOfScope(source: Source, type: ScopedEventType, items: unknown[]): ScopeViolation[] {
  const violations: ScopeViolation[] = [];
  items.forEach((item, index) => {
    const propertyId = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).property_id : undefined;
    if (typeof propertyId === 'string' && !allows(source, propertyId.trim(), type)) {
      violations.push({ index, propertyId: propertyId.slice(0, 64) });
    }
  });
  return violations;
}

/** Answers 403 when the source may not send this type, or for one of the items' properties. */
export function forbidden(
  deps: AccessDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  type: ScopedEventType,
  items: unknown[],
): FastifyReply | null {
  const source = request.source;
  if (!source) return null;

  if (!source.eventTypes.includes(type)) {
    refuse(deps, 'event_type_out_of_scope');
    return reply.code(403).send({ error: `source ${source.id} may not send ${type} events` });
  }

  const violations = outOfScope(source, type, items);
  if (violations.length === 0) return null;

  refuse(deps, 'property_out_of_scope');
  deps.logger.warn({ source: source.id, count: violations.length, reason: 'property_out_of_scope' }, 'request refused');
  const names = [...new Set(violations.map((v) => v.propertyId))].join(', ');
  return reply.code(403).send({
    error: `source ${source.id} may not send ${type} events for ${names}; nothing of this request was accepted`,
    forbidden: violations,
  });
}

export function refuse(deps: Pick<AccessDeps, 'metrics'>, reason: string): void {
  deps.metrics.requestsRejected.inc({ reason });
}
