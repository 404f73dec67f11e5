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
});

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
    webhooks: { maxAttempts: e.WEBHOOK_MAX_ATTEMPTS, retryDelaySeconds: e.WEBHOOK_RETRY_DELAY_SECONDS, timeoutMs: e.WEBHOOK_TIMEOUT_MS, expireSeconds: Math.ceil(e.WEBHOOK_TIMEOUT_MS / 1000) + 30 },
  };
}

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
    ...overrides,
  };
}
