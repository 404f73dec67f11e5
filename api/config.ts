import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** A hot standby of DATABASE_URL that serves the console's reads (docs/OPERATIONS.md). */
  DATABASE_READ_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  PGLITE_DIR: z.string().default(path.join('data', 'pglite')),
  /** Demo mode seeds the demo community and its staff with printed passwords; never on by default with a real DATABASE_URL. */
  DEMO: z.enum(['0', '1']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  INGEST_RATE_LIMIT: z.coerce.number().int().positive().default(6000),
  COOKIE_SECURE: z.enum(['0', '1']).optional(),
  /** Rows per board counter bucket that concurrent batches spread over (migration 020). */
  BOARD_COUNTER_SLOTS: z.coerce.number().int().min(1).max(64).default(8),
  /** How long a backtest or report job may run before another replica takes it over (its holder is presumed dead). */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(3600),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Express's `trust proxy` value; off unless a proxy in front of us rewrites X-Forwarded-For. */
  TRUST_PROXY: z.string().trim().max(500).optional(),
  /** `1` makes a policy's publication need someone other than its last draft editor (admins may override, audited). */
  POLICY_PUBLISH_FOUR_EYES: z.enum(['0', '1']).optional(),
  /** Keys the audit chain (HMAC-SHA256); required unless demo mode generates one beside the data. */
  AUDIT_HMAC_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().max(1440).default(5),
  /** Bearer token a Prometheus scraper sends to GET /metrics; unset, only a signed-in admin may read it. */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(24, 'at least 24 characters').max(512).optional()),
});

/**
 * `TRUST_PROXY` as Express reads it: off (`0`, `false`, empty), `true`, a hop count, or addresses
 * and subnets (`loopback`, `10.0.0.0/8, 127.0.0.1`). Trusting a proxy that is not there lets any
 * client choose its own address, and so its own rate-limit bucket.
 */
export function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const v = (raw ?? '').trim();
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^[0-9]{1,2}$/.test(v)) return Number(v);
  return v;
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  pgliteDir: string;
  demo: boolean;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  /** Login attempts per client address per 15 minutes. */
  loginRateLimit: number;
  /** Ingestion requests per API key per minute. */
  ingestRateLimit: number;
  cookieSecure: boolean;
  boardCounterSlots: number;
  /** Expiry of backtest and report jobs; pg-boss gives a job whose worker died to another after it. */
  jobExpireSeconds: number;
  webhooks: WebhookSettings;
  /** Express `trust proxy`; false unless configured. */
  trustProxy: boolean | number | string;
  /** Publishing a policy needs someone other than its last draft editor (admin override audited). */
  policyPublishFourEyes: boolean;
  audit: AuditSettings;
  /** METRICS_TOKEN: lets a scraper read /metrics without a staff session. */
  metricsToken: string | undefined;
}

export interface AuditSettings {
  /** AUDIT_HMAC_SECRET; absent in demo mode, where a key is generated into keyFile. */
  hmacSecret: string | undefined;
  /** Where demo mode keeps its generated key: the data folder, beside PGlite's, never the database. */
  keyFile: string;
  /** Signed checkpoints of the chain's head, appended one JSON line each. */
  checkpointFile: string;
  checkpointIntervalMs: number;
}

export interface WebhookSettings {
  /** Tries per delivery before it goes to the dead-letter list. */
  maxAttempts: number;
  /** The first retry waits 1–2× this, each later one twice as long (with jitter). */
  retryDelaySeconds: number;
  timeoutMs: number;
  /** How long a delivery job may run before another worker takes it over. */
  expireSeconds: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // The data folder holds PGlite's folder; the audit key and checkpoints sit beside it, outside any database.
  const dataDir = path.dirname(e.PGLITE_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_URL ? e.DATABASE_READ_URL : undefined,
    pgliteDir: e.PGLITE_DIR,
    demo: e.DEMO ? e.DEMO === '1' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    ingestRateLimit: e.INGEST_RATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE === '1',
    boardCounterSlots: e.BOARD_COUNTER_SLOTS,
    jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
    webhooks: {
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      expireSeconds: Math.ceil(e.WEBHOOK_TIMEOUT_MS / 1000) + 30,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    policyPublishFourEyes: e.POLICY_PUBLISH_FOUR_EYES === '1',
    audit: {
      hmacSecret: e.AUDIT_HMAC_SECRET,
      keyFile: path.join(dataDir, 'audit-hmac.key'),
      checkpointFile: e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl'),
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_MINUTES * 60_000,
    },
    metricsToken: e.METRICS_TOKEN,
  };
}

/** The audit key test databases are opened with (test/support/testDb.ts). */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef0123456789';

/** Settings for tests and scripts that build an app without reading the environment. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    databaseReadUrl: undefined,
    pgliteDir: '',
    demo: false,
    logLevel: 'silent',
    sessionTtlMs: 3600_000,
    loginRateLimit: 1000,
    ingestRateLimit: 100_000,
    cookieSecure: false,
    boardCounterSlots: 8,
    jobExpireSeconds: 3600,
    webhooks: { maxAttempts: 3, retryDelaySeconds: 1, timeoutMs: 1500, expireSeconds: 4 },
    trustProxy: false,
    policyPublishFourEyes: false,
    audit: { hmacSecret: TEST_AUDIT_KEY, keyFile: '', checkpointFile: '', checkpointIntervalMs: 60_000 },
    metricsToken: undefined,
    ...overrides,
  };
}
