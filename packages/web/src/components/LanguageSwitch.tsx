import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { UI_LOCALES, type UiLocale } from '@stipple/core';
import { useUiLocale } from '../i18n/use-ui-locale.js';

/** The language menu: each language is named in itself, so anyone can find their own. */
export function LanguageSwitch({
  compact = false,
  languages = UI_LOCALES,
}: {
  compact?: boolean;
  /** The languages to offer (a studio's public page offers its own). */
  languages?: readonly UiLocale[];
}) {
  const { t } = useTranslation();
  const [locale, setLocale] = useUiLocale();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={`${t('language.label')}: ${t(`language.${locale}`)}`}
          data-testid="language-switch"
          px={compact ? 'sm' : undefined}
        >
          {compact ? (locale === 'zh-CN' ? '中文' : 'EN') : t(`language.${locale}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => setLocale(l)}
            rightSection={l === locale ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={l === locale ? 'true' : undefined}
            data-testid={`language-option-${l}`}
          >
            {t(`language.${l}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
