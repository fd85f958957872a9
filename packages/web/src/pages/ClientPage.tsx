import { useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowLeft, IconEdit, IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useIsClinical } from '../api/session.js';
import { AftercareTab } from '../components/client/AftercareTab.js';
import { ConsentsTab } from '../components/client/ConsentsTab.js';
import { ConsultationsTab } from '../components/client/ConsultationsTab.js';
import { OutcomesTab } from '../components/client/OutcomesTab.js';
import { PhotosTab } from '../components/client/PhotosTab.js';
import { SessionsTab } from '../components/client/SessionsTab.js';
import { type Client } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import {
  ageOn,
  formatDateTime,
  formatIsoDate,
  formatPersonName,
  languageName,
  todayIso,
} from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { ClientEditForm } from '../components/client/ClientEditForm.js';
import { Field, Section, touchLink } from '../components/client/ClientDetailParts.js';

export function ClientPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const api = useApi();
  const client = useQuery({ queryKey: ['client', id], queryFn: () => api.getClient(id) });

  const back = (
    <Button
      component={Link}
      to="/clients"
      variant="subtle"
      leftSection={<IconArrowLeft size={18} aria-hidden />}
      px="xs"
    >
      {t('client.backToList')}
    </Button>
  );

  if (client.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (client.isError) {
    const notFound = isApiRequestError(client.error) && client.error.status === 404;
    return (
      <Stack align="flex-start">
        {back}
        <Alert color={notFound ? 'yellow' : 'red'} role="alert" w="100%">
          {notFound ? t('client.notFound') : `${t('client.loadFailed')} ${describeError(client.error, t)}`}
        </Alert>
      </Stack>
    );
  }
  // Keyed by id so that moving to another client starts from a fresh view.
  return <ClientRecord key={client.data.id} client={client.data} back={back} />;
}

