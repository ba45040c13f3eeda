/**
 * The environment, read and checked once. Only server.ts and the CLI call `loadConfig`;
 * everything else receives the parsed `Config`, so tests build apps without touching env.
 */
import { z } from 'zod';
import { trustedProxies } from './trusted-proxies.ts';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ALLIANCE_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes in base64url (43 characters)')
    .optional(),
  ALLIANCE_ADMIN_EMAIL: z.email('must be an e-mail address').optional(),
  ALLIANCE_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  ALLIANCE_NAME: z.string().min(1).default('示范镇德商联盟'),
  ALLIANCE_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  ALLIANCE_DEMO: flag.default(true),
  PUBLIC_URL: z.url('must be a URL such as https://points.example.cn').optional(),
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url('must be a comma-separated list of origins such as https://pos.example.cn')))
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TRUST_PROXY: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((list) => {
      try {
        trustedProxies(list);
        return true;
      } catch {
        return false;
      }
    }, 'must be a comma-separated list of proxy addresses or CIDRs, such as 127.0.0.1,10.0.0.0/8')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; empty strings count as unset so `FOO=` in a .env file means "default". */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  if (parsed.data.ALLIANCE_ADMIN_PASSWORD && !parsed.data.ALLIANCE_ADMIN_EMAIL) {
    throw new ConfigError(['ALLIANCE_ADMIN_EMAIL: must be set when ALLIANCE_ADMIN_PASSWORD is set']);
  }
  return parsed.data;
}
