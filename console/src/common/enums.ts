export { ACCOUNT_TYPES, POST_KINDS, POST_STATUSES, TRANSACTION_STATUSES, PARTNERSHIP_KINDS } from '../../../migrations/001_accounts_and_content';
export { STAFF_ROLES } from '../../../migrations/002_staff_and_audit';
export { FLAG_STATUSES, FLAG_SOURCES, SUBJECT_TYPES, DECISION_ACTIONS } from '../../../migrations/003_moderation';
export { STATEMENT_KINDS, APPEAL_STATUSES } from '../../../migrations/011_statements_and_appeals';
export { QUEUES, REPORT_REASONS, REPORT_OUTCOMES, WEBHOOK_EVENT_TYPES, DELIVERY_STATUSES } from '../../../migrations/009_platform_loop';
