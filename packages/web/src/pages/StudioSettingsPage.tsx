import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { StudioProfile, type StudioSettings } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { changedFields, profileOf } from '../forms/studio-form.js';
import { scrollToFirstError } from '../components/scroll-to-first-error.js';
import { LogoUpload, studioKey } from '../components/studio/LogoUpload.js';
import {
  BookingPolicyFields,
  StudioContactFields,
  StudioLocaleFields,
} from '../components/studio/StudioFields.js';
import { StudioPageFields } from '../components/studio/StudioPageFields.js';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} data-testid={testId}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** `/studio`: the owner edits everything the setup asked for, and the public page. */
export function StudioSettingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const studio = useQuery({ queryKey: studioKey, queryFn: () => api.getStudio() });
  if (studio.isPending) return <Loader aria-label={t('common.loading')} />;
  if (studio.isError)
    return (
      <Alert color="red" role="alert">
        {describeError(studio.error, t)}
      </Alert>
    );
  return <SettingsForm studio={studio.data} />;
}

function SettingsForm({ studio }: { studio: StudioSettings }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const root = useRef<HTMLDivElement>(null);
  const form = useForm<StudioProfile>({
    initialValues: profileOf(studio),
    // Numbers as typed (a text, out of range) reach the shared schema, which names them.
    validate: validateWithSchema(StudioProfile, (v: StudioProfile) => v, t, ['policy.depositAmountMinor']),
  });
  // The logo changes the version; the form keeps the owner's edits and the new version.
  useEffect(() => {
    if (!form.isDirty()) form.setInitialValues(profileOf(studio));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [studio.version]);

  const save = useMutation({
    mutationFn: (values: StudioProfile) =>
      api.updateStudio({ ...changedFields(profileOf(studio), values), version: studio.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(studioKey, saved);
      form.setInitialValues(profileOf(saved));
      form.resetDirty(profileOf(saved));
      notifications.show({ color: 'green', message: t('studio.saved') });
    },
    onError: (err) => {
      form.setErrors(serverFieldErrors(err, t));
      scrollToFirstError(root.current);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.validate().hasErrors) scrollToFirstError(root.current);
    else save.mutate(form.getValues());
  };
  const stale = isApiRequestError(save.error) && save.error.status === 409 && save.error.code === 'conflict';
  const values = form.getValues();

  return (
    <Stack gap="lg" maw={880} ref={root} data-testid="studio-settings">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('studio.title')}
        </Title>
        <Text c="dimmed">{t('studio.intro_')}</Text>
      </Stack>
      <form noValidate onSubmit={submit}>
        <Stack gap="lg">
          <Section title={t('studio.sectionContact')}>
            <StudioContactFields form={form} />
          </Section>
          <Section title={t('studio.sectionLogo')}>
            <LogoUpload studio={studio} />
          </Section>
          <Section title={t('studio.sectionLocale')}>
            <StudioLocaleFields form={form} />
          </Section>
          <Section title={t('studio.sectionBooking')}>
            <BookingPolicyFields form={form} languages={values.languages} />
          </Section>
          <Section title={t('studio.sectionPage')}>
            <StudioPageFields form={form} />
            <Text size="sm">
              <Anchor href={`/s/${studio.slug}`} target="_blank" data-testid="public-page-link">
                {t('studio.openPublicPage')}
              </Anchor>
            </Text>
          </Section>
          {save.isError && !Object.keys(serverFieldErrors(save.error, t)).length && (
            <Alert color="red" role="alert">
              {stale ? t('studio.stale') : describeError(save.error, t)}
            </Alert>
          )}
          <Group
            justify="flex-end"
            pos="sticky"
            bottom={0}
            py="sm"
            bg="var(--mantine-color-body)"
            // Above the units and chevrons of the fields it slides over (they are positioned).
            style={{ zIndex: 5 }}
          >
            <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.isDirty()}
              data-testid="studio-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
