import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Collapse, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { JoinWaitlistRequest, type PublicStudio } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { DateField } from '../fields/DateField.js';
import { serverFieldErrors, validateWithSchema } from '../../forms/schema-form.js';
import { todayIso } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

interface Values {
  /** YYYY-MM-DD, or the text typed when it is not a real date (the schema refuses it). */
  fromDate: string | undefined;
  untilDate: string | undefined;
  givenName: string;
  familyName: string;
  email: string;
  privacyAccepted: boolean;
  website: string;
}

/** No time suits: leave the days you could come, and hear of freed times by email. */
export function WaitlistForm({ studio, type }: { studio: PublicStudio; type: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const toRequest = (v: Values) => ({ ...v, type, locale, privacyAccepted: v.privacyAccepted });
  const form = useForm<Values>({
    initialValues: {
      fromDate: todayIso(),
      untilDate: todayIso(),
      givenName: '',
      familyName: '',
      email: '',
      privacyAccepted: false,
      website: '',
    },
    validate: validateWithSchema(JoinWaitlistRequest, toRequest, t),
  });
  const join = useMutation({
    mutationFn: (v: Values) =>
      api.joinWaitlist(studio.slug, toRequest(v) as Parameters<typeof api.joinWaitlist>[1]),
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {t('public.waitlistTitle')}
        </Title>
        {!open && (
          <Button variant="light" onClick={() => setOpen(true)} data-testid="waitlist-open">
            {t('public.waitlistOpen')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('public.waitlistIntro')}
      </Text>
      <Collapse expanded={open}>
        {join.isSuccess ? (
          <Alert color="teal">{t('public.waitlistDone')}</Alert>
        ) : (
          <form noValidate onSubmit={form.onSubmit((v) => join.mutate(v))}>
            <Stack gap="sm">
              <Group grow align="flex-start">
                {/* A day that does not exist stays as typed; the shared schema refuses it beside the field. */}
                <DateField
                  label={t('public.waitFrom')}
                  minDate={todayIso()}
                  value={form.getValues().fromDate}
                  onChange={(v) => form.setFieldValue('fromDate', v)}
                  error={form.errors.fromDate}
                  data-testid="waitlist-from"
                />
                <DateField
                  label={t('public.waitUntil')}
                  minDate={todayIso()}
                  value={form.getValues().untilDate}
                  onChange={(v) => form.setFieldValue('untilDate', v)}
                  error={form.errors.untilDate}
                  data-testid="waitlist-until"
                />
              </Group>
              <Group grow align="flex-start">
                <TextInput
                  label={t('public.givenName')}
                  autoComplete="given-name"
                  {...form.getInputProps('givenName')}
                />
                <TextInput
                  label={t('public.familyName')}
                  autoComplete="family-name"
                  withAsterisk
                  {...form.getInputProps('familyName')}
                />
              </Group>
              <TextInput
                label={t('public.email')}
                type="email"
                autoComplete="email"
                withAsterisk
                {...form.getInputProps('email')}
              />
              <Box
                aria-hidden
                style={{ position: 'absolute', left: -10_000, width: 1, height: 1, overflow: 'hidden' }}
              >
                <label>
                  Website
                  <input tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
                </label>
              </Box>
              <Checkbox
                label={t('public.privacy')}
                {...form.getInputProps('privacyAccepted', { type: 'checkbox' })}
              />
              {join.isError && !Object.keys(serverFieldErrors(join.error, t)).length && (
                <Alert color="red" role="alert">
                  {describeError(join.error, t)}
                </Alert>
              )}
              <Button type="submit" loading={join.isPending}>
                {t('public.waitlistJoin')}
              </Button>
            </Stack>
          </form>
        )}
      </Collapse>
    </Stack>
  );
}
