import { z } from 'zod';
import type { ContractRoute, RouteResponse } from '../../contract/routes';
import { problemSchema } from '../../contract/schemas/problem';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions';

type JsonSchema = Record<string, unknown>;

/**
 * zod 4 writes JSON Schema 2020-12 itself, which is OpenAPI 3.1's schema dialect, so the
 * document needs no schema translation: requests are described as sent (io: input, before
 * transforms and defaults), answers as returned. A schema zod cannot express (a Date) is left open.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  delete out.$schema;
  return out;
}

const PROBLEMS = {
  400: ['BadRequest', 'The request did not pass validation; `errors` names each field.'],
  401: ['Unauthenticated', 'Not signed in, or no valid API key.'],
  403: ['Forbidden', 'The role or key may not do this (or the CSRF token is missing).'],
  404: ['NotFound', 'No such item.'],
  409: ['Conflict', "The item's state does not allow this now."],
} as const;

/** Statuses any route may answer besides its own: too many requests, too large, wrong media type, unavailable. */
const OTHER_PROBLEM = ['OtherProblem', 'Any other refusal (429, 413, 415, 503), as a problem document.'] as const;

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

function answer(r: RouteResponse) {
  const headers = r.listHeaders
    ? {
        headers: {
          'Content-Range': {
            description: '`<resource> <first>-<last>/<total>`, or `<resource> */<total>` when the page is empty.',
            schema: { type: 'string' },
          },
        },
      }
    : {};
  if (r.schema)
    return {
      description: r.description,
      ...headers,
      content: { [r.contentType ?? 'application/json']: { schema: jsonSchemaOf(r.schema, 'output') } },
    };
  if (r.contentType) return { description: r.description, content: { [r.contentType]: { schema: { type: 'string' } } } };
  return { description: r.description };
}

function security(route: ContractRoute) {
  if (route.access === 'public') return [];
  if (route.access === 'api_key') return [{ apiKey: [] }, { platformBearer: [] }];
  if (route.access === 'scrape') return [{ session: [] }, { staffBearer: [] }, { metricsToken: [] }];
  return [{ session: [], csrf: [] }, { staffBearer: [] }];
}

function operation(route: ContractRoute) {
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) responses[status] = answer(r);
  const refer = (status: keyof typeof PROBLEMS) => {
    if (!responses[status]) responses[status] = { $ref: `#/components/responses/${PROBLEMS[status][0]}` };
  };
  if (route.params || route.query || route.body || route.bodyContentTypes) refer(400);
  if (route.access !== 'public') refer(401);
  if (typeof route.access === 'object' || route.access === 'scrape') refer(403);
  if (route.params) refer(404);
  if (route.method !== 'get') refer(409);
  responses.default = { $ref: `#/components/responses/${OTHER_PROBLEM[0]}` };
  const body = route.body
    ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } } } }
    : route.bodyContentTypes
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(route.bodyContentTypes.map((t) => [t, { schema: { type: 'string' } }])),
          },
        }
      : {};
  const access =
    typeof route.access === 'object'
      ? `Roles: ${route.access.staff.join(', ')}.`
      : route.access === 'api_key'
        ? 'Platform API key.'
        : route.access === 'scrape'
          ? 'A signed-in admin, or the METRICS_TOKEN bearer.'
          : 'Public.';
  return {
    operationId: `${route.method}${route.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    description: access,
    tags: [route.tag],
    security: security(route),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...body,
    responses,
  };
}

/** The OpenAPI 3.1 document of the contract's routes. */
export function openApiDocument(routes: readonly ContractRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  const problem = jsonSchemaOf(problemSchema, 'output');
  return {
    openapi: '3.1.1',
    info: {
      title: 'Trust & safety console API',
      version,
      description: 'Errors are RFC 9457 problem documents (application/problem+json).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: problem },
      responses: Object.fromEntries(
        [...Object.values(PROBLEMS), OTHER_PROBLEM].map(([name, description]) => [
          name,
          { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        ]),
      ),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The console session, set by POST /api/auth/login.' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'Echo of the CSRF cookie on every change made with the session cookie.',
        },
        staffBearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/auth/login with mode "token".' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "A platform's API key." },
        platformBearer: { type: 'http', scheme: 'bearer', description: "A platform's API key as a bearer token." },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN setting, for a Prometheus scraper.' },
      },
    },
  };
}
