/**
 * fast-check arbitraries derived from an OpenAPI 3.0 document (the one @fastify/swagger generates from the zod
 * route schemas), for fuzzing the API: values that conform to a JSON schema, values that violate it, and whole
 * requests (path, query, JSON body) of either kind. Pure: no app, no database; `conforms` is a small checker of the
 * JSON-schema subset the generated document uses, so the generators can be checked against it.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/v1/subjects/{id} */
  path: string;
  params: Param[];
  /** The JSON body schema, when the operation declares one. */
  body?: JsonSchema;
  /** Whether a body is required (declared body, or a POST/PATCH/PUT). */
  bodyRequired: boolean;
}

export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Which part was made invalid, for reports ('' when the request conforms). */
  violation: string;
  /**
   * The document itself forbids this request, so a 2xx answer means the server accepts what its schema refuses.
   * False for conforming requests and for violations a server may legitimately route elsewhere or ignore.
   */
  strict: boolean;
}

/** Per-field values worth trying (existing ids, …), by property or parameter name. */
export type Hints = (field: string) => readonly string[];

const noHints: Hints = () => [];

/** Text that has broken parsers, query builders and renderers before. */
export const NASTY_STRINGS: readonly string[] = [
  "' OR 1=1 //",
  "x'}) MATCH (n) DETACH DELETE n //",
  '}) MATCH (n) DETACH DELETE n //',
  '"}) MATCH (n) DETACH DELETE n RETURN 1 //',
  '` MATCH (n) DETACH DELETE n //',
  '$param',
  '$id',
  '{id}',
  '\\',
  '\\u0000',
  '\u0000',
  'a\u0000b',
  '\uFEFFBOM',
  '\u202Eالعربية RTL \u202C',
  'שלום עולם',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '𠜎𠜱𠝹',
  '\uD800',
  'Ａ１２３　全角',
  '深圳市星河科技有限公司',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '"a OR b" ~ * AND:(',
  '*',
  '?',
  'NaN',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  '9007199254740993',
  '0x1F',
  ' ',
  '\t\r\n',
  '=cmd|calc!A1',
  'id:XH',
  'id:',
  '110105199001011234',
  '91440300MA5EXAMPLE',
];

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

// ---------- checking ----------

function regex(pattern: string): RegExp {
  return new RegExp(pattern, 'u');
}

/** Length as JSON schema counts it: code points. */
const strLen = (s: string) => [...s].length;

/**
 * Whether `value` conforms to `schema` (the subset of JSON schema in the generated document). With `coerce`,
 * strings are read as numbers/booleans for numeric/boolean schemas, as zod's z.coerce reads query strings.
 */
export function conforms(schema: JsonSchema, value: unknown, opts: { coerce?: boolean } = {}): boolean {
  if (value === null && schema.nullable) return true;
  if (schema.oneOf) return schema.oneOf.filter((s) => conforms(s, value, opts)).length === 1;
  if (schema.anyOf) return schema.anyOf.some((s) => conforms(s, value, opts));
  if (schema.allOf && !schema.allOf.every((s) => conforms(s, value, opts))) return false;
  if ('const' in schema && value !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  switch (schema.type) {
    case undefined:
      return true;
    case 'null':
      return value === null;
    case 'boolean':
      if (opts.coerce && typeof value === 'string') return true;
      return typeof value === 'boolean';
    case 'integer':
    case 'number': {
      const n = opts.coerce && typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) return false;
      if (schema.type === 'integer' && !Number.isSafeInteger(n)) return false;
      if (
        schema.minimum !== undefined &&
        (schema.exclusiveMinimum === true ? n <= schema.minimum : n < schema.minimum)
      )
        return false;
      if (
        schema.maximum !== undefined &&
        (schema.exclusiveMaximum === true ? n >= schema.maximum : n > schema.maximum)
      )
        return false;
      if (typeof schema.exclusiveMinimum === 'number' && n <= schema.exclusiveMinimum) return false;
      if (typeof schema.exclusiveMaximum === 'number' && n >= schema.exclusiveMaximum) return false;
      return true;
    }
    case 'string': {
      if (typeof value !== 'string') return false;
      const len = strLen(value);
      if (schema.minLength !== undefined && len < schema.minLength) return false;
      if (schema.maxLength !== undefined && len > schema.maxLength) return false;
      if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) return false;
      if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return false;
      return true;
    }
    case 'array': {
      if (!Array.isArray(value)) return false;
      if (schema.minItems !== undefined && value.length < schema.minItems) return false;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
      return schema.items ? value.every((v) => conforms(schema.items!, v, opts)) : true;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const obj = value as Record<string, unknown>;
      for (const k of schema.required ?? []) if (!(k in obj)) return false;
      const props = schema.properties ?? {};
      for (const [k, v] of Object.entries(obj)) {
        if (props[k]) {
          if (!conforms(props[k], v, opts)) return false;
        } else if (schema.additionalProperties === false) return false;
        else if (
          typeof schema.additionalProperties === 'object' &&
          !conforms(schema.additionalProperties, v, opts)
        )
          return false;
      }
      return true;
    }
    default:
      return true;
  }
}

