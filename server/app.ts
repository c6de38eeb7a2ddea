/**
 * The Fastify application, built from shared services; only server/cli/start.ts listens.
 * Tests build it the same way and talk to it with app.inject.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installErrorHandler } from './errors.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { punishmentRoutes } from './routes/punishment.ts';
import type { Services } from './services.ts';

export type App = FastifyInstance;

export async function buildApp(services: Services): Promise<App> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's generic at the default.
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = path.resolve(services.cfg.WEB_DIST_DIR);
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  installErrorHandler(app, { spaFallback: hasWeb });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'credit-linkage API',
        description:
          'Related-party credit linkage: subjects, relationships, records, joint punishment, risk and alerts.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { services });
  await app.register(importRoutes, { services });
  await app.register((await import('./routes/analytics.ts')).analyticsRoutes, { services });
  await app.register(punishmentRoutes, { services });
  await app.register((await import('./routes/subjects.ts')).subjectRoutes, { services });

  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
  return app.withTypeProvider<ZodTypeProvider>();
}
