import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';

/** Sets a board's threshold (the next post on the board is checked against it), audited with what it was before. */
export async function setBoardThreshold(db: Db, board: string, input: { commercialShare: number; minPosts: number }, act: StaffAction) {
  await db.transaction(async (trx) => {
    const before = await trx('board_thresholds').where({ board }).forUpdate().first('commercial_share', 'min_posts');
    await trx('board_thresholds')
      .insert({
        board,
        commercial_share: input.commercialShare,
        min_posts: input.minPosts,
        alerted: false,
        updated_by: act.staffId,
        updated_at: act.at,
      })
      .onConflict('board')
      .merge(['commercial_share', 'min_posts', 'updated_by', 'updated_at']);
    const detail = { before: before ?? null, after: input };
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'board_threshold.set',
      subjectType: 'board',
      subjectId: board,
      detail,
      requestId: act.requestId,
      at: act.at,
    });
  });
  return db('board_thresholds').where({ board }).first();
}

export async function removeBoardThreshold(db: Db, board: string, act: StaffAction): Promise<void> {
  await db.transaction(async (trx) => {
    const removed = await trx('board_thresholds').where({ board }).delete();
    if (!removed) throw problems.notFound(`Board "${board}" has no threshold.`);
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'board_threshold.remove',
      subjectType: 'board',
      subjectId: board,
      requestId: act.requestId,
      at: act.at,
    });
  });
}
