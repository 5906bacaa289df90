// The language switch: a labelled select, so it works with the keyboard and a screen reader; each
// language is named in itself.
import { isLocale, LOCALE_CODES, LOCALES, useI18n } from '../i18n/i18n.js'

export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n()
  return (
    <label class="locale-switch">
      <span class="visually-hidden">{t('shell.language')}</span>
      <select
        value={locale}
        onChange={(e) => {
          const next = e.currentTarget.value
          if (isLocale(next)) setLocale(next)
        }}
      >
        {LOCALE_CODES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALES[code].name}
          </option>
        ))}
      </select>
    </label>
  )
}
