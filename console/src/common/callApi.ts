import type { z } from 'zod';
import type { ContractRoute } from '../../../contract/routes';
import { httpClient } from '../dataProvider';

type Success = 200 | 201 | 202;
type SchemaAt<R extends ContractRoute, S> = S extends keyof R['responses']
  ? R['responses'][S] extends { schema: infer Z extends z.ZodType }
    ? z.output<Z>
    : never
  : never;
/** What a route answers when it succeeds, as contract/routes.ts describes it. */
export type AnswerOf<R extends ContractRoute> = SchemaAt<R, Success> extends never ? undefined : SchemaAt<R, Success>;
/** What a route takes in its body, as sent (before the API's defaults and transforms). */
export type BodyOf<R extends ContractRoute> = R extends { body: infer B extends z.ZodType } ? z.input<B> : never;
type ParamsOf<R extends ContractRoute> = R extends { params: infer P extends z.ZodType }
  ? { [K in keyof z.input<P>]: string | number }
  : never;
type QueryOf<R extends ContractRoute> = R extends { query: infer Q extends z.ZodType }
  ? Partial<Record<keyof z.input<Q>, string | number>>
  : never;

type Args<R extends ContractRoute> = ([ParamsOf<R>] extends [never] ? { params?: never } : { params: ParamsOf<R> }) &
  ([BodyOf<R>] extends [never] ? { body?: never } : { body: BodyOf<R> }) &
  ([QueryOf<R>] extends [never] ? { query?: never } : { query?: QueryOf<R> });

/** /api/flags/{id}/claim with { id: 4 } → /api/flags/4/claim */
export function urlOf(
  route: ContractRoute,
  params: Record<string, string | number> = {},
  query: Record<string, string | number | undefined> = {},
): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const search = new URLSearchParams(
    Object.entries(query)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Calls a custom endpoint of the contract: the path, method, body and answer types all come from
 * the route's entry, so the console cannot drift from what the API takes and returns.
 */
export async function callApi<R extends ContractRoute>(route: R, args: Args<R> = {} as Args<R>): Promise<AnswerOf<R>> {
  const { params, body, query } = args as {
    params?: Record<string, string | number>;
    body?: unknown;
    query?: Record<string, string | number>;
  };
  const options = { method: route.method.toUpperCase(), ...(route.method === 'get' ? {} : { body: JSON.stringify(body ?? {}) }) };
  return (await httpClient(urlOf(route, params, query), options)).json as AnswerOf<R>;
}
