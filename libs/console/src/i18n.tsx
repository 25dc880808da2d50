import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { DICTIONARY, LANGUAGES, type Dictionary, type Language } from '../../contracts/src/domain/labels.js';

/** The one dictionary (libs/contracts/src/domain/labels.ts): Bahasa Indonesia by default, English on request. */
interface I18n {
  lang: Language;
  dict: Dictionary;
  /** A console word with its {placeholders} filled in. */
  t: (key: keyof Dictionary['console'], values?: Record<string, string | number>) => string;
  setLang: (lang: Language) => void;
}

const Context = createContext<I18n | null>(null);
const STORED = 'rujukan.console.lang';

export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** The node a console is served by. */
export type ConsoleRole = keyof Dictionary['consoleTitle'];

export function I18nProvider({ role, children }: { role: ConsoleRole; children: ReactNode }) {
  const stored = localStorage.getItem(STORED);
  const [lang, setLang] = useState<Language>((LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'id');
  const dict = DICTIONARY[lang];
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = dict.consoleTitle[role];
    document.body.dataset.lang = lang;
    localStorage.setItem(STORED, lang);
  }, [lang, dict, role]);
  const t: I18n['t'] = (key, values) => fill(dict.console[key], values);
  return <Context.Provider value={{ lang, dict, t, setLang }}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(Context);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** Dates and times as the page's language writes them, in WIB unless the browser says otherwise. */
export function useDates() {
  const { lang } = useI18n();
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  return {
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—',
  };
}

export { LANGUAGES };
export type { Language, Dictionary };
