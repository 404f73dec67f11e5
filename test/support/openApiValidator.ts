import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { TrustApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi/openApiDocument';
import { CONTRACT_ROUTES, type ContractRoute } from '../../contract/routes';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

type Json = Record<string, unknown>;

export interface Violation {
  method: string;
  url: string;
  route: string;
  status: number;
  message: string;
}

const routeKey = (r: ContractRoute) => `${r.method.toUpperCase()} ${r.path}`;

/**
 * Checks every JSON answer an API suite receives against the OpenAPI document, and notes which
 * contract routes the suite called. One per test file (vitest isolates files); the setup file
 * test/support/openApiSetup.ts fails the file on any violation.
 */
export class ResponseValidator {
  readonly violations: Violation[] = [];
  readonly exercised = new Set<string>();
  /** Routes that gave a 2xx JSON answer, which was validated. */
  readonly answered = new Set<string>();
  private readonly doc = openApiDocument(CONTRACT_ROUTES, 'test') as { paths: Record<string, Record<string, Json>>; components: Json };
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  private readonly compiled = new Map<string, ValidateFunction>();
  // Static paths before parameterised ones: /api/flags/next is not /api/flags/{id}.
  private readonly matchers = CONTRACT_ROUTES.map((r) => ({
    route: r,
    re: new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (r.path.match(/\{/g) ?? []).length,
  })).sort((a, b) => a.params - b.params);

  match(method: string, urlPath: string): ContractRoute | undefined {
    return this.matchers.find((m) => m.route.method === method.toLowerCase() && m.re.test(urlPath))?.route;
  }

  private resolve(value: Json): Json {
    const ref = value.$ref;
    if (typeof ref !== 'string') return value;
    const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
    return this.resolve((this.doc.components[section!] as Record<string, Json>)[name!]!);
  }

  check(method: string, url: string, status: number, contentType: string, body: string): void {
    const urlPath = url.split('?')[0]!;
    const route = this.match(method, urlPath);
    if (!route) return;
    const fail = (message: string): void => void this.violations.push({ method, url, route: routeKey(route), status, message });
    const op = this.doc.paths[route.path]![route.method]! as { responses: Record<string, Json> };
    const documented = op.responses[String(status)] ?? op.responses.default;
    if (!documented) return fail(`status ${status} is not documented`);
    const mediaType = contentType.split(';')[0]!.trim();
    const content = this.resolve(documented).content as Record<string, { schema: Json }> | undefined;
    const media = content?.[mediaType];
    if (!media)
      return fail(`${mediaType} is not documented for ${status} (documented: ${Object.keys(content ?? {}).join(', ') || 'no body'})`);
    const key = `${routeKey(route)} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.resolve(media.schema));
      this.compiled.set(key, validate);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return fail('body is not JSON');
    }
    if (status < 300) this.answered.add(routeKey(route));
    if (!validate(parsed)) fail(this.ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' }).slice(0, 1000));
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const send = res.send.bind(res);
      const url = req.originalUrl;
      const called = this.match(req.method, url.split('?')[0]!);
      if (called) this.exercised.add(routeKey(called));
      // res.json lands here with the serialised body and its Content-Type already set.
      res.send = (body?: unknown) => {
        const type = String(res.getHeader('content-type') ?? '');
        if ((typeof body === 'string' || Buffer.isBuffer(body)) && /^application\/(problem\+)?json/.test(type))
          this.check(req.method, url, res.statusCode, type, String(body));
        return send(body);
      };
      next();
    };
  }
}

let current: ResponseValidator | null = null;

function validator(): ResponseValidator {
  current ??= new ResponseValidator();
  return current;
}

/**
 * The app behind a first middleware that validates answers. Same routes, same table; the inner
 * app keeps its own settings (trust proxy, query parser).
 */
export function withResponseValidation(app: TrustApp): TrustApp {
  const outer = express() as unknown as TrustApp;
  outer.disable('x-powered-by');
  outer.use(validator().middleware());
  outer.use(app);
  outer.routeTable = app.routeTable;
  return outer;
}

/** Called once a test file has run: the violations it collected, and where it notes the routes it called. */
export function finishFile(): Violation[] {
  if (!current) return [];
  const dir = process.env.OPENAPI_EXERCISED_DIR;
  if (dir && current.exercised.size)
    fs.writeFileSync(
      path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`),
      JSON.stringify({ called: [...current.exercised], answered: [...current.answered] }),
    );
  const found = current.violations.splice(0);
  current = null;
  return found;
}

export function contractRouteKeys(): string[] {
  return CONTRACT_ROUTES.map(routeKey);
}
