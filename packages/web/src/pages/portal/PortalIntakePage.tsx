import { useRef, useState } from 'react';
import { Alert, Button, Card, Center, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SubmitIntakeRequest, type Screening } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { errorsAfterEdit } from '../../forms/field-errors.js';
import { issuesToFieldErrors, serverFieldErrors, type FieldErrors } from '../../forms/schema-form.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { ClientScreening, unanswered } from '../../components/portal/ClientScreening.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';
import { scrollToFirstError } from '../../components/scroll-to-first-error.js';

/** `/portal/intake/:appointmentId`: the health questions before a visit, answered at home. */
export function PortalIntakePage() {
  return <PortalFrame>{() => <IntakeForm />}</PortalFrame>;
}

function IntakeForm() {
  const { t } = useTranslation();
  const { appointmentId = '' } = useParams();
  const api = useApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const intake = useQuery({
    queryKey: ['portal', 'intake', appointmentId],
    queryFn: () => api.portalIntake(appointmentId),
  });
  if (intake.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (intake.isError)
    return (
      <Alert color="red" role="alert">
        {describeError(intake.error, t)}
      </Alert>
    );
  const { appointment, intake: latest } = intake.data;
  return (
    <Stack gap="md" data-testid="portal-intake">
      <Stack gap={4}>
        <Title order={1} size="h3">
          {t('intake.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('intake.appointment', { date: formatDateTime(appointment.startsAt, locale) })}
        </Text>
      </Stack>
      <Text size="sm">{t('intake.intro')}</Text>
      {latest?.status === 'accepted' && (
        <Alert color="teal" data-testid="intake-accepted">
          {t('intake.accepted', { date: formatDateTime(latest.reviewedAt ?? latest.submittedAt, locale) })}
        </Alert>
      )}
      {latest?.status === 'submitted' && (
        <Alert color="blue" data-testid="intake-waiting">
          {t('intake.waiting', { date: formatDateTime(latest.submittedAt, locale) })}
        </Alert>
      )}
      <Answers
        key={appointmentId}
        appointmentId={appointmentId}
        initial={latest?.screening ?? {}}
        initialNotes={latest?.notes ?? ''}
        again={latest !== null}
        onSent={() => queryClient.invalidateQueries({ queryKey: ['portal'] })}
      />
    </Stack>
  );
}

function Answers({
  appointmentId,
  initial,
  initialNotes,
  again,
  onSent,
}: {
  appointmentId: string;
  initial: Screening;
  initialNotes: string;
  again: boolean;
  onSent: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [screening, setScreening] = useState<Screening>(initial);
  const [notes, setNotes] = useState(initialNotes);
  const [errors, setErrors] = useState<FieldErrors>({});
  const root = useRef<HTMLDivElement>(null);
  const send = useMutation({
    mutationFn: () => api.submitIntake(appointmentId, { screening, notes }),
    onSuccess: () => {
      window.scrollTo({ top: 0 });
      return onSent();
    },
    onError: (err) => setErrors(serverFieldErrors(err, t)),
  });
  // Checked by the shared rules first: a date that does not exist is refused beside its field.
  const submit = () => {
    const checked = SubmitIntakeRequest.safeParse({ screening, notes }, { reportInput: true });
    if (!checked.success) {
      setErrors(issuesToFieldErrors(checked.error.issues, t));
      scrollToFirstError(root.current);
      return;
    }
    setErrors({});
    send.mutate();
  };
  // A field's error goes as soon as its answer changes; the others stay until the next send.
  const changeScreening = (next: Screening) => {
    setErrors((errs) => errorsAfterEdit(errs, { screening }, { screening: next }));
    setScreening(next);
  };
  const left = unanswered(screening);
  return (
    <Stack gap="md" ref={root}>
      {send.isSuccess && (
        <Alert color="teal" role="status" data-testid="intake-sent">
          {t('intake.sent')}
        </Alert>
      )}
      <ClientScreening screening={screening} onChange={changeScreening} errors={errors} />
      <Card withBorder radius="md" p="sm">
        <Textarea
          label={t('intake.notes')}
          description={t('intake.notesHint')}
          autosize
          minRows={3}
          maxLength={4000}
          value={notes}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setErrors((errs) => errorsAfterEdit(errs, { notes }, { notes: next }));
            setNotes(next);
          }}
          error={errors.notes}
          data-testid="intake-notes"
        />
      </Card>
      {left > 0 && (
        <Text size="sm" c="dimmed">
          {t('intake.unanswered', { count: left })}
        </Text>
      )}
      {send.isError && (
        <Alert color="red" role="alert">
          {describeError(send.error, t)}
        </Alert>
      )}
      <Button size="lg" loading={send.isPending} onClick={submit} data-testid="intake-submit">
        {again ? t('intake.resubmit') : t('intake.submit')}
      </Button>
      <Button component={Link} to="/portal" variant="subtle">
        {t('portal.backHome')}
      </Button>
    </Stack>
  );
}
