import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { parseProperty, type EventType } from '@staystream/domain';
import { isRetriable } from '@staystream/errors';
import type { Producer } from '@staystream/kafka';
import type { Runtime } from '@staystream/runtime';
import type { CollectorConfig } from './config';
import { splitNdjson, takeIn } from './intake';
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
  ready(): Promise<Record<string, boolean>>;
}

export function buildHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: deps.config.COLLECTOR_BODY_LIMIT_BYTES });

  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl'], { parseAs: 'string' }, (_req, body, done) => {
    done(null, splitNdjson(String(body)));
  });

  app.post<{ Params: { type: string } }>('/v1/events/:type', async (request, reply) => {
    const type = TYPES[request.params.type];
    if (!type) {
      return reply.code(404).send({ error: `unknown event type ${request.params.type}; use one of ${Object.keys(TYPES).join(', ')}` });
    }

    const items = Array.isArray(request.body) ? request.body : [request.body];
    if (items.length > deps.config.COLLECTOR_MAX_EVENTS_PER_REQUEST) {
      return reply.code(413).send({ error: `at most ${deps.config.COLLECTOR_MAX_EVENTS_PER_REQUEST} events per request, got ${items.length}` });
    }

    const intake = takeIn(type, items, Date.now());
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
  });

  app.post('/v1/properties', async (request, reply) => {
    const items = Array.isArray(request.body) ? request.body : [request.body];
    const topic = deps.runtime.topic('properties');
    const now = Date.now();
    const rejected = [];
    const messages = [];

    for (const [index, item] of items.entries()) {
      const parsed = parseProperty(item, now);
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
  });

  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health/ready', async (_request, reply) => {
    const checks = await deps.ready();
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ ready, checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const registry = deps.runtime.metrics.registry;
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) deps.runtime.logger.error({ err: error }, 'request failed');
    void reply.code(status).send({ error: error.message });
  });

  return app;
}

function unavailable(reply: FastifyReply, error: unknown, runtime: Runtime) {
  runtime.logger.error({ err: error }, 'publish failed');
  const retriable = isRetriable(error);
  return reply
    .code(retriable ? 503 : 500)
    .header('Retry-After', retriable ? '5' : '0')
    .send({ error: 'events were not stored; nothing was accepted, retry the request', retriable });
}
