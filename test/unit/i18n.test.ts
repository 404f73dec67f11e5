import { describe, expect, it } from 'vitest';
import englishMessages from 'ra-language-english';
import { raChineseMessages } from '../../console/src/i18n/raChinese';
import { appEnglish } from '../../console/src/i18n/en';
import { appChinese } from '../../console/src/i18n/zh';
import { RESOURCES } from '../../api/resources/definitions';
import {
  ACCOUNT_TYPES,
  POST_KINDS,
  POST_STATUSES,
  TRANSACTION_STATUSES,
  PARTNERSHIP_KINDS,
  FLAG_STATUSES,
  FLAG_SOURCES,
  SUBJECT_TYPES,
  DECISION_ACTIONS,
  QUEUES,
  REPORT_REASONS,
  REPORT_OUTCOMES,
  WEBHOOK_EVENT_TYPES,
  DELIVERY_STATUSES,
  STAFF_ROLES,
  APPEAL_STATUSES,
  STATEMENT_KINDS,
} from '../../contract/enums';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../rules/audit/auditActions';
import { EVENT_TYPES } from '../../rules/policy/events';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}
function lookup(messages: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);
}

describe('console translations', () => {
  it('Chinese covers every react-admin key of the English catalogue, and no extra ones', () => {
    expect(keyPaths(raChineseMessages).sort()).toEqual(keyPaths(englishMessages).sort());
  });

  it('the console’s own catalogues have the same keys in both languages', () => {
    expect(keyPaths(appChinese).sort()).toEqual(keyPaths(appEnglish).sort());
  });

  it('no Chinese string is left in English or empty', () => {
    for (const path of keyPaths(appChinese)) {
      const zh = String(lookup(appChinese, path));
      expect(zh.trim(), path).not.toBe('');
      if (
        /^(resources\.[^.]+\.fields\.(id|q)|resources\.api-keys\.name|resources\.api-keys\.fields\.prefix|resources\.audit-log\.fields\.actorApiKeyId)$/.test(
          path,
        )
      )
        continue;
      expect(/[\u4e00-\u9fff]/.test(zh), `${path}: "${zh}"`).toBe(true);
    }
  });

  it('labels every field the API returns, for every resource', () => {
    for (const def of Object.values(RESOURCES)) {
      for (const field of Object.keys(def.fields)) {
        expect(lookup(appEnglish, `resources.${def.resource}.fields.${field}`), `${def.resource}.${field}`).toBeTypeOf('string');
      }
    }
  });

  it('names every stored code', () => {
    const enums: Record<string, readonly string[]> = {
      account_type: ACCOUNT_TYPES,
      post_kind: POST_KINDS,
      post_status: POST_STATUSES,
      transaction_status: TRANSACTION_STATUSES,
      partnership_kind: PARTNERSHIP_KINDS,
      queue: QUEUES,
      flag_status: FLAG_STATUSES,
      flag_source: FLAG_SOURCES,
      subject_type: SUBJECT_TYPES,
      decision_action: DECISION_ACTIONS,
      role: STAFF_ROLES,
      report_reason: REPORT_REASONS,
      report_outcome: REPORT_OUTCOMES,
      delivery_status: DELIVERY_STATUSES,
      statement_kind: STATEMENT_KINDS,
      appeal_status: APPEAL_STATUSES,
      // Event types carry dots, which translation keys cannot; the console looks them up with underscores.
      webhook_event: [...WEBHOOK_EVENT_TYPES, 'webhook.test'].map((e) => e.replace('.', '_')),
      // Audit actions keep their dots: `policy.publish` is the nested key enums.audit_action.policy.publish.
      audit_action: AUDIT_ACTIONS,
      audit_subject: AUDIT_SUBJECT_TYPES,
      actor_kind: ['staff', 'api_key', 'system'],
      event_type: EVENT_TYPES,
    };
    for (const [name, values] of Object.entries(enums)) {
      for (const v of values) expect(lookup(appEnglish, `enums.${name}.${v}`), `${name}.${v}`).toBeTypeOf('string');
    }
  });
});
