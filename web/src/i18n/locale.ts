import { en } from './messages/en';
import { vi, type MessageKey } from './messages/vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** Each language named in itself, as language pickers should. */
export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English' };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'tiendo.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (privacy settings); the default language then applies.
  }
  return DEFAULT_LOCALE;
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but the page still switches language.
  }
}

/** The `{placeholder}` names in a message. */
type ParamsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

/** `t('home.greeting', { name })`: the values a message needs are required, others refused. */
export type TranslateArgs<K extends MessageKey> = [ParamsOf<(typeof vi)[K]>] extends [never]
  ? []
  : [params: Record<ParamsOf<(typeof vi)[K]>, string | number>];

/** Keys of messages without placeholders: the ones a lookup table (status → message) may hold. */
export type PlainMessageKey = {
  [K in MessageKey]: [ParamsOf<(typeof vi)[K]>] extends [never] ? K : never;
}[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/**
 * `{count, plural, one {# target} other {# targets}}` (the ICU form, without nesting): the branch
 * the language's plural rules pick for the number, with `#` replaced by the value as given. The
 * value may come formatted ("1,234"); its digits are the number. Vietnamese needs no plurals.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_BRANCH = /(=\d+|\w+)\s*\{([^{}]*)\}/g;

function choosePlural(branches: string, value: string | number, rules: Intl.PluralRules): string {
  const forms = new Map(Array.from(branches.matchAll(PLURAL_BRANCH), (m) => [m[1]!, m[2]!] as const));
  const n = typeof value === 'number' ? value : Number(String(value).replace(/[^\d]/g, ''));
  const form = forms.get(`=${n}`) ?? forms.get(rules.select(n)) ?? forms.get('other') ?? '';
  return form.replace(/#/g, String(value));
}

export function createTranslate(locale: Locale): Translate {
  const dictionary = dictionaries[locale];
  const rules = new Intl.PluralRules(locale);
  return (key, ...args) => {
    const message = dictionary[key];
    const params: Record<string, string | number> | undefined = args[0];
    if (!params) return message;
    return message
      .replace(PLURAL, (match, name: string, branches: string) => (params[name] === undefined ? match : choosePlural(branches, params[name], rules)))
      .replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
  };
}
