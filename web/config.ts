import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { SmtpSettings } from '../adapters/smtp/smtp-mailer.js';
import { checkDigit } from '../domain/accounts/oib.js';
import { isCroatianIban } from '../domain/billing/iban.js';

const validOib = (v: string) => /^\d{11}$/u.test(v) && checkDigit(v.slice(0, 10)) === Number(v[10]);

const optionalUrl = (protocols: string[], hint: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), { message: hint });

const positiveInt = (name: string, fallback: number) =>
  z.coerce.number({ message: `${name} must be a number` }).int(`${name} must be a whole number`).positive(`${name} must be above zero`).default(fallback);

const schema = z.object({
  PORT: z.coerce.number({ message: 'PORT must be a number' }).int().min(0, 'PORT must be 0-65535').max(65535, 'PORT must be 0-65535').default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  // One web worker per core by default; 1 runs the portal in a single process.
  WEB_CONCURRENCY: z.coerce.number({ message: 'WEB_CONCURRENCY must be a number' }).int().min(1, 'WEB_CONCURRENCY must be 1-64').max(64, 'WEB_CONCURRENCY must be 1-64').optional(),
  APP_URL: z.url({ message: 'APP_URL must be a full URL such as https://portal.example.hr' }).optional(),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://'], 'DATABASE_URL must start with postgres:// or postgresql://'),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://'], 'SMTP_URL must start with smtp:// or smtps://'),
  MAIL_FROM: z.string().trim().min(3).default('Portal za klijente <portal@localhost>'),
  SMTP_POOL_SIZE: positiveInt('SMTP_POOL_SIZE', 5),
  SMTP_CONNECTION_TIMEOUT_SECONDS: positiveInt('SMTP_CONNECTION_TIMEOUT_SECONDS', 60),
  SMTP_GREETING_TIMEOUT_SECONDS: positiveInt('SMTP_GREETING_TIMEOUT_SECONDS', 60),
  SMTP_SOCKET_TIMEOUT_SECONDS: positiveInt('SMTP_SOCKET_TIMEOUT_SECONDS', 120),
  PRODUCT_NAME: z.string().trim().min(1).default('Portal za klijente'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  SESSION_IDLE_MINUTES: positiveInt('SESSION_IDLE_MINUTES', 30),
  SESSION_ABSOLUTE_HOURS: positiveInt('SESSION_ABSOLUTE_HOURS', 12),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false'], { message: 'TRUST_PROXY must be 0 or 1' }).default('0').transform((v) => v === '1' || v === 'true'),
  CREDENTIALS_KEYS: z.string().trim().optional(),
  CREDENTIALS_KEY_ID: z.string().trim().optional(),
  NAMESERVERS: z.string().trim().default('ns1.portal.localhost,ns2.portal.localhost'),
  SERVICE_HOST: z.string().trim().min(1).default('server1.portal.localhost'),
  SELLER_NAME: z.string().trim().min(2).default('Demo Hosting d.o.o.'),
  SELLER_OIB: z.string().trim().regex(/^\d{11}$/u, 'SELLER_OIB must be 11 digits').default('12345678903'),
  SELLER_STREET: z.string().trim().min(2).default('Ulica grada Vukovara 1'),
  SELLER_POSTAL_CODE: z.string().trim().regex(/^\d{5}$/u, 'SELLER_POSTAL_CODE must be 5 digits').default('10000'),
  SELLER_CITY: z.string().trim().min(2).default('Zagreb'),
  SELLER_IBAN: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/gu, '').toUpperCase())
    .refine((v) => /^HR\d{19}$/u.test(v), 'SELLER_IBAN must be a Croatian IBAN (HR and 19 digits)')
    .refine(isCroatianIban, 'SELLER_IBAN has a wrong check digit (ISO 7064 mod 97): check it for a typo')
    .default('HR1210010051863000160'),
  INVOICE_OPERATOR_NAME: z.string().trim().min(2).max(100).default('Portal (automatski)'),
  INVOICE_OPERATOR_OIB: z.string().trim().refine(validOib, 'INVOICE_OPERATOR_OIB must be a valid OIB (11 digits, check digit)').default('12345678903'),
  INVOICE_PREMISES: z.string().trim().regex(/^[A-Z0-9]{1,20}$/u, 'INVOICE_PREMISES: capital letters and digits').default('WEB1'),
  // The fiscalization specification: the device is digits without a leading zero, the premises letters and digits.
  INVOICE_DEVICE: z.string().trim().regex(/^[1-9]\d{0,19}$/u, 'INVOICE_DEVICE: digits, without a leading zero (as registered for fiscalization)').default('1'),
  PAYMENT_TERM_DAYS: positiveInt('PAYMENT_TERM_DAYS', 15),
  RENEWAL_QUOTE_DAYS: positiveInt('RENEWAL_QUOTE_DAYS', 30),
  DOCUMENT_RETENTION_DAYS: positiveInt('DOCUMENT_RETENTION_DAYS', 30),
  RENEWAL_REMINDER_DAYS: positiveInt('RENEWAL_REMINDER_DAYS', 7),
  RENEWAL_GRACE_DAYS: positiveInt('RENEWAL_GRACE_DAYS', 15),
  EINVOICE_DIR: z.string().trim().min(1).optional(),
  FISCAL_URL: optionalUrl(['https://', 'http://'], 'FISCAL_URL must be the https:// address of the fiscalization service'),
  FISCAL_CERT_PATH: z.string().trim().min(1).optional(),
  FISCAL_CERT_PASSWORD: z.string().optional(),
  FISCAL_CIS_CERT_PATH: z.string().trim().min(1).optional(),
  FISCAL_TIMEOUT_SECONDS: positiveInt('FISCAL_TIMEOUT_SECONDS', 10),
  INTERMEDIARY_URL: optionalUrl(['https://', 'http://'], 'INTERMEDIARY_URL must be the https:// address of the intermediary (https://www.moj-eracun.hr)'),
  INTERMEDIARY_USERNAME: z.string().trim().optional(),
  INTERMEDIARY_PASSWORD: z.string().optional(),
  INTERMEDIARY_SOFTWARE_ID: z.string().trim().optional(),
  INTERMEDIARY_COMPANY_BU: z.string().trim().default(''),
  PAYMENT_REPORTING_URL: optionalUrl(['https://', 'http://'], 'PAYMENT_REPORTING_URL must be the https:// address of the eIzvještavanje service'),
  SEED_DEMO: z
    .enum(['0', '1', 'true', 'false'], { message: 'SEED_DEMO must be 0 or 1' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly appUrl: string;
  readonly databaseUrl: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly smtp: SmtpSettings;
  readonly productName: string;
  readonly dataDir: string;
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly trustProxy: boolean;
  /** Web workers `npm start` runs (one per core unless WEB_CONCURRENCY says otherwise); 1: a single process. */
  readonly webConcurrency: number;
  readonly seedDemo: boolean;
  /** `id:base64` keys for the service access data; unset only for a local run, which keeps one in DATA_DIR. */
  readonly credentialsKeys: string | undefined;
  readonly credentialsKeyId: string | undefined;
  readonly nameservers: readonly string[];
  readonly serviceHost: string;
  readonly documentRetentionDays: number;
  readonly billing: {
    readonly seller: { readonly name: string; readonly oib: string; readonly street: string; readonly postalCode: string; readonly city: string; readonly country: string };
    readonly iban: string;
    readonly premises: string;
    readonly device: string;
    readonly paymentTermDays: number;
    readonly operator: { readonly name: string; readonly oib: string };
    readonly renewal: { readonly quoteDaysBefore: number; readonly reminderDaysBefore: number; readonly graceDays: number };
  };
  /** Cookies get Secure and the __Host- prefix unless the portal runs on plain http on this machine. */
  readonly secureCookies: boolean;
  /** The Tax Administration's services and the eRačun intermediary; unset ones run as local simulators. */
  readonly outside: OutsideConfig;
}

export interface OutsideConfig {
  /** The Tax Administration's material (schemas) the local simulators check messages against. */
  readonly einvoiceDir: string;
  readonly fiscal: { readonly url?: string; readonly certPath?: string; readonly certPassword?: string; readonly cisCertPath?: string; readonly timeoutMs: number };
  readonly intermediary: { readonly url?: string; readonly username?: string; readonly password?: string; readonly softwareId?: string; readonly companyBu: string };
  readonly reporting: { readonly url?: string };
}

export class ConfigError extends Error {}

/** Reads the environment once; every problem is reported at once, in plain words. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || 'config'}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const appUrl = (c.APP_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/u, '');
  const url = new URL(appUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) throw new ConfigError('Invalid configuration:\n  - APP_URL: must use https:// unless the portal runs on localhost');
  if (!local && !c.CREDENTIALS_KEYS) throw new ConfigError('Invalid configuration:\n  - CREDENTIALS_KEYS: required off localhost (id:base64 of 32 random bytes)');
  // Without SMTP_URL the in-process catcher shows every mail at /dev/mail: fine on a laptop, never in public.
  if (!local && !c.SMTP_URL) throw new ConfigError('Invalid configuration:\n  - SMTP_URL: required off localhost (the mail catcher is for local runs only)');
  // The demo data has staff with published passwords and TOTP secrets: it never reaches a public install.
  // Off this machine every invoice reaches the real Tax Administration and intermediary, never a simulator.
  const missing = (
    [
      ['FISCAL_URL', c.FISCAL_URL, 'the fiscalization service (https://cis.porezna-uprava.hr:8449/FiskalizacijaService)'],
      ['FISCAL_CERT_PATH', c.FISCAL_CERT_PATH, "the company's FINA application certificate (PKCS#12 file)"],
      ['FISCAL_CERT_PASSWORD', c.FISCAL_CERT_PASSWORD, 'the password of that PKCS#12 file'],
      ['FISCAL_CIS_CERT_PATH', c.FISCAL_CIS_CERT_PATH, "the Tax Administration's signing certificate or its CA (PEM), to trust its answers"],
      ['INTERMEDIARY_URL', c.INTERMEDIARY_URL, 'the eRačun intermediary (https://www.moj-eracun.hr)'],
      ['INTERMEDIARY_USERNAME', c.INTERMEDIARY_USERNAME, "the intermediary's user name"],
      ['INTERMEDIARY_PASSWORD', c.INTERMEDIARY_PASSWORD, "the intermediary's password"],
      ['INTERMEDIARY_SOFTWARE_ID', c.INTERMEDIARY_SOFTWARE_ID, 'the software id the intermediary gave the portal'],
      ['PAYMENT_REPORTING_URL', c.PAYMENT_REPORTING_URL, 'the eIzvještavanje service'],
    ] as const
  ).filter(([, value]) => !value);
  if (!local && missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map(([name, , what]) => `  - ${name}: required off localhost (${what}; the local simulators are for local runs only)`).join('\n')}`);
  // Invoices, payments and the signing certificate's answers travel only over TLS once the portal is public.
  const plain = (
    [
      ['FISCAL_URL', c.FISCAL_URL],
      ['INTERMEDIARY_URL', c.INTERMEDIARY_URL],
      ['PAYMENT_REPORTING_URL', c.PAYMENT_REPORTING_URL],
    ] as const
  ).filter(([, value]) => value && !value.startsWith('https://'));
  if (!local && plain.length) throw new ConfigError(`Invalid configuration:\n${plain.map(([name]) => `  - ${name}: must use https:// off localhost`).join('\n')}`);
  if (!local && c.SEED_DEMO) throw new ConfigError('Invalid configuration:\n  - SEED_DEMO: demo data (staff logins with published passwords) is only for a local run on localhost; remove SEED_DEMO');
  return {
    port: c.PORT,
    host: c.HOST,
    appUrl,
    databaseUrl: c.DATABASE_URL,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    smtp: { poolSize: c.SMTP_POOL_SIZE, connectionTimeoutMs: c.SMTP_CONNECTION_TIMEOUT_SECONDS * 1000, greetingTimeoutMs: c.SMTP_GREETING_TIMEOUT_SECONDS * 1000, socketTimeoutMs: c.SMTP_SOCKET_TIMEOUT_SECONDS * 1000 },
    productName: c.PRODUCT_NAME,
    dataDir: c.DATA_DIR,
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
    trustProxy: c.TRUST_PROXY,
    webConcurrency: c.WEB_CONCURRENCY ?? availableParallelism(),
    seedDemo: c.SEED_DEMO ?? local,
    credentialsKeys: c.CREDENTIALS_KEYS || undefined,
    credentialsKeyId: c.CREDENTIALS_KEY_ID || undefined,
    nameservers: c.NAMESERVERS.split(',').map((n) => n.trim()).filter(Boolean),
    serviceHost: c.SERVICE_HOST,
    documentRetentionDays: c.DOCUMENT_RETENTION_DAYS,
    billing: {
      seller: { name: c.SELLER_NAME, oib: c.SELLER_OIB, street: c.SELLER_STREET, postalCode: c.SELLER_POSTAL_CODE, city: c.SELLER_CITY, country: 'HR' },
      iban: c.SELLER_IBAN,
      premises: c.INVOICE_PREMISES,
      device: c.INVOICE_DEVICE,
      paymentTermDays: c.PAYMENT_TERM_DAYS,
      operator: { name: c.INVOICE_OPERATOR_NAME, oib: c.INVOICE_OPERATOR_OIB },
      renewal: { quoteDaysBefore: c.RENEWAL_QUOTE_DAYS, reminderDaysBefore: c.RENEWAL_REMINDER_DAYS, graceDays: c.RENEWAL_GRACE_DAYS },
    },
    secureCookies: url.protocol === 'https:',
    outside: {
      einvoiceDir: c.EINVOICE_DIR ?? resolve(process.cwd(), '..', 'shared', 'einvoice'),
      fiscal: { url: c.FISCAL_URL, certPath: c.FISCAL_CERT_PATH, certPassword: c.FISCAL_CERT_PASSWORD, cisCertPath: c.FISCAL_CIS_CERT_PATH, timeoutMs: c.FISCAL_TIMEOUT_SECONDS * 1000 },
      intermediary: { url: c.INTERMEDIARY_URL, username: c.INTERMEDIARY_USERNAME, password: c.INTERMEDIARY_PASSWORD, softwareId: c.INTERMEDIARY_SOFTWARE_ID, companyBu: c.INTERMEDIARY_COMPANY_BU },
      reporting: { url: c.PAYMENT_REPORTING_URL },
    },
  };
}
