import type { Locale } from '../../domain/identity/locale.js';
import { MESSAGES, type MessageKey } from './messages.js';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, params) => {
    const template: string = table[key] ?? MESSAGES.hr[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/gu, (_, name: string) => String(params[name] ?? `{${name}}`)) : template;
  };
}

/** The message for a failure code, falling back to a generic one for codes without their own text. */
export function failureMessage(t: Translate, code: string, details: Readonly<Record<string, string | number>> = {}): string {
  const key = `failure.${code}` as MessageKey;
  return key in MESSAGES.hr ? t(key, details) : t('validation.invalid');
}
