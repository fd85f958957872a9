import {
  Input,
  Checkbox,
  Group,
  NumberInput,
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
import { CURRENCIES, timeZoneOptions } from '../../forms/studio-form.js';

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

/** How long a consultation takes and the rules of booking online. */
export function BookingPolicyFields({ form, languages }: { form: StudioForm; languages: readonly string[] }) {
  const { t } = useTranslation();
  const policy = form.getValues().policy;
  return (
    <Stack gap="md">
      <NumberInput
        label={t('studio.consultationMinutes')}
        description={t('studio.consultationMinutesHint')}
        min={15}
        max={240}
        step={5}
        allowDecimal={false}
        suffix={` ${t('studio.minutes')}`}
        data-testid="studio-consultation-minutes"
        {...form.getInputProps('consultationMinutes')}
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
        <NumberInput
          label={t('studio.minNotice')}
          description={t('studio.minNoticeHint')}
          min={0}
          allowDecimal={false}
          suffix={` ${t('studio.hours')}`}
          data-testid="studio-min-notice"
          {...form.getInputProps('policy.minNoticeHours')}
        />
        <NumberInput
          label={t('studio.cancellationNotice')}
          description={t('studio.cancellationNoticeHint')}
          min={0}
          allowDecimal={false}
          suffix={` ${t('studio.hours')}`}
          data-testid="studio-cancellation-notice"
          {...form.getInputProps('policy.cancellationNoticeHours')}
        />
        <NumberInput
          label={t('studio.buffer')}
          description={t('studio.bufferHint')}
          min={0}
          allowDecimal={false}
          suffix={` ${t('studio.minutes')}`}
          {...form.getInputProps('policy.bufferMinutes')}
        />
        <NumberInput
          label={t('studio.horizon')}
          description={t('studio.horizonHint')}
          min={1}
          allowDecimal={false}
          suffix={` ${t('studio.days')}`}
          {...form.getInputProps('policy.bookingHorizonDays')}
        />
      </SimpleGrid>
      <Switch
        label={t('studio.depositRequired')}
        description={t('studio.depositRequiredHint')}
        data-testid="studio-deposit-required"
        {...form.getInputProps('policy.depositRequired', { type: 'checkbox' })}
      />
      {policy.depositRequired && (
        <NumberInput
          label={t('studio.depositAmount', { currency: form.getValues().currency })}
          description={t('studio.depositAmountHint')}
          min={0}
          decimalScale={2}
          fixedDecimalScale
          value={policy.depositAmountMinor === null ? '' : policy.depositAmountMinor / 100}
          onChange={(v) =>
            form.setFieldValue('policy.depositAmountMinor', v === '' ? null : Math.round(Number(v) * 100))
          }
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
