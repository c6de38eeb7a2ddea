/**
 * Credit report of one subject (issue 7): `GET /api/v1/subjects/{id}/report` as JSON, or as a printable HTML
 * page with `?format=html` (Chinese by default, `lang=en` for English). A bank may open the report of a subject
 * in its portfolio only, and the report leaves out related subjects it may not see.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../domain/limits.ts';
import { SUBJECT_KINDS } from '../../domain/vocabulary.ts';
import { todayInChina } from '../../jobs/projection/load-projection.ts';
import { SubjectNotFoundError } from '../../jobs/projection/subject-analytics.ts';
import { AppError, errorBody } from '../errors.ts';
import { buildCreditReport } from '../report/build-report.ts';
import { renderReportHtml } from '../report/html.ts';
import { REPORT_LANGS } from '../report/labels.ts';
import type { Services } from '../services.ts';
import { listEntryBody, measureInForceBody } from '../subject-standing.ts';
import { isoDateParam } from './params.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const ref = z.object({
  id: z.string(),
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
});
const reportBody = z.object({
  generatedAt: z.string(),
  asOf: z.string(),
  identity: z.object({
    id: z.string(),
    kind: z.enum(SUBJECT_KINDS),
    name: z.string().nullable(),
    uscc: z.string().nullable(),
    regNo: z.string().nullable(),
    identifierStatus: z.string().nullable(),
    idMasked: z.string().nullable(),
    region: z.string().nullable(),
    registeredAt: z.string().nullable(),
    address: z.string().nullable(),
  }),
  risk: z.object({
    score: z.number(),
    riskClass: z.string(),
    forcedClassReason: z.string().nullable(),
    configVersion: z.string(),
    factors: z.array(z.object({ factor: z.string(), contribution: z.number(), details: z.array(bilingual) })),
    stored: z
      .object({ score: z.number(), riskClass: z.string().nullable(), scoredAt: z.string().nullable() })
      .nullable(),
  }),
  records: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      severity: z.string().nullable(),
      authority: z.string().nullable(),
      actDate: z.string().nullable(),
      decisionDate: z.string().nullable(),
      status: z.string().nullable(),
      publicationTo: z.string().nullable(),
      legalBasis: z.string().nullable(),
    }),
  ),
  recordsTruncated: z.boolean(),
  lists: z.array(listEntryBody),
  measures: z.array(measureInForceBody),
  ownership: z.object({
    owners: z.array(ref.extend({ direct: z.number(), integrated: z.number(), ultimate: z.boolean() })),
    truncated: z.boolean(),
  }),
  controllers: z.object({
    method: z.string(),
    controllers: z.array(ref.extend({ share: z.number() })),
    beneficialOwners: z.object({
      method: z.string(),
      threshold: z.number(),
      owners: z.array(
        ref.extend({ integrated: z.number(), basis: z.array(z.string()), role: z.string().nullable() }),
      ),
    }),
  }),
  network: z.object({
    nodes: z.array(ref.extend({ hops: z.number() })),
    edges: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        type: z.string(),
        role: z.string().nullable(),
        stakePct: z.number().nullable(),
      }),
    ),
    truncated: z.boolean(),
    hidden: z.number(),
  }),
});

export const reportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/v1/subjects/:id/report',
    {
      config: { permission: 'reports:read' },
      schema: {
        tags: ['reports'],
        summary:
          'Credit report: identity, records, lists and measures, score explanation, ownership and controllers, 1-hop network (JSON, or printable HTML with format=html)',
        params: z.object({ id: z.string().min(1).max(LIMITS.maxIdLength) }),
        querystring: z.object({
          format: z.enum(['json', 'html']).default('json'),
          lang: z.enum(REPORT_LANGS).default('zh'),
          asOf: isoDateParam.optional(),
        }),
        produces: ['application/json', 'text/html'],
        response: { 200: reportBody, 400: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      await req.scope.assertVisible(id);
      req.audit.subjects.add(id);
      req.audit.action = 'report.read';
      let report: Awaited<ReturnType<typeof buildCreditReport>>;
      try {
        report = await buildCreditReport(services, id, req.query.asOf ?? todayInChina(), req.scope);
      } catch (err) {
        if (err instanceof SubjectNotFoundError) throw new AppError(404, 'SUBJECT_NOT_FOUND', err.message);
        throw err;
      }
      if (req.query.format === 'html') {
        // A string with an HTML type is sent as it is (the JSON schema serializer is for objects).
        return reply
          .type('text/html; charset=utf-8')
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:",
          )
          .send(renderReportHtml(report, req.query.lang) as never);
      }
      return report;
    },
  );
};
