import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, languages } from '../i18n';

/** Each language is named in itself, so a person can find theirs whatever is showing now. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      size="sm"
      label={t('language.label')}
      value={i18n.language}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (isLanguage(language)) void changeLanguage(language);
      }}
      styles={{
        root: { display: 'flex', alignItems: 'center', gap: 'var(--mantine-spacing-xs)', flexShrink: 0 },
        label: { fontWeight: 400 },
      }}
    >
      {languages.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`language.${language}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
