import { createContext, useContext } from 'react';
import { dicts, type Dict, type Lang } from './i18n';

export interface LangCtx {
  lang: Lang;
  t: Dict;
  toggle: () => void;
}

export const LangContext = createContext<LangCtx>({ lang: 'fa', t: dicts.fa, toggle: () => {} });

export const useLang = () => useContext(LangContext);
