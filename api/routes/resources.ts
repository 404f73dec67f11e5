import { Router } from 'express';
import type { AppDeps } from '../deps';
import { parseListQuery } from '../http/listQuery';
import { parseOrThrow, problems } from '../http/problem';
import type { RouteTable } from '../http/routeTable';
import { RESOURCES } from '../resources/definitions';
import { contentRange, getRow, listRows } from '../resources/queries';
import { toApiRow } from '../db/rows';
import { ruleHitsFor } from '../policies/ruleHitStore';
import { maskDeep, maskPersonalData } from '../../rules/privacy/mask';
import { idParamSchema } from '../../contract/schemas/common';
import { postDisclosure } from '../compliance/postDisclosure';
import { UNMASK_ROLES } from '../../contract/access';
import { RESOURCE_ROUTES } from '../../contract/routes';
import { embedQueueRows } from '../moderation/workbench';

/** The read side of every console resource, in the ra-data-simple-rest dialect. */
/**
 * Personal data in what members wrote is masked in every response; the unmasked text is one
 * audited request away for the roles whose work needs it (GET /api/posts/:id/unmasked).
 */
function maskRow(resource: string, row: Record<string, unknown>): Record<string, unknown> {
  if (resource === 'posts') {
    const out: Record<string, unknown> = { ...row, title: typeof row.title === 'string' ? maskPersonalData(row.title) : row.title, body: typeof row.body === 'string' ? maskPersonalData(row.body) : row.body };
    if (Array.isArray(row.ruleHits)) out.ruleHits = row.ruleHits.map((h) => maskDeep(h));
    return out;
  }
  if (resource === 'rule-hits') return { ...row, explanation: maskDeep(row.explanation) };
  if (resource === 'reports') return { ...row, text: typeof row.text === 'string' ? maskPersonalData(row.text) : row.text };
  if (resource === 'appeals') return { ...row, text: typeof row.text === 'string' ? maskPersonalData(row.text) : row.text, decisionNote: typeof row.decisionNote === 'string' ? maskPersonalData(row.decisionNote) : row.decisionNote };
  if (resource === 'transactions' && Array.isArray(row.ruleHits)) return { ...row, ruleHits: row.ruleHits.map((h) => maskDeep(h)) };
  return row;
}


async function deliveryDetail(db: AppDeps['db'], id: number) {
  const event = await db('webhook_deliveries as d').join('webhook_events as e', 'e.id', 'd.event_id').where('d.id', id).first('e.payload');
  const attempts = await db('webhook_attempts').where({ delivery_id: id }).orderBy('attempt').select('attempt', 'started_at', 'duration_ms', 'status_code', 'error', 'response_excerpt', 'succeeded');
  return { payload: maskDeep(event?.payload ?? null), attemptLog: attempts.map(toApiRow) };
}

export function resourceRouter(deps: AppDeps, table: RouteTable): Router {
  const router = Router();
  for (const def of Object.values(RESOURCES)) {
    table.route(router, '/api', RESOURCE_ROUTES[def.resource]!.list, async (req, res) => {
      const query = parseListQuery(def, req.query as Record<string, unknown>);
      const result = await deps.reads!.run(req.readFence ?? null, (db) => listRows(db, def, query, { unmasked: UNMASK_ROLES.includes(req.staff!.role) }));
      res.setHeader('Content-Range', contentRange(def.resource, result));
      // A queue row carries what the list shows (snippet, author, reach, claim holder): one round trip.
      const rows = def.resource === 'flags' ? await embedQueueRows(deps.db, result.rows, deps.clock.now()) : result.rows;
      res.json(rows.map((r) => maskRow(def.resource, r)));
    });
    table.route(router, '/api', RESOURCE_ROUTES[def.resource]!.get, async (req, res) => {
      const { id } = parseOrThrow(idParamSchema, req.params);
      const row = await deps.reads!.run(req.readFence ?? null, async (db) => {
        const found = await getRow(db, def, id);
        if (!found) return null;
        // A post or order comes with the rules that judged it and why, condition by condition.
        if (def.resource === 'posts' || def.resource === 'transactions') found.ruleHits = await ruleHitsFor(db, def.resource === 'posts' ? 'post' : 'transaction', id);
        // A delivery comes with what was sent and every attempt's answer.
        if (def.resource === 'webhook-deliveries') Object.assign(found, await deliveryDetail(db, id));
        return found;
      });
      if (!row) throw problems.notFound(`No ${def.resource} with id ${id}.`);
      const out = maskRow(def.resource, row);
      // The disclosure verdict with the spans it rests on, computed on the masked text shown, so
      // the console highlights exactly the characters on screen.
      if (def.resource === 'posts') {
        const text = typeof out.title === 'string' && out.title ? `${out.title}\n${out.body}` : String(out.body ?? '');
        out.disclosure = await postDisclosure(deps.db, row as { authorId: number; postedAt: Date; platformLabel: boolean; promoScore: number | null }, text);
      }
      res.json(out);
    });
  }
  return router;
}