// ---------- conforming values ----------

function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

function conformingString(schema: JsonSchema, field: string, hints: Hints): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 400);
  const fits = (s: string) => conforms({ ...schema, type: 'string' }, s);
  const choices: Array<fc.WeightedArbitrary<string>> = [];
  const hinted = hints(field).filter(fits);
  if (hinted.length > 0) choices.push({ arbitrary: fc.constantFrom(...hinted), weight: 4 });
  if (schema.format === 'date-time') {
    choices.push({
      arbitrary: fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      weight: 4,
    });
  } else if (schema.pattern !== undefined) {
    if (schema.pattern === DATE_PATTERN) choices.push({ arbitrary: isoDate(), weight: 4 });
    choices.push({
      arbitrary: fc.stringMatching(regex(schema.pattern), { size: 'small' }).filter(fits),
      weight: 1,
    });
  } else {
    const small = Math.min(max, Math.max(min, 24));
    choices.push({ arbitrary: fc.string({ minLength: min, maxLength: small, unit: 'grapheme' }), weight: 3 });
    choices.push({
      arbitrary: fc.string({ minLength: min, maxLength: small, unit: 'grapheme-ascii' }),
      weight: 2,
    });
    if (max <= 5000)
      choices.push({
        arbitrary: fc.string({ minLength: max, maxLength: max, unit: 'grapheme-ascii' }),
        weight: 1,
      });
  }
  const nasty = NASTY_STRINGS.filter(fits);
  if (nasty.length > 0) choices.push({ arbitrary: fc.constantFrom(...nasty), weight: 2 });
  return fc.oneof(...choices).filter(fits);
}

function numberBounds(schema: JsonSchema): { min: number; max: number; exMin: boolean; exMax: boolean } {
  const exMin = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number';
  const exMax = schema.exclusiveMaximum === true || typeof schema.exclusiveMaximum === 'number';
  const min =
    typeof schema.exclusiveMinimum === 'number'
      ? schema.exclusiveMinimum
      : (schema.minimum ?? -1_000_000_000);
  const max =
    typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : (schema.maximum ?? 1_000_000_000);
  return { min, max, exMin, exMax };
}

