import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconFileTypePdf } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Consultation } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { fileLinks } from '../api/stipple-api.js';
import { AssessmentForm } from '../components/consultation/AssessmentForm.js';
import { ELIGIBILITY_COLOURS } from '../components/consultation/PlanDocument.js';
import { PlanPanel } from '../components/consultation/PlanPanel.js';
import { formatIsoDate } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';

/** One consultation: the assessment, the plan (made, overridden, saved as versions) and the report. */
export function ConsultationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const api = useApi();
  const consultation = useQuery({ queryKey: ['consultation', id], queryFn: () => api.getConsultation(id) });
  if (consultation.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (consultation.isError) {
    const notFound = isApiRequestError(consultation.error) && consultation.error.status === 404;
    return (
      <Alert color={notFound ? 'yellow' : 'red'} role="alert">
        {notFound ? t('consultation.notFound') : describeError(consultation.error, t)}
      </Alert>
    );
  }
  return <ConsultationView consultation={consultation.data} />;
}

function ConsultationView({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'assessment';
  const staff = useQuery({ queryKey: ['staff'], queryFn: () => api.listArtists() });
  const changeArtist = useMutation({
    mutationFn: (artistId: string) =>
      api.updateConsultation(consultation.id, {
        artistId,
        assessment: consultation.assessment,
        version: consultation.version,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['consultation', saved.id], saved);
      notifications.show({
        color: 'teal',
        message: t('consultation.artistChanged', { name: saved.artist.name }),
      });
    },
  });
  const latest = consultation.latestPlan;

  return (
    <Stack gap="lg" data-testid="consultation-page">
      <div>
        <Button
          component={Link}
          to={`/clients/${consultation.clientId}?tab=consultations`}
          variant="subtle"
          leftSection={<IconArrowLeft size={18} aria-hidden />}
          px="xs"
        >
          {t('consultation.backToClient', { name: consultation.clientName })}
        </Button>
      </div>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="consultation-title">
            {t('consultation.title', { name: consultation.clientName })}
          </Title>
          <Group gap="xs">
            <Text c="dimmed">{formatIsoDate(consultation.consultationDate, locale)}</Text>
            {latest && (
              <Badge color={ELIGIBILITY_COLOURS[latest.eligibility]} variant="light">
                {t(`eligibility.${latest.eligibility}`)}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('consultation.artist')}
            data={(staff.data?.items ?? [{ id: consultation.artist.id, name: consultation.artist.name }]).map(
              (s) => ({
                value: s.id,
                label: s.name,
              }),
            )}
            value={consultation.artist.id}
            onChange={(v) => v && v !== consultation.artist.id && changeArtist.mutate(v)}
            allowDeselect={false}
            w={200}
            comboboxProps={{ withinPortal: true }}
            data-testid="consultation-artist"
          />
          <Button
            component="a"
            href={fileLinks.consultationReport(consultation.id)}
            download
            variant="light"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            data-testid="download-report"
          >
            {t('consultation.report')}
          </Button>
        </Group>
      </Group>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'assessment' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="assessment" data-testid="tab-assessment">
            {t('consultation.tabs.assessment')}
          </Tabs.Tab>
          <Tabs.Tab value="plan" data-testid="tab-plan">
            {t('consultation.tabs.plan')}
            {latest?.stale ? ' •' : ''}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment" pt="md">
          <AssessmentForm
            key={consultation.id}
            consultation={consultation}
            onSaved={(saved) => queryClient.setQueryData(['consultation', saved.id], saved)}
            onOpenPlan={() => {
              setParams({ tab: 'plan' }, { replace: true });
              window.scrollTo({ top: 0 });
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <PlanPanel consultation={consultation} />
        </Tabs.Panel>
      </Tabs>
      <Text size="xs" c="dimmed">
        {t('consultation.photosHint')}{' '}
        <Anchor component={Link} to={`/clients/${consultation.clientId}?tab=photos`}>
          {t('consultation.openPhotos')}
        </Anchor>
      </Text>
    </Stack>
  );
}
