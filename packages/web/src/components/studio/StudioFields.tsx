import { useState } from 'react';
import {
  Input,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { UI_LOCALES, type StudioProfile } from '@stipple/core';
import { CURRENCIES, minorOfTyped, timeZoneOptions } from '../../forms/studio-form.js';
import { NumberField } from '../fields/NumberField.js';

type StudioForm = UseFormReturnType<StudioProfile>;

/** Name, address and how clients reach the studio. */
export function StudioContactFields({ form }: { form: StudioForm }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <TextInput
        label={t('studio.name')}
        withAsterisk
        data-testid="studio-name-input"
        {...form.getInputProps('name')}
      />
      <Textarea
        label={t('studio.address')}
        description={t('studio.addressHint')}
        withAsterisk
        autosize
        minRows={2}
        data-testid="studio-address"
        {...form.getInputProps('address')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('studio.phone')}
          type="tel"
          inputMode="tel"
          withAsterisk
          data-testid="studio-phone"
          {...form.getInputProps('phone')}
        />
        <TextInput
          label={t('studio.email')}
          type="email"
          inputMode="email"
          autoCapitalize="none"
          withAsterisk
          data-testid="studio-email"
          {...form.getInputProps('email')}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Time zone, the languages clients are served in, and the currency of deposits. */
export function StudioLocaleFields({ form }: { form: StudioForm }) {
  const { t } = useTranslation();
  const zone = form.getValues().timeZone;
  return (
    <Stack gap="md">
      <Select
        label={t('studio.timeZone')}
        description={t('studio.timeZoneHint')}
        data={timeZoneOptions(zone)}
        searchable
        allowDeselect={false}
        withAsterisk
        data-testid="studio-time-zone"
        {...form.getInputProps('timeZone')}
      />
      <Checkbox.Group
        label={t('studio.languages')}
        description={t('studio.languagesHint')}
        withAsterisk
        {...form.getInputProps('languages')}
      >
        <Group mt="xs">
          {UI_LOCALES.map((l) => (
            <Checkbox
              key={l}
              value={l}
              label={t(`language.${l}`)}
              lang={l}
              data-testid={`studio-language-${l}`}
            />
          ))}
        </Group>
      </Checkbox.Group>
      <Select
        label={t('studio.currency')}
        data={[...new Set([form.getValues().currency, ...CURRENCIES])]}
        searchable
        allowDeselect={false}
        withAsterisk
        {...form.getInputProps('currency')}
      />
    </Stack>
  );
}

/** The form's props for a NumberField: what is typed goes into the form as it is, for its check to name. */
export function numberProps(form: StudioForm, path: Parameters<StudioForm['getInputProps']>[0]) {
  const props = form.getInputProps(path);
  return { ...props, value: props.value as number | string | undefined };
}

/** The unit after a number field's text ("min", "h", "days"), outside what is typed. */
const unit = (text: string) => ({
  rightSection: (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  ),
  rightSectionWidth: 56,
  rightSectionPointerEvents: 'none' as const,
});

/**
 * How long a consultation takes and the rules of booking online. The numbers stay as typed: the
 * form's check (the shared StudioProfile schema) says beside a field what is wrong with it.
 */
export function BookingPolicyFields({ form, languages }: { form: StudioForm; languages: readonly string[] }) {
  const { t } = useTranslation();
  const policy = form.getValues().policy;
  // The deposit as typed in pounds; the form holds pence. A reset shows the form's own again.
  const [deposit, setDeposit] = useState<number | string | undefined>();
  const depositMinor: unknown = policy.depositAmountMinor;
  return (
    <Stack gap="md">
      <NumberField
        label={t('studio.consultationMinutes')}
        description={t('studio.consultationMinutesHint')}
        {...unit(t('studio.minutes'))}
        data-testid="studio-consultation-minutes"
        {...numberProps(form, 'consultationMinutes')}
      />
      <Switch
        label={t('studio.publicBooking')}
        description={t('studio.publicBookingHint')}
        data-testid="studio-public-booking"
        {...form.getInputProps('policy.publicBooking', { type: 'checkbox' })}
      />
      <Stack gap={4}>
        <Input.Label>{t('studio.confirmation')}</Input.Label>
        <SegmentedControl
          data={[
            { value: 'manual', label: t('studio.confirmManual') },
            { value: 'auto', label: t('studio.confirmAuto') },
          ]}
          data-testid="studio-confirmation"
          {...form.getInputProps('policy.confirmation')}
        />
        <Text size="xs" c="dimmed">
          {t(policy.confirmation === 'auto' ? 'studio.confirmAutoHint' : 'studio.confirmManualHint')}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberField
          label={t('studio.minNotice')}
          description={t('studio.minNoticeHint')}
          {...unit(t('studio.hours'))}
          data-testid="studio-min-notice"
          {...numberProps(form, 'policy.minNoticeHours')}
        />
        <NumberField
          label={t('studio.cancellationNotice')}
          description={t('studio.cancellationNoticeHint')}
          {...unit(t('studio.hours'))}
          data-testid="studio-cancellation-notice"
          {...numberProps(form, 'policy.cancellationNoticeHours')}
        />
        <NumberField
          label={t('studio.buffer')}
          description={t('studio.bufferHint')}
          {...unit(t('studio.minutes'))}
          {...numberProps(form, 'policy.bufferMinutes')}
        />
        <NumberField
          label={t('studio.horizon')}
          description={t('studio.horizonHint')}
          {...unit(t('studio.days'))}
          {...numberProps(form, 'policy.bookingHorizonDays')}
        />
      </SimpleGrid>
      <Switch
        label={t('studio.depositRequired')}
        description={t('studio.depositRequiredHint')}
        data-testid="studio-deposit-required"
        {...form.getInputProps('policy.depositRequired', { type: 'checkbox' })}
      />
      {policy.depositRequired && (
        <NumberField
          label={t('studio.depositAmount', { currency: form.getValues().currency })}
          description={t('studio.depositAmountHint')}
          value={
            Object.is(minorOfTyped(deposit), depositMinor)
              ? deposit
              : typeof depositMinor === 'number'
                ? depositMinor / 100
                : undefined
          }
          onChange={(v) => {
            setDeposit(v);
            // Pence as typed, or the text: the form's check refuses what is not an amount.
            form.setFieldValue('policy.depositAmountMinor', minorOfTyped(v) as number | null);
          }}
          error={form.errors['policy.depositAmountMinor']}
          data-testid="studio-deposit-amount"
        />
      )}
      {languages.map((l) => (
        <Textarea
          key={l}
          lang={l}
          label={t('studio.depositRule', { language: t(`language.${l}`) })}
          description={t('studio.depositRuleHint')}
          autosize
          minRows={2}
          data-testid={`studio-deposit-rule-${l}`}
          {...form.getInputProps(`policy.depositRule.${l}`)}
        />
      ))}
    </Stack>
  );
}