/** Values that conform to `schema`; `field` names the property or parameter (for hints). */
export function conformingValue(
  schema: JsonSchema,
  field = '',
  hints: Hints = noHints,
): fc.Arbitrary<unknown> {
  let arb = conformingInner(schema, field, hints);
  if (schema.nullable)
    arb = fc.oneof({ arbitrary: arb, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
  return arb;
}

function conformingInner(schema: JsonSchema, field: string, hints: Hints): fc.Arbitrary<unknown> {
  if (schema.oneOf)
    return fc
      .oneof(...schema.oneOf.map((s) => conformingValue(s, field, hints)))
      .filter((v) => conforms(schema, v));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => conformingValue(s, field, hints)));
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return conformingString(schema, field, hints);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'integer': {
      const { min, max, exMin, exMax } = numberBounds(schema);
      const lo = Math.max(Number.MIN_SAFE_INTEGER, exMin ? Math.floor(min) + 1 : Math.ceil(min));
      const hi = Math.min(Number.MAX_SAFE_INTEGER, exMax ? Math.ceil(max) - 1 : Math.floor(max));
      return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
    }
    case 'number': {
      const { min, max } = numberBounds(schema);
      return fc
        .oneof(
          fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
          fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        )
        .filter((n) => conforms(schema, n));
    }
    case 'array': {
      const minItems = schema.minItems ?? 0;
      const maxItems = Math.min(schema.maxItems ?? minItems + 5, minItems + 5);
      return fc.array(conformingValue(schema.items ?? {}, field, hints), {
        minLength: minItems,
        maxLength: maxItems,
      });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = conformingValue(s, k, hints);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---------- violating values ----------

/** Values of other JSON types (and extremes) for "wrong type" violations. */
const ANY_JSON: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  'text',
  "' OR 1=1 //",
  [],
  [1, 'a'],
  {},
  { $ne: null },
  { constructor: { prototype: { polluted: true } } },
];

/**
 * Values that violate `schema` (each checked with `conforms`); null when nothing can (an unconstrained schema).
 * With `asQuery`, values are strings, as they arrive in a query string or path.
 */
export function violatingValue(
  schema: JsonSchema,
  field = '',
  hints: Hints = noHints,
  opts: { asQuery?: boolean } = {},
): fc.Arbitrary<unknown> | null {
  const candidates: Array<fc.Arbitrary<unknown>> = [];
  const q = opts.asQuery === true;
  const enumish = schema.enum ?? ('const' in schema ? [schema.const] : undefined);
  if (!q) candidates.push(fc.constantFrom(...ANY_JSON));
  if (enumish) {
    candidates.push(
      fc.constantFrom(
        'unknown-value',
        'UP',
        ' up',
        '',
        `${String(enumish[0])}\u0000`,
        `${String(enumish[0])} `,
      ),
    );
  }
  switch (schema.type) {
    case 'string': {
      const max = schema.maxLength;
      if (max !== undefined) {
        candidates.push(fc.string({ minLength: max + 1, maxLength: max + 40, unit: 'grapheme-ascii' }));
        candidates.push(fc.constant('界'.repeat(max + 1)));
        candidates.push(fc.constant('x'.repeat(Math.max(max * 20, 20_000))));
        candidates.push(fc.constant('😀'.repeat(max + 1)));
      }
      if (schema.minLength !== undefined && schema.minLength > 0) candidates.push(fc.constant(''));
      if (schema.pattern !== undefined || schema.format === 'date-time') {
        candidates.push(
          fc.constantFrom(...NASTY_STRINGS, '2026-02-30', '2026-13-01', '20260101', '2026-1-1'),
        );
        candidates.push(fc.string({ maxLength: 20, unit: 'grapheme' }));
      }
      break;
    }
    case 'integer':
    case 'number': {
      const { min, max } = numberBounds(schema);
      const bad: unknown[] = [];
      if (schema.minimum !== undefined || typeof schema.exclusiveMinimum === 'number') bad.push(min - 1);
      if (schema.maximum !== undefined || typeof schema.exclusiveMaximum === 'number')
        bad.push(max + 1, 1e300);
      if (schema.type === 'integer') bad.push(min + 0.5 > max ? 1.5 : Math.ceil(min) + 0.5);
      const asText = q
        ? ['abc', 'NaN', 'Infinity', '1e400', '--1', '0x', '１', `${max}0`]
        : ['12', 'abc', ''];
      candidates.push(fc.constantFrom(...bad.map((b) => (q ? String(b) : b)), ...asText));
      break;
    }
    case 'boolean':
      candidates.push(fc.constantFrom(...(q ? ['maybe', '2'] : ['true', 1, 0, 'yes'])));
      break;
    case 'array': {
      const item = schema.items ?? {};
      const badItem = violatingValue(item, field, hints);
      if (badItem)
        candidates.push(
          fc.tuple(conformingValue(schema, field, hints), badItem).map(([a, b]) => [...(a as unknown[]), b]),
        );
      if (schema.maxItems !== undefined) {
        const n = schema.maxItems + 1;
        candidates.push(fc.constant(Array.from({ length: n }, (_, i) => `id:X${i}`)));
      }
      if (schema.minItems !== undefined && schema.minItems > 0) candidates.push(fc.constant([]));
      break;
    }
    case 'object': {
      const props = schema.properties ?? {};
      const whole = conformingValue(schema, field, hints) as fc.Arbitrary<Record<string, unknown>>;
      for (const key of schema.required ?? [])
        candidates.push(
          whole.map((o) => {
            const { [key]: _gone, ...rest } = o;
            return rest;
          }),
        );
      for (const [key, s] of Object.entries(props)) {
        const bad = violatingValue(s, key, hints);
        if (bad) candidates.push(fc.tuple(whole, bad).map(([o, b]) => ({ ...o, [key]: b })));
      }
      if (schema.additionalProperties === false)
        candidates.push(whole.map((o) => ({ ...o, unexpectedField: "x'}) MATCH (n) DETACH DELETE n //" })));
      break;
    }
    default:
      break;
  }
  if (schema.oneOf)
    for (const branch of schema.oneOf) {
      const bad = violatingValue(branch, field, hints);
      if (bad) candidates.push(bad);
    }
  if (candidates.length === 0) return null;
  return fc.oneof(...candidates).filter((v) => !conforms(schema, v, { coerce: q }));
}

// ---------- operations and requests ----------

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Param[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
};

/** Every operation of the document whose path starts with `prefix`. */
export function operationsOf(doc: unknown, prefix = '/api/v1'): Operation[] {
  const ops: Operation[] = [];
  for (const [p, methods] of Object.entries((doc as OpenApiDoc).paths)) {
    if (!p.startsWith(prefix)) continue;
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method,
        path: p,
        params: (op.parameters ?? []).filter((x) => x.in === 'path' || x.in === 'query'),
        body,
        bodyRequired: body !== undefined && (op.requestBody?.required ?? true),
      });
    }
  }
  return ops;
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** encodeURIComponent, with lone surrogates (which it refuses) replaced by U+FFFD. */
function encode(s: string): string {
  return encodeURIComponent(s.replace(/\p{Cs}/gu, '\uFFFD'));
}

