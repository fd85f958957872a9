import { Input, ActionIcon, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StudioProfile } from '@stipple/core';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { NumberField } from '../fields/NumberField.js';
import { numberProps } from './StudioFields.js';

type StudioForm = UseFormReturnType<StudioProfile>;

/** The public page: its address, what a consultation involves, and the consultation types. */
export function StudioPageFields({ form }: { form: StudioForm }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const values = form.getValues();
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <Stack gap="md">
      <TextInput
        label={t('studio.slug')}
        description={t('studio.slugHint', { url: `${origin}/s/${values.slug}` })}
        leftSection={
          <Text size="sm" c="dimmed">
            /s/
          </Text>
        }
        leftSectionWidth={36}
        data-testid="studio-slug"
        {...form.getInputProps('slug')}
      />
      {values.languages.map((l) => (
        <Textarea
          key={l}
          lang={l}
          label={t('studio.intro', { language: t(`language.${l}`) })}
          description={t('studio.introHint')}
          autosize
          minRows={3}
          {...form.getInputProps(`intro.${l}`)}
        />
      ))}
      <Stack gap="xs">
        <Input.Label>{t('studio.types')}</Input.Label>
        {values.consultationTypes.map((type, i) => (
          <Paper key={i} withBorder p="sm" radius="md" data-testid="consultation-type">
            <Group align="flex-end" wrap="wrap" gap="sm">
              <TextInput
                label={t('studio.typeNameEn')}
                lang="en"
                style={{ flex: '1 1 12rem' }}
                {...form.getInputProps(`consultationTypes.${i}.name.en`)}
              />
              <TextInput
                label={t('studio.typeNameZh')}
                lang="zh-CN"
                style={{ flex: '1 1 12rem' }}
                {...form.getInputProps(`consultationTypes.${i}.name.zh-CN`)}
              />
              <NumberField
                label={t('studio.typeMinutes')}
                w={130}
                {...numberProps(form, `consultationTypes.${i}.minutes`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size={44}
                disabled={values.consultationTypes.length <= 1}
                aria-label={t('studio.removeType', { name: type.name[locale] || type.name.en })}
                onClick={() => form.removeListItem('consultationTypes', i)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        {form.errors.consultationTypes && (
          <Text size="sm" c="red">
            {form.errors.consultationTypes}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={values.consultationTypes.length >= 10}
            onClick={() =>
              form.insertListItem('consultationTypes', {
                key: nextTypeKey(values.consultationTypes.map((c) => c.key)),
                name: { en: '', 'zh-CN': '' },
                minutes: values.consultationMinutes,
              })
            }
          >
            {t('studio.addType')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

function nextTypeKey(taken: string[]): string {
  for (let i = 2; ; i++) if (!taken.includes(`type-${i}`)) return `type-${i}`;
}
