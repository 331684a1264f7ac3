import { FIELD_NAMES, isOneOf, FIELDS } from '@tiendo/shared/domain';
import { useI18n } from '../../i18n/use-t';
import type { Locale } from '../../i18n/locale';

export interface Names {
  vi: string;
  en: string | null | undefined;
}

/** The name in the reader's language; an English name may be missing, then the Vietnamese one stays. */
export function localizedName(names: Names, locale: Locale): { text: string; lang: Locale } {
  if (locale === 'en' && names.en) return { text: names.en, lang: 'en' };
  return { text: names.vi, lang: 'vi' };
}

/** A name in the reader's language, marked with its language when it fell back to Vietnamese. */
export function Localized({ vi, en }: Names) {
  const { locale } = useI18n();
  const name = localizedName({ vi, en }, locale);
  return name.lang === locale ? <>{name.text}</> : <span lang={name.lang}>{name.text}</span>;
}

export function useLocalizedName(): (names: Names) => string {
  const { locale } = useI18n();
  return (names) => localizedName(names, locale).text;
}

export function fieldName(field: string, locale: Locale): string {
  return isOneOf(FIELDS, field) ? FIELD_NAMES[field][locale] : field;
}

export function useFieldName(): (field: string) => string {
  const { locale } = useI18n();
  return (field) => fieldName(field, locale);
}