function buildUrl(op: Operation, values: Map<Param, unknown>): string {
  let url = op.path;
  const query: string[] = [];
  for (const p of op.params) {
    if (!values.has(p)) continue;
    const v = values.get(p);
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encode(text(v)));
    else if (Array.isArray(v)) for (const item of v) query.push(`${encode(p.name)}=${encode(text(item))}`);
    else query.push(`${encode(p.name)}=${encode(text(v))}`);
  }
  return query.length > 0 ? `${url}?${query.join('&')}` : url;
}

type Part = { kind: 'param'; param: Param } | { kind: 'body' };

/**
 * Requests for `op`. 'conforming': every parameter and the body conform to the document. 'violating': exactly one
 * part (a parameter or the body) is made invalid — a wrong value, a missing required parameter, a body of the wrong
 * type or media type, or malformed JSON — and the rest conforms.
 */
export function requestArbitrary(
  op: Operation,
  mode: 'conforming' | 'violating',
  hints: Hints = noHints,
): fc.Arbitrary<FuzzRequest> {
  const paramArbs = op.params.map((p) => {
    const value = conformingValue(p.schema, p.name, hints);
    return p.required || p.in === 'path'
      ? value.map((v) => ({ p, v, present: true }))
      : fc.oneof(
          value.map((v) => ({ p, v, present: true })),
          fc.constant({ p, v: undefined as unknown, present: false }),
        );
  });
  const conformingBody: fc.Arbitrary<unknown> = op.body
    ? conformingValue(op.body, 'body', hints)
    : fc.constant(undefined);
  const base = fc.tuple(fc.tuple(...paramArbs), conformingBody);
  const assemble = (
    params: Array<{ p: Param; v: unknown; present: boolean }>,
    body: unknown,
    violation: string,
    strict: boolean,
    raw?: { payload: string; contentType: string },
  ): FuzzRequest => {
    const values = new Map<Param, unknown>();
    for (const { p, v, present } of params) if (present) values.set(p, v);
    const headers: Record<string, string> = {};
    let payload: string | undefined;
    if (raw) {
      payload = raw.payload;
      headers['content-type'] = raw.contentType;
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    return {
      method: op.method,
      url: buildUrl(op, values),
      headers,
      violation,
      strict,
      ...(payload !== undefined ? { payload } : {}),
    };
  };
  if (mode === 'conforming') return base.map(([params, body]) => assemble(params, body, '', false));

  const parts: Part[] = [
    ...op.params.map((param): Part => ({ kind: 'param', param })),
    ...(op.method === 'GET' || op.method === 'DELETE' ? [] : [{ kind: 'body' } as Part]),
  ];
  const violations: Array<fc.Arbitrary<FuzzRequest>> = [];
  for (const part of parts) {
    if (part.kind === 'param') {
      const { param } = part;
      const bad = violatingValue(param.schema, param.name, hints, { asQuery: true });
      if (bad)
        violations.push(
          fc.tuple(base, bad).map(([[params, body], b]) =>
            assemble(
              params.map((x) => (x.p === param ? { p: param, v: b, present: true } : x)),
              body,
              `${param.in}.${param.name}=${JSON.stringify(b).slice(0, 80)}`,
              // An empty path segment routes elsewhere (or nowhere), which is not the schema's business.
              !(param.in === 'path' && b === ''),
            ),
          ),
        );
      if (param.in === 'query' && param.required)
        violations.push(
          base.map(([params, body]) =>
            assemble(
              params.map((x) => (x.p === param ? { ...x, present: false } : x)),
              body,
              `query.${param.name} missing`,
              true,
            ),
          ),
        );
      if (param.in === 'query' && param.schema.maxLength !== undefined)
        violations.push(
          base.map(([params, body]) =>
            assemble(
              params.map((x) =>
                x.p === param
                  ? { p: param, v: ['a', 'x'.repeat(param.schema.maxLength! + 1)], present: true }
                  : x,
              ),
              body,
              `query.${param.name} repeated`,
              true,
            ),
          ),
        );
    } else {
      const badBody = op.body ? violatingValue(op.body, 'body', hints) : null;
      if (badBody)
        violations.push(
          fc
            .tuple(base, badBody)
            .map(([[params], b]) => assemble(params, b, `body=${JSON.stringify(b)?.slice(0, 120)}`, true)),
        );
      if (op.body?.required?.length)
        violations.push(base.map(([params]) => assemble(params, undefined, 'body missing', true)));
      violations.push(
        fc
          .tuple(
            base,
            fc.constantFrom(
              { payload: '{"a":', contentType: 'application/json' },
              { payload: '{"__proto__":{"x":1}}', contentType: 'application/json' },
              { payload: 'null', contentType: 'application/json' },
              { payload: '"just a string"', contentType: 'application/json' },
              { payload: '[]', contentType: 'application/json' },
              { payload: '\u0000\u0001\u0002', contentType: 'application/json' },
              { payload: 'name=x', contentType: 'application/x-www-form-urlencoded' },
              { payload: 'hello', contentType: 'text/plain' },
              { payload: 'subject\n"unterminated', contentType: 'text/csv' },
              { payload: '{"name":"x"}', contentType: 'application/json; charset=utf-16' },
              { payload: '<a/>', contentType: 'application/xml' },
            ),
          )
          .map(([[params], raw]) =>
            assemble(
              params,
              undefined,
              `raw ${raw.contentType} ${JSON.stringify(raw.payload)}`,
              op.body !== undefined && !raw.contentType.includes('charset'),
              raw,
            ),
          ),
      );
    }
  }
  if (violations.length === 0) return base.map(([params, body]) => assemble(params, body, '', false));
  return fc.oneof(...violations);
}