function ClientRecord({ client, back }: { client: Client; back: ReactNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const api = useApi();
  const queryClient = useQueryClient();
  const name = formatPersonName(client);

  const stored = (updated: Client) => {
    queryClient.setQueryData(['client', updated.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['clients'] });
  };

  const toggleArchive = useMutation({
    mutationFn: () => (client.archivedAt ? api.restoreClient(client.id) : api.archiveClient(client.id)),
    onSuccess: (updated) => {
      stored(updated);
      setConfirming(false);
      notifications.show({
        color: 'teal',
        message: t(updated.archivedAt ? 'client.archivedDone' : 'client.restoredDone', { name }),
      });
    },
  });

  const age = client.dateOfBirth ? ageOn(client.dateOfBirth, todayIso()) : null;
  const clinical = useIsClinical();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') ?? 'details';
  const tab =
    (requested === 'photos' || requested === 'consultations' || requested === 'outcomes') && !clinical
      ? 'details'
      : requested;

  return (
    <Stack gap="lg" data-testid="client-page">
      <div>{back}</div>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm">
            <Title order={2} data-testid="client-name" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            {client.archivedAt && (
              <Badge color="gray" variant="light" size="lg">
                {t('clients.archived')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {t('client.updated', { when: formatDateTime(client.updatedAt, locale) })}
          </Text>
        </Stack>
        {!editing && (
          <Group gap="sm">
            <Button
              leftSection={<IconEdit size={18} aria-hidden />}
              onClick={() => setEditing(true)}
              data-testid="edit-client"
            >
              {t('common.edit')}
            </Button>
            <Button
              variant="default"
              leftSection={
                client.archivedAt ? (
                  <IconRestore size={18} aria-hidden />
                ) : (
                  <IconArchive size={18} aria-hidden />
                )
              }
              onClick={() => {
                toggleArchive.reset();
                setConfirming(true);
              }}
              data-testid={client.archivedAt ? 'restore-client' : 'archive-client'}
            >
              {client.archivedAt ? t('client.restore') : t('client.archive')}
            </Button>
          </Group>
        )}
      </Group>

      {client.archivedAt && (
        <Alert color="gray" data-testid="archived-notice">
          {t('client.archivedNotice')}{' '}
          {t('client.archivedOn', { when: formatDateTime(client.archivedAt, locale) })}
        </Alert>
      )}

      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'details' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="details" data-testid="tab-details">
            {t('client.tabs.details')}
          </Tabs.Tab>
          {clinical && (
            <Tabs.Tab value="consultations" data-testid="tab-consultations">
              {t('client.tabs.consultations')}
            </Tabs.Tab>
          )}
          {clinical && (
            <Tabs.Tab value="photos" data-testid="tab-photos">
              {t('client.tabs.photos')}
            </Tabs.Tab>
          )}
          {clinical && (
            <Tabs.Tab value="outcomes" data-testid="tab-outcomes">
              {t('client.tabs.outcomes')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="sessions" data-testid="tab-sessions">
            {t('client.tabs.sessions')}
          </Tabs.Tab>
          <Tabs.Tab value="consents" data-testid="tab-consents">
            {t('client.tabs.consents')}
          </Tabs.Tab>
          <Tabs.Tab value="aftercare" data-testid="tab-aftercare">
            {t('client.tabs.aftercare')}
          </Tabs.Tab>
        </Tabs.List>
        {clinical && (
          <Tabs.Panel value="consultations" pt="md">
            <ConsultationsTab client={client} />
          </Tabs.Panel>
        )}
        {clinical && (
          <Tabs.Panel value="photos" pt="md">
            <PhotosTab clientId={client.id} />
          </Tabs.Panel>
        )}
        {clinical && (
          <Tabs.Panel value="outcomes" pt="md">
            <OutcomesTab clientId={client.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="sessions" pt="md">
          <SessionsTab clientId={client.id} clientName={name} />
        </Tabs.Panel>
        <Tabs.Panel value="consents" pt="md">
          <ConsentsTab clientId={client.id} clientName={name} language={client.preferredLanguage} />
        </Tabs.Panel>
        <Tabs.Panel value="aftercare" pt="md">
          {clinical ? (
            <AftercareTab clientId={client.id} />
          ) : (
            <Text c="dimmed">{t('aftercare.clinicalOnly')}</Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          {editing ? (
            <ClientEditForm client={client} onDone={() => setEditing(false)} onSaved={stored} />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Section title={t('client.details')}>
                <Field label={t('client.dateOfBirth')} testId="view-date-of-birth">
                  {client.dateOfBirth
                    ? `${formatIsoDate(client.dateOfBirth, locale)}${age !== null ? ` · ${t('client.age', { age })}` : ''}`
                    : null}
                </Field>
                <Field label={t('client.preferredLanguage')}>
                  {`${languageName(client.preferredLanguage, locale)} (${client.preferredLanguage})`}
                </Field>
              </Section>
              <Section title={t('client.contact')}>
                <Field label={t('client.phone')} testId="view-phone">
                  {client.phone ? (
                    <Anchor href={`tel:${client.phone.replace(/[^\d+]/g, '')}`} style={touchLink}>
                      {client.phone}
                    </Anchor>
                  ) : null}
                </Field>
                <Field label={t('client.email')} testId="view-email">
                  {client.email ? (
                    <Anchor
                      href={`mailto:${client.email}`}
                      style={{ ...touchLink, overflowWrap: 'anywhere' }}
                    >
                      {client.email}
                    </Anchor>
                  ) : null}
                </Field>
              </Section>
              <Paper withBorder radius="md" p="md" style={{ gridColumn: '1 / -1' }}>
                {client.notes !== null && (
                  <>
                    <Text fw={600} mb="xs">
                      {t('client.notes')}
                    </Text>
                    <Text
                      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                      c={client.notes ? undefined : 'dimmed'}
                      data-testid="view-notes"
                    >
                      {client.notes || t('common.notSet')}
                    </Text>
                  </>
                )}
                <Text c="dimmed" size="xs" mt="md">
                  {t('client.created', { when: formatDateTime(client.createdAt, locale) })}
                </Text>
              </Paper>
            </SimpleGrid>
          )}
        </Tabs.Panel>
      </Tabs>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={client.archivedAt ? t('client.restoreTitle') : t('client.archiveTitle')}
        size="md"
      >
        <Stack gap="lg">
          <Text>{t(client.archivedAt ? 'client.restoreBody' : 'client.archiveBody', { name })}</Text>
          {toggleArchive.isError && (
            <Alert color="red" role="alert">
              {describeError(toggleArchive.error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={client.archivedAt ? undefined : 'red'}
              loading={toggleArchive.isPending}
              onClick={() => toggleArchive.mutate()}
              data-testid="confirm-archive"
            >
              {client.archivedAt ? t('client.restore') : t('client.archive')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
