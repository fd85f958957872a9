import { useState } from 'react';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  OUTBOX_STATUSES,
  OutboxStatus,
  type AftercareStep,
  type AftercareTemplate,
  type ConsentKind,
  type UiLocale,
} from '@stipple/core';
import { galleryLinks } from '../api/outcome-endpoints.js';
import { BeforeAfterPair } from '../components/gallery/BeforeAfterPair.js';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { fileLinks } from '../api/stipple-api.js';
import { AftercareTemplateEditor } from '../components/AftercareTemplateEditor.js';
import { formatDateTime, formatIsoDate } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DataTable } from '../components/DataTable.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';
import { StickyActions } from '../components/StickyActions.js';

/** Consent templates, aftercare templates, the outbox of reminders (owner) and the photo gallery. */
export function ConsentAftercarePage() {
  const { t } = useTranslation();
  const role = useSignedInSession().user.role;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'consent';
  return (
    <Stack gap="lg">
      <Title order={2}>{t('consentPage.title')}</Title>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="consent" data-testid="tab-consent-templates">
            {t('consentPage.consentTemplates')}
          </Tabs.Tab>
          <Tabs.Tab value="aftercare" data-testid="tab-aftercare-templates">
            {t('consentPage.aftercareTemplates')}
          </Tabs.Tab>
          {role !== 'front_desk' && (
            <Tabs.Tab value="gallery" data-testid="tab-gallery">
              {t('consentPage.gallery')}
            </Tabs.Tab>
          )}
          {role === 'owner' && (
            <Tabs.Tab value="outbox" data-testid="tab-outbox">
              {t('consentPage.outbox')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="consent" pt="md">
          <ConsentTemplates owner={role === 'owner'} />
        </Tabs.Panel>
        <Tabs.Panel value="aftercare" pt="md">
          <AftercareTemplates owner={role === 'owner'} />
        </Tabs.Panel>
        <Tabs.Panel value="gallery" pt="md">
          <GalleryPanel />
        </Tabs.Panel>
        <Tabs.Panel value="outbox" pt="md">
          <OutboxPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ConsentTemplates({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['consent-templates'], queryFn: () => api.consentTemplates() });
  const [draft, setDraft] = useState<{
    kind: ConsentKind;
    language: UiLocale;
    title: string;
    body: string;
  } | null>(null);
  const publish = useMutation({
    mutationFn: () =>
      api.createConsentTemplate({ ...draft!, validityMonths: draft!.kind === 'treatment' ? 12 : null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['consent-templates'] });
      setDraft(null);
    },
  });
  const current = (templates.data?.items ?? []).filter((x) => x.current);
  const from = draft && current.find((x) => x.kind === draft.kind && x.language === draft.language);
  const unsaved = useUnsavedChanges(
    draft !== null && (!from || from.title !== draft.title || from.body !== draft.body),
  );
  const closeDraft = () => unsaved.confirmDiscard(() => setDraft(null));
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.templatesIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {current.map((tpl) => (
          <Paper key={tpl.id} withBorder radius="md" p="md" data-testid="consent-template">
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Badge variant="light">{t(`consentKinds.${tpl.kind}`)}</Badge>
                <Badge variant="outline" color="gray">
                  {t(`language.${tpl.language}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t('consentPage.version', {
                  version: tpl.version,
                  when: formatDateTime(tpl.createdAt, locale),
                })}
              </Text>
            </Group>
            <Text fw={600}>{tpl.title}</Text>
            <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
              {tpl.body}
            </Text>
            {owner && (
              <Button
                variant="subtle"
                mt="xs"
                onClick={() =>
                  setDraft({ kind: tpl.kind, language: tpl.language, title: tpl.title, body: tpl.body })
                }
              >
                {t('consentPage.newVersion')}
              </Button>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      <Modal opened={draft !== null} onClose={closeDraft} title={t('consentPage.newVersion')} size="xl">
        {draft && (
          <Stack>
            <TextInput
              label={t('consentPage.templateTitle')}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            />
            <Textarea
              label={t('consentPage.templateBody')}
              autosize
              minRows={8}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            <Text size="sm" c="dimmed">
              {t('consentPage.versionHint')}
            </Text>
            {publish.error && <Alert color="red">{describeError(publish.error, t)}</Alert>}
            <StickyActions dialog>
              <Group justify="flex-end">
                <Button variant="default" onClick={closeDraft}>
                  {t('common.cancel')}
                </Button>
                <Button loading={publish.isPending} onClick={() => publish.mutate()}>
                  {t('consentPage.publish')}
                </Button>
              </Group>
            </StickyActions>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function AftercareTemplates({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const templates = useQuery({ queryKey: ['aftercare-templates'], queryFn: () => api.aftercareTemplates() });
  const [editing, setEditing] = useState<AftercareTemplate | null>(null);
  const all = templates.data?.items ?? [];
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.aftercareIntro')}
      </Text>
      {templates.error && <Alert color="red">{describeError(templates.error, t)}</Alert>}
      {all
        .filter((x) => x.current)
        .map((tpl) => {
          const earlier = all
            .filter((x) => x.language === tpl.language && !x.current)
            .sort((a, b) => b.version - a.version);
          return (
            <Paper key={tpl.id} withBorder radius="md" p="md" data-testid="aftercare-template">
              <Group justify="space-between" mb="xs" gap="xs">
                <Group gap="xs">
                  <Text fw={600}>{tpl.name}</Text>
                  <Badge variant="outline" color="gray">
                    {t(`language.${tpl.language}`)}
                  </Badge>
                  <Text size="xs" c="dimmed" data-testid="aftercare-version">
                    {t('consentPage.version', {
                      version: tpl.version,
                      when: formatDateTime(tpl.createdAt, locale),
                    })}
                  </Text>
                </Group>
                {owner && (
                  <Button variant="light" onClick={() => setEditing(tpl)} data-testid="aftercare-new-version">
                    {t('consentPage.newVersion')}
                  </Button>
                )}
              </Group>
              <AftercareStepsTable steps={tpl.steps} />
              {earlier.length > 0 && (
                <Accordion variant="separated" mt="md" data-testid="aftercare-earlier">
                  {earlier.map((old) => (
                    <Accordion.Item key={old.id} value={old.id} data-testid="aftercare-earlier-version">
                      <Accordion.Control>
                        {t('aftercareEditor.earlierVersion', {
                          version: old.version,
                          when: formatDateTime(old.createdAt, locale),
                        })}
                      </Accordion.Control>
                      <Accordion.Panel>
                        <AftercareStepsTable steps={old.steps} />
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              )}
            </Paper>
          );
        })}
      <AftercareTemplateEditor template={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function AftercareStepsTable({ steps }: { steps: readonly AftercareStep[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={520}
      headers={[t('consentPage.days'), t('consentPage.step'), t('consentPage.reminder')]}
    >
      {steps.map((s, i) => (
        <Table.Tr key={i} data-testid="aftercare-step">
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {s.untilDay === null
              ? t('consentPage.fromDay', { day: s.fromDay })
              : t('consentPage.dayRange', { from: s.fromDay, until: s.untilDay })}
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {s.title}
            </Text>
            <Text size="xs" c="dimmed">
              {s.instructions}
            </Text>
          </Table.Td>
          <Table.Td>{s.remind ? t('common.yes') : t('common.no')}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function GalleryPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const gallery = useQuery({ queryKey: ['gallery'], queryFn: () => api.gallery() });
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.galleryIntro')}
      </Text>
      {gallery.data?.items.length === 0 && <Text c="dimmed">{t('consentPage.galleryEmpty')}</Text>}
      <BeforeAfterPairs />
      <Title order={3} size="h5">
        {t('consentPage.gallery')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} data-testid="gallery">
        {gallery.data?.items.map((p) => (
          <Paper key={p.id} withBorder radius="md" p={4}>
            <Image
              src={fileLinks.photo(p.id, 'thumb')}
              alt={`${p.clientName} ${t(`photoViews.${p.view}`)}`}
              radius="sm"
            />
            <Text size="xs" mt={4}>
              <Anchor component={Link} to={`/clients/${p.clientId}?tab=photos`}>
                {p.clientName}
              </Anchor>{' '}
              · {t(`photoViews.${p.view}`)} · {formatIsoDate(p.takenOn, locale)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The pairs the gallery shows now; taking one out is for owners and artists. */
function BeforeAfterPairs() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const pairs = useQuery({ queryKey: ['gallery-pairs'], queryFn: () => api.listGalleryPairs() });
  const remove = useMutation({
    mutationFn: (id: string) => api.removeGalleryPair(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['gallery-pairs'] });
      notifications.show({ color: 'teal', message: t('galleryPairs.removed') });
    },
  });
  return (
    <Stack gap="sm" data-testid="gallery-pairs">
      <Title order={3} size="h5">
        {t('galleryPairs.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('galleryPairs.intro')}
      </Text>
      {pairs.data?.items.length === 0 && (
        <Text c="dimmed" data-testid="gallery-pairs-empty">
          {t('galleryPairs.empty')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {pairs.data?.items.map((p) => (
          <BeforeAfterPair
            key={p.id}
            pair={p}
            src={(side) => galleryLinks.staff(p.id, side)}
            heading={
              <Anchor component={Link} to={`/clients/${p.clientId}?tab=outcomes`} size="sm">
                {p.clientName}
              </Anchor>
            }
            actions={
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  loading={remove.isPending && remove.variables === p.id}
                  onClick={() => remove.mutate(p.id)}
                >
                  {t('galleryPairs.remove')}
                </Button>
              </Group>
            }
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

const STATUS_COLOURS: Record<OutboxStatus, string> = {
  pending: 'indigo',
  sending: 'yellow',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
  skipped: 'orange',
};

function OutboxPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = { status, page, pageSize: 50 };
  const outbox = useQuery({ queryKey: ['outbox', query], queryFn: () => api.outbox(query) });
  const pages = Math.max(1, Math.ceil((outbox.data?.total ?? 0) / 50));
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.outboxIntro')}
      </Text>
      {outbox.data && !outbox.data.smtpConfigured && (
        <Alert color="yellow" data-testid="smtp-not-configured">
          {t('consentPage.noSmtp')}
        </Alert>
      )}
      <Select
        label={t('consentPage.status')}
        placeholder={t('consentPage.allStatuses')}
        data={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outboxStatus.${s}`) }))}
        value={status ?? null}
        onChange={(v) => {
          const parsed = OutboxStatus.safeParse(v);
          setStatus(parsed.success ? parsed.data : undefined);
          setPage(1);
        }}
        clearable
        maw={280}
        comboboxProps={{ withinPortal: true }}
      />
      {outbox.error && <Alert color="red">{describeError(outbox.error, t)}</Alert>}
      <DataTable
        framed
        minWidth={720}
        testId="outbox-table"
        headers={[
          t('consentPage.sendAfter'),
          t('consentPage.kind'),
          t('inventory.client'),
          t('consentPage.subject'),
          t('consentPage.status'),
        ]}
      >
        {outbox.data?.items.map((m) => (
          <Table.Tr key={m.id} data-testid="outbox-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.sendAfter, locale)}</Table.Td>
            <Table.Td>{t(`outboxKinds.${m.kind}`)}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/clients/${m.clientId}`}>
                {m.clientName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.subject}</Text>
              {m.lastError && (
                <Text size="xs" c="dimmed">
                  {m.lastError}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOURS[m.status]} variant="light">
                {t(`outboxStatus.${m.status}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}
