/**
 * The Fastify application, built from shared services; only server/cli/start.ts listens.
 * Tests build it the same way and talk to it with app.inject.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installGuard } from './auth/guard.ts';
import { installErrorHandler } from './errors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { authorisationRoutes } from './routes/authorisations.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { punishmentRoutes } from './routes/punishment.ts';
import type { Services } from './services.ts';

export type App = FastifyInstance;

const MAX_PATH_PARAM_LENGTH = 1200;

export async function buildApp(services: Services): Promise<App> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's generic at the default.
    loggerInstance: services.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Longer than any id or name a path carries; past it Fastify refuses with 414 before routing.
    routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
    // Refusals made before routing (a malformed URL, an over-long path segment) get the one error shape.
    frameworkErrors: (err, _req, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply).code(err.statusCode ?? 400).send({
        error: {
          code: tooLong ? 'PATH_PARAM_TOO_LONG' : 'URL_INVALID',
          message: tooLong
            ? `A path segment is longer than ${MAX_PATH_PARAM_LENGTH} characters; no id or name is that long.`
            : 'The URL is not valid: a path segment could not be decoded.',
        },
      });
    },
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
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A session token from POST /api/v1/auth/login, or an API key (clk_…) issued by an admin',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // Before any route: it checks each route's access declaration as the route is added.
  const routeAccess = await installGuard(app, services);
  app.decorate('routeAccess', routeAccess);
  await app.register((await import('./ops/metrics.ts')).metricsPlugin, { services });
  await app.register(authRoutes, { services });
  await app.register(accountRoutes, { services });
  await app.register(authorisationRoutes, { services });
  await app.register(auditRoutes, { services });

  await app.register(healthRoutes, { services });
  await app.register(importRoutes, { services });
  await app.register((await import('./routes/analytics.ts')).analyticsRoutes, { services });
  await app.register(punishmentRoutes, { services });
  await app.register((await import('./routes/stats.ts')).statsRoutes, { services });
  await app.register((await import('./routes/subjects.ts')).subjectRoutes, { services });
  await app.register((await import('./routes/alerts.ts')).alertRoutes, { services });
  await app.register((await import('./routes/screenings.ts')).screeningRoutes, { services });
  await app.register((await import('./routes/reports.ts')).reportRoutes, { services });
  await app.register((await import('./routes/jobs.ts')).jobRoutes, { services });
  await app.register((await import('./ops/bull-board.ts')).bullBoardPlugin, { services });

  if (hasWeb) await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
  return app.withTypeProvider<ZodTypeProvider>();
}
