import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parseProperty, type EventType } from '@staystream/domain';
import { isRetriable } from '@staystream/errors';
import type { Producer } from '@staystream/kafka';
import type { Redis } from '@staystream/queue';
import type { Runtime } from '@staystream/runtime';
import type { SourceRegistry } from '@staystream/sources';
import { authenticate, forbidden, refuse, type AccessDeps } from './access';
import { guardCardData } from './card-guard';
import type { CollectorConfig } from './config';
import { splitNdjson, takeIn, type IntakeResult } from './intake';
import type { Publisher } from './publisher';

const TYPES: Record<string, EventType> = {
  reservations: 'reservation',
  stays: 'stay',
  feedback: 'feedback',
};

export interface HttpDeps {
  config: CollectorConfig;
  runtime: Runtime;
  publisher: Publisher;
  producer: Producer;
  /** Null when COLLECTOR_AUTH=off. */
  sources: SourceRegistry | null;
  /** Holds the rate-limit counters, so that every collector instance shares them. */
  redis: Redis;
  ready(): Promise<Record<string, boolean>>;
}

export async function buildHttpServer(deps: HttpDeps): Promise<FastifyInstance> {
  const { config, runtime } = deps;
  const app = Fastify({ logger: false, bodyLimit: config.COLLECTOR_BODY_LIMIT_BYTES });
  const access: AccessDeps = { sources: deps.sources, logger: runtime.logger, metrics: runtime.metrics };

  app.decorateRequest('source', null);
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, splitNdjson(String(body)));
  });
  // Registered (awaited) before the routes, so that it sees their rateLimit settings.
  await app.register(rateLimit, rateLimitOptions(deps));

  // Authentication runs first (onRequest), the rate limit next (preParsing): no body is read
  // for a refused request.
  const intake = { onRequest: authenticate(access), config: { rateLimit: {} } };
  app.post<{ Params: { type: string } }>('/v1/events/:type', intake, (request, reply) => postEvents(deps, access, request, reply));
  app.post('/v1/properties', intake, (request, reply) => postProperties(deps, access, request, reply));

  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health/ready', async (_request, reply) => {
    const checks = await deps.ready();
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const registry = runtime.metrics.registry;
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) runtime.logger.error({ err: error }, 'request failed');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      refuse(access, 'body_too_large');
      return reply.code(413).send({ error: `the request body exceeds ${config.COLLECTOR_BODY_LIMIT_BYTES} bytes (COLLECTOR_BODY_LIMIT_BYTES); split it into smaller requests` });
    }
    return reply.code(status).send({ error: error.message });
  });

  return app;
}

async function postEvents(
  deps: HttpDeps,
  access: AccessDeps,
  request: FastifyRequest<{ Params: { type: string } }>,
  reply: FastifyReply,
) {
  const type = TYPES[request.params.type];
  if (!type) {
    return reply.code(404).send({ error: `unknown event type ${request.params.type}; use one of ${Object.keys(TYPES).join(', ')}` });
  }

  const items = itemsOf(request.body);
  const refused = tooMany(deps, access, reply, items) ?? forbidden(access, request, reply, type, items);
  if (refused) return refused;

  const intake = takeIn(type, items, Date.now());
  reportScrubbed(deps.runtime, intake);
  try {
    await deps.publisher.publish(intake.events, intake.rejections);
  } catch (error) {
    return unavailable(reply, error, deps.runtime);
  }

  const status = intake.events.length === 0 && intake.rejected.length > 0 ? 400 : 202;
  return reply.code(status).send({
    accepted: intake.events.length,
    eventIds: intake.events.map((event) => event.record.envelope.event_id),
    rejected: intake.rejected,
  });
}

async function postProperties(deps: HttpDeps, access: AccessDeps, request: FastifyRequest, reply: FastifyReply) {
  const items = itemsOf(request.body);
  const refused = tooMany(deps, access, reply, items) ?? forbidden(access, request, reply, 'property', items);
  if (refused) return refused;

  const topic = deps.runtime.topic('properties');
  const now = Date.now();
  const rejected = [];
  const messages = [];

  for (const [index, item] of items.entries()) {
    const parsed = parseProperty(guardCardData(item).value, now);
    if (!parsed.ok) {
      rejected.push({ index, issues: parsed.issues });
      continue;
    }
    const key = `${parsed.value.tenant_id}:${parsed.value.property_id}`;
    messages.push({ key, value: await deps.runtime.codecs.encode(topic, parsed.value) });
  }

  try {
    await deps.producer.send(topic, messages);
  } catch (error) {
    return unavailable(reply, error, deps.runtime);
  }
  const status = messages.length === 0 && rejected.length > 0 ? 400 : 202;
  return reply.code(status).send({ accepted: messages.length, rejected });
}

function itemsOf(body: unknown): unknown[] {
  return Array.isArray(body) ? body : [body];
}

function tooMany(deps: HttpDeps, access: AccessDeps, reply: FastifyReply, items: unknown[]): FastifyReply | null {
  const max = deps.config.COLLECTOR_MAX_EVENTS_PER_REQUEST;
  if (items.length <= max) return null;

  refuse(access, 'too_many_events');
  return reply.code(413).send({ error: `at most ${max} events per request (COLLECTOR_MAX_EVENTS_PER_REQUEST), got ${items.length}; split the request` });
}

/** One warning per event that carried card data: where it was, never what it was. */
function reportScrubbed(runtime: Runtime, intake: IntakeResult): void {
  for (const item of intake.scrubbed) {
    runtime.logger.warn(
      { eventId: item.eventId, propertyId: item.propertyId, source: item.sourceSystem, fields: item.fields, reason: 'card_data' },
      'card data removed before publishing',
    );
    runtime.metrics.cardDataScrubbed.inc({ path: 'http' });
  }
}

function rateLimitOptions(deps: HttpDeps) {
  const { config } = deps;
  return {
    global: false,
    hook: 'preParsing' as const,
    max: config.COLLECTOR_RATE_LIMIT_REQUESTS,
    timeWindow: config.COLLECTOR_RATE_LIMIT_WINDOW_MS,
    redis: deps.redis,
    nameSpace: `staystream:${config.TOPIC_PREFIX || 'main'}:rate:`,
    // A Redis outage must not refuse traffic that authentication already let through.
    skipOnError: true,
    keyGenerator: (request: FastifyRequest) => (request.source ? `source:${request.source.id}` : `ip:${request.ip}`),
    onExceeded: () => deps.runtime.metrics.requestsRejected.inc({ reason: 'rate_limited' }),
    errorResponseBuilder: (request: FastifyRequest, context: { max: number; after: string }) => ({
      statusCode: 429,
      message: `rate limit: ${request.source ? `source ${request.source.id}` : 'this client'} may make ${context.max} requests per ${config.COLLECTOR_RATE_LIMIT_WINDOW_MS} ms (COLLECTOR_RATE_LIMIT_REQUESTS); retry in ${context.after}`,
    }),
  };
}

function unavailable(reply: FastifyReply, error: unknown, runtime: Runtime) {
  runtime.logger.error({ err: error }, 'publish failed');
  const retriable = isRetriable(error);
  return reply
    .code(retriable ? 503 : 500)
    .header('Retry-After', retriable ? '5' : '0')
    .send({ error: 'events were not stored; nothing was accepted, retry the request', retriable });
}
