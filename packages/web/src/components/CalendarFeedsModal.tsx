import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { serverFieldErrors } from '../forms/schema-form.js';
import { formatDateTime, formatPersonName } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { FormModal, useFormModal } from './FormModal.js';

/** The server may answer with a path when it does not know its public address. */
export function absoluteFeedUrl(url: string, origin: string): string {
  return /^https?:\/\//i.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

/**
 * Secret .ics addresses for an artist's or a client's appointments: made here, copied once (the
 * server shows the address only when it is made), and revoked. The owner makes any artist's feed;
 * others their own, and any client's.
 */
export function CalendarFeedsModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t('calendarFeeds.title')} size="xl">
      {props.opened && <CalendarFeeds />}
    </FormModal>
  );
}

function CalendarFeeds() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const owner = session.user.role === 'owner';

  const [kind, setKind] = useState<'artist' | 'client'>('artist');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [created, setCreated] = useState<{ feed: CalendarFeed; url: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A chosen artist or client whose feed is not made yet.
  useFormModal(subjectId !== null && created?.feed.subjectId !== subjectId);

  const feeds = useQuery({ queryKey: ['calendar-feeds'], queryFn: () => api.listCalendarFeeds() });
  const artists = useQuery({ queryKey: ['artists'], queryFn: () => api.listArtists() });
  const clients = useQuery({
    queryKey: ['clients', { q: debounced, pageSize: 50 }],
    queryFn: () => api.listClients({ q: debounced, pageSize: 50 }),
    enabled: kind === 'client',
  });
  const clientFeedIds = [
    ...new Set((feeds.data?.items ?? []).filter((f) => f.kind === 'client').map((f) => f.subjectId)),
  ];
  const clientNames = useQueries({
    queries: clientFeedIds.map((id) => ({ queryKey: ['client', id], queryFn: () => api.getClient(id) })),
  });

  const artistOptions = (artists.data?.items ?? [])
    .filter((a) => owner || a.id === session.user.id)
    .map((a) => ({ value: a.id, label: a.name }));
  const clientOptions = (clients.data?.items ?? []).map((c) => ({ value: c.id, label: formatPersonName(c) }));

  const nameOf = (feed: CalendarFeed): string => {
    if (feed.kind === 'artist')
      return artists.data?.items.find((a) => a.id === feed.subjectId)?.name ?? t('calendarFeeds.unknown');
    const index = clientFeedIds.indexOf(feed.subjectId);
    const client = clientNames[index]?.data;
    return client ? formatPersonName(client) : t('calendarFeeds.unknown');
  };

  const create = useMutation({
    mutationFn: () => api.createCalendarFeed({ kind, subjectId: subjectId ?? '' }),
    onSuccess: async (feed) => {
      setErrors({});
      setCreated({ feed, url: absoluteFeedUrl(feed.url ?? '', window.location.origin) });
      await queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] });
    },
    onError: (err) => setErrors(serverFieldErrors(err, t)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeCalendarFeed(id),
    onSuccess: async (feed) => {
      if (created?.feed.id === feed.id) setCreated(null);
      notifications.show({ color: 'teal', message: t('calendarFeeds.revoked') });
      await queryClient.invalidateQueries({ queryKey: ['calendar-feeds'] });
    },
    onError: (err) => notifications.show({ color: 'red', message: describeError(err, t) }),
  });

  const active = (feeds.data?.items ?? []).filter((f) => !f.revokedAt);
  const revoked = (feeds.data?.items ?? []).filter((f) => f.revokedAt);

  return (
    <Stack gap="md" data-testid="calendar-feeds">
      <Text size="sm" c="dimmed">
        {t('calendarFeeds.intro')}
      </Text>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <SegmentedControl
            value={kind}
            onChange={(v) => {
              setKind(v === 'client' ? 'client' : 'artist');
              setSubjectId(null);
              setErrors({});
            }}
            data={[
              { value: 'artist', label: t('calendarFeeds.forArtist') },
              { value: 'client', label: t('calendarFeeds.forClient') },
            ]}
            data-testid="feed-kind"
          />
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              key={kind}
              label={kind === 'artist' ? t('calendar.artist') : t('calendar.client')}
              data={kind === 'artist' ? artistOptions : clientOptions}
              value={subjectId}
              onChange={(v) => {
                setSubjectId(v);
                // The refusal was about the one chosen before: neither its field error nor its alert stays.
                setErrors({});
                create.reset();
              }}
              searchable={kind === 'client'}
              onSearchChange={kind === 'client' ? setSearch : undefined}
              nothingFoundMessage={kind === 'client' ? t('calendar.noClients') : undefined}
              error={errors.subjectId}
              comboboxProps={{ withinPortal: true }}
              style={{ flex: 1, minWidth: 220 }}
              data-testid="feed-subject"
            />
            <Button
              mt={25}
              loading={create.isPending}
              disabled={!subjectId}
              onClick={() => create.mutate()}
              data-testid="create-feed"
            >
              {t('calendarFeeds.create')}
            </Button>
          </Group>
          {create.error && !errors.subjectId && (
            <Alert color="red" role="alert">
              {describeError(create.error, t)}
            </Alert>
          )}
          {created && (
            <Alert color="teal" data-testid="feed-created">
              <Stack gap="xs">
                <Text size="sm">{t('calendarFeeds.createdHint', { name: nameOf(created.feed) })}</Text>
                <Group gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    style={{ flex: 1 }}
                    label={t('calendarFeeds.address')}
                    value={created.url}
                    readOnly
                    onFocus={(e) => e.currentTarget.select()}
                    data-testid="feed-url"
                  />
                  <CopyButton value={created.url}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                        <ActionIcon
                          size={44}
                          variant={copied ? 'filled' : 'light'}
                          color={copied ? 'teal' : undefined}
                          onClick={copy}
                          aria-label={copied ? t('common.copied') : t('common.copy')}
                          data-testid="copy-feed-url"
                        >
                          {copied ? <IconCheck size={20} aria-hidden /> : <IconCopy size={20} aria-hidden />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      </Paper>

      <Title order={4}>{t('calendarFeeds.active')}</Title>
      {feeds.isError && (
        <Alert color="red" role="alert">
          {describeError(feeds.error, t)}
        </Alert>
      )}
      {feeds.data && active.length === 0 && <Text c="dimmed">{t('calendarFeeds.none')}</Text>}
      {active.map((feed) => (
        <Paper key={feed.id} withBorder radius="md" p="sm" data-testid="feed-row">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="light">{t(`calendarFeeds.kinds.${feed.kind}`)}</Badge>
                <Text fw={600}>{nameOf(feed)}</Text>
              </Group>
              <Text size="xs" c="dimmed">
                {t('calendarFeeds.createdAt', { when: formatDateTime(feed.createdAt, locale) })}
              </Text>
            </Stack>
            <Button
              variant="subtle"
              color="red"
              loading={revoke.isPending && revoke.variables === feed.id}
              onClick={() => revoke.mutate(feed.id)}
              data-testid="revoke-feed"
            >
              {t('calendarFeeds.revoke')}
            </Button>
          </Group>
        </Paper>
      ))}
      {revoked.length > 0 && (
        <>
          <Title order={5} c="dimmed">
            {t('calendarFeeds.revokedTitle')}
          </Title>
          {revoked.map((feed) => (
            <Group key={feed.id} gap="xs" data-testid="feed-revoked-row">
              <Badge variant="outline" color="gray">
                {t(`calendarFeeds.kinds.${feed.kind}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {nameOf(feed)} ·{' '}
                {t('calendarFeeds.revokedAt', { when: formatDateTime(feed.revokedAt!, locale) })}
              </Text>
            </Group>
          ))}
        </>
      )}
    </Stack>
  );
}
