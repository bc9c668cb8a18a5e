// The display context every screen reads: language, dictionary, digits/currency and formatters.
import { createContext, useContext } from 'react';
import { dicts, type Dict, type Lang } from './i18n';
import { makeFmt, type Fmt } from './lib/format';
import type { Currency, Digits, Prefs } from './lib/prefs';

export interface LangCtx {
  lang: Lang;
  t: Dict;
  toggle: () => void;
  prefs: Prefs;
  fmt: Fmt;
  setLang: (l: Lang) => void;
  setDigits: (d: Digits) => void;
  setCurrency: (c: Currency) => void;
}

const defaultPrefs: Prefs = { lang: 'fa', digits: 'fa', currency: 'toman' };

export const LangContext = createContext<LangCtx>({
  lang: 'fa',
  t: dicts.fa,
  toggle: () => {},
  prefs: defaultPrefs,
  fmt: makeFmt(defaultPrefs),
  setLang: () => {},
  setDigits: () => {},
  setCurrency: () => {},
});

export const useLang = () => useContext(LangContext);
