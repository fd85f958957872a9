import { useMemo } from 'react';
import { Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CLIENT_LANGUAGES, type ClientFormValues } from '../forms/client-form.js';
import { languageName } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DateField } from './fields/DateField.js';

/**
 * The fields of a client record, shared by "New client" and the client page's edit mode. The
 * clinical notes are only for owners and artists (`clinical`).
 */
export function ClientForm({
  form,
  clinical,
}: {
  form: UseFormReturnType<ClientFormValues>;
  clinical: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const current = form.getValues().preferredLanguage;

  const languageOptions = useMemo(() => {
    const tags: string[] = [...CLIENT_LANGUAGES];
    if (current && !tags.includes(current)) tags.unshift(current);
    return tags.map((tag) => ({ value: tag, label: `${languageName(tag, locale)} (${tag})` }));
  }, [current, locale]);

  // Chinese forms ask for the family name first, as the name is written.
  const familyFirst = locale === 'zh-CN';
  const given = (
    <TextInput
      label={t('client.givenName')}
      autoComplete="off"
      data-testid="client-given-name"
      {...form.getInputProps('givenName')}
    />
  );
  const family = (
    <TextInput
      label={t('client.familyName')}
      withAsterisk
      autoComplete="off"
      data-testid="client-family-name"
      {...form.getInputProps('familyName')}
    />
  );

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {familyFirst ? family : given}
        {familyFirst ? given : family}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <DateField
          label={t('client.dateOfBirth')}
          placeholder={t('client.dateOfBirthPlaceholder')}
          defaultLevel="decade"
          defaultDate={form.getValues().dateOfBirth ?? '1985-01-01'}
          clearable
          clearButtonProps={{
            'aria-label': t('client.clearDateOfBirth'),
          }}
          rightSectionWidth={44}
          leftSection={<IconCalendar size={18} aria-hidden />}
          size="md"
          data-testid="client-date-of-birth"
          popoverProps={{ withinPortal: true }}
          value={form.getValues().dateOfBirth}
          onChange={(v) => form.setFieldValue('dateOfBirth', v ?? null)}
          error={form.errors.dateOfBirth}
        />
        <Select
          label={t('client.preferredLanguage')}
          description={t('client.preferredLanguageHint')}
          data={languageOptions}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="client-preferred-language"
          {...form.getInputProps('preferredLanguage')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('client.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          data-testid="client-phone"
          {...form.getInputProps('phone')}
        />
        <TextInput
          label={t('client.email')}
          type="email"
          inputMode="email"
          autoCapitalize="none"
          autoCorrect="off"
          autoComplete="off"
          data-testid="client-email"
          {...form.getInputProps('email')}
        />
      </SimpleGrid>
      {clinical && (
        <Textarea
          label={t('client.notes')}
          placeholder={t('client.notesPlaceholder')}
          autosize
          minRows={3}
          maxRows={10}
          data-testid="client-notes"
          {...form.getInputProps('notes')}
        />
      )}
    </Stack>
  );
}
