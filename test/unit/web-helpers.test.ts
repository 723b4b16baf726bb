import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../web/config.js';
import { formatDateTime, formatMoney } from '../../web/i18n/format.js';
import { safeNext } from '../../web/http/render.js';

/** The Tax Administration and the intermediary, as a public install names them. */
const OUTSIDE = {
  FISCAL_URL: 'https://cis.porezna-uprava.hr:8449/FiskalizacijaService',
  FISCAL_CERT_PATH: '/etc/portal/fina.p12',
  FISCAL_CERT_PASSWORD: 'tajna',
  FISCAL_CIS_CERT_PATH: '/etc/portal/fiskalcis.pem',
  INTERMEDIARY_URL: 'https://www.moj-eracun.hr',
  INTERMEDIARY_USERNAME: '1083',
  INTERMEDIARY_PASSWORD: 'lozinka',
  INTERMEDIARY_SOFTWARE_ID: 'Portal-001',
  PAYMENT_REPORTING_URL: 'https://cis.porezna-uprava.hr:8509/eIzvjestavanjeService',
};

describe('configuration', () => {
  it('runs with no configuration on localhost defaults', () => {
    const config = loadConfig({});
    expect([config.port, config.appUrl, config.databaseUrl, config.secureCookies]).toEqual([3000, 'http://localhost:3000', undefined, false]);
  });
  it('reports every bad value at once, in plain words', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT must be a number');
      expect(message).toContain('DATABASE_URL must start with postgres://');
      expect(message).toContain('SMTP_URL must start with smtp://');
    }
  });
  it('refuses plain http off localhost and turns on secure cookies for https', () => {
    expect(() => loadConfig({ APP_URL: 'http://portal.example.hr' })).toThrow('APP_URL: must use https://');
    expect(() => loadConfig({ APP_URL: 'https://portal.example.hr/' })).toThrow('CREDENTIALS_KEYS: required');
    const key = Buffer.alloc(32, 3).toString('base64');
    expect(() => loadConfig({ APP_URL: 'https://portal.example.hr/', CREDENTIALS_KEYS: `k1:${key}` })).toThrow('SMTP_URL: required off localhost');
    expect(loadConfig({ APP_URL: 'https://portal.example.hr/', CREDENTIALS_KEYS: `k1:${key}`, SMTP_URL: 'smtps://u:p@mail.example.hr:465', ...OUTSIDE })).toMatchObject({
      appUrl: 'https://portal.example.hr',
      secureCookies: true,
      credentialsKeys: `k1:${key}`,
    });
  });
  it('runs the Tax Administration and the intermediary as local simulators only on localhost, naming each real setting it needs', () => {
    expect(loadConfig({}).outside).toMatchObject({ fiscal: { url: undefined, timeoutMs: 10_000 }, intermediary: { url: undefined }, reporting: { url: undefined } });
    const key = Buffer.alloc(32, 3).toString('base64');
    const production = { APP_URL: 'https://portal.example.hr', CREDENTIALS_KEYS: `k1:${key}`, SMTP_URL: 'smtps://u:p@mail.example.hr:465' };
    for (const name of Object.keys(OUTSIDE)) {
      const rest = Object.fromEntries(Object.entries(OUTSIDE).filter(([k]) => k !== name));
      expect(() => loadConfig({ ...production, ...rest }), name).toThrow(new RegExp(`${name}: required off localhost`, 'u'));
    }
    expect(() => loadConfig({ ...production, ...OUTSIDE, FISCAL_URL: 'ftp://cis' })).toThrow('FISCAL_URL must be the https:// address');
    for (const name of ['FISCAL_URL', 'INTERMEDIARY_URL', 'PAYMENT_REPORTING_URL'] as const) {
      const plain = OUTSIDE[name].replace('https://', 'http://');
      expect(() => loadConfig({ ...production, ...OUTSIDE, [name]: plain }), name).toThrow(`${name}: must use https:// off localhost`);
      expect(loadConfig({ ...OUTSIDE, [name]: 'http://127.0.0.1:9000/x' }).outside, name).toBeDefined();
    }
    expect(loadConfig({ ...production, ...OUTSIDE }).outside).toMatchObject({ fiscal: { url: OUTSIDE.FISCAL_URL, certPath: OUTSIDE.FISCAL_CERT_PATH }, intermediary: { username: '1083', softwareId: 'Portal-001', companyBu: '' } });
  });
  it('seeds demo data (staff with published passwords) only on localhost, and refuses it for a public install', () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const production = { APP_URL: 'https://portal.example.hr', CREDENTIALS_KEYS: `k1:${key}`, SMTP_URL: 'smtps://u:p@mail.example.hr:465', ...OUTSIDE };
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(loadConfig(production).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(() => loadConfig({ ...production, SEED_DEMO: '1' })).toThrow(/SEED_DEMO: demo data .* only for a local run/u);
  });
});

describe('Croatian formatting', () => {
  it('writes money as 1.234,56 € from integer cents', () => {
    expect(formatMoney(123456, 'hr')).toBe('1.234,56 €');
    expect(formatMoney(5, 'en')).toBe('0,05 €');
    expect(formatMoney(-100000000, 'hr')).toBe('-1.000.000,00 €');
  });
  it('shows UTC instants in Zagreb time', () => {
    expect(formatDateTime(new Date('2026-07-01T22:30:00Z'), 'hr')).toBe('2. 7. 2026. 00:30');
    expect(formatDateTime(new Date('2026-01-15T08:05:00Z'), 'hr')).toBe('15. 1. 2026. 09:05');
  });
  it('keeps dates and times right across midnight and the clock changes, each instant asked in turn', () => {
    // Every minute of two days around each change, formatted twice (the second answer comes from what was kept),
    // against the formatter asked directly.
    const zagreb = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zagreb', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const expected = (at: Date) => {
      const p = Object.fromEntries(zagreb.formatToParts(at).map((x) => [x.type, x.value]));
      return `${Number(p['day'])}. ${Number(p['month'])}. ${p['year']}. ${p['hour']}:${p['minute']}`;
    };
    for (const start of ['2026-03-28T12:00:00Z', '2026-10-24T12:00:00Z', '2026-12-31T12:00:00Z']) {
      for (let minute = 0; minute < 48 * 60; minute += 1) {
        const at = new Date(Date.parse(start) + minute * 60_000 + 59_000);
        expect(formatDateTime(at, 'hr')).toBe(expected(at));
        expect(formatDateTime(new Date(at.getTime() - 59_000), 'hr')).toBe(expected(at));
      }
    }
    expect(formatDateTime(new Date('2026-03-29T00:59:00Z'), 'hr')).toBe('29. 3. 2026. 01:59');
    expect(formatDateTime(new Date('2026-03-29T01:00:00Z'), 'hr')).toBe('29. 3. 2026. 03:00');
    expect(formatDateTime(new Date('2026-10-24T22:00:00Z'), 'hr')).toBe('25. 10. 2026. 00:00');
  });
});

describe('redirect targets', () => {
  it('keep only paths on this site', () => {
    expect(safeNext('/dashboard')).toBe('/dashboard');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext(undefined, '/x')).toBe('/x');
  });
});
