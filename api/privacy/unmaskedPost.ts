import { appendAudit } from '../audit/auditLog';
import { auditActor, type StaffAction } from '../audit/staffAction';
import type { Db } from '../db/connect';
import { problems } from '../http/problem';

/** The post as written, for those whose work needs the identifiers; every view is audited. */
export async function unmaskedPost(db: Db, id: number, act: StaffAction) {
  return db.transaction(async (trx) => {
    const row = await trx('posts').where({ id }).first('id', 'title', 'body');
    if (!row) throw problems.notFound(`No post with id ${id}.`);
    await appendAudit(trx, {
      actor: auditActor(act),
      action: 'personal_data.unmask',
      subjectType: 'post',
      subjectId: id,
      requestId: act.requestId,
      at: act.at,
    });
    return row;
  });
}
