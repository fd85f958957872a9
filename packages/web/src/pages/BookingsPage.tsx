import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Image,
  Loader,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Booking } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { fileLinks } from '../api/stipple-api.js';
import { useSignedInSession } from '../api/session.js';
import { formatDateTime, formatList } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';

/** `/bookings`: bookings from the public page waiting for the studio to confirm or decline. */
export function BookingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const list = useQuery({
    queryKey: ['bookings', 'requested'],
    queryFn: () => api.bookings({ status: 'requested' }),
  });
  return (
    <Stack gap="md" data-testid="bookings-page">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('bookings.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('bookings.intro')}
        </Text>
      </Stack>
      {list.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {list.isError && (
        <Alert color="red" role="alert">
          {describeError(list.error, t)}
        </Alert>
      )}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('bookings.empty')}</Text>}
      {list.data?.items.map((b) => (
        <BookingCard key={b.id} booking={b} />
      ))}
    </Stack>
  );
}

function BookingCard({ booking: b }: { booking: Booking }) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const clinical = useSignedInSession().user.role !== 'front_desk';
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    return queryClient.invalidateQueries({ queryKey: ['bookings'] });
  };
  const confirm = useMutation({
    mutationFn: () => api.confirmBooking(b.id),
    onSuccess: () => done(t('bookings.confirmed')),
  });
  const decline = useMutation({
    mutationFn: () => api.declineBooking(b.id, reason),
    onSuccess: () => done(t('bookings.status.declined')),
  });
  const failed = confirm.error ?? decline.error;
  return (
    <Card withBorder radius="md" data-testid={`booking-${b.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Text fw={700}>{formatDateTime(b.startsAt, locale)}</Text>
            <Text size="sm">
              <Anchor component={Link} to={`/clients/${b.clientId}`}>
                {b.clientName}
              </Anchor>{' '}
              · {b.artistName}
            </Text>
          </Stack>
          <Group gap="xs">
            {b.matchedExisting && <Badge variant="light">{t('bookings.returning')}</Badge>}
            <Badge color="yellow" variant="light">
              {t(`bookings.status.${b.status}`)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {b.email}
          {b.phone ? ` · ${b.phone}` : ''} · {t(`language.${b.locale}`)}
        </Text>
        {b.concerns.length > 0 && (
          <Text size="sm">
            {formatList(
              b.concerns.map((c) => t(`public.concern.${c}`)),
              locale,
            )}
          </Text>
        )}
        {b.message && (
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {b.message}
          </Text>
        )}
        {b.photoIds.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('bookings.photos', { count: b.photoIds.length })}
            </Text>
            {clinical && (
              <Group gap="xs">
                {b.photoIds.map((id) => (
                  <Image key={id} src={fileLinks.photo(id, 'thumb')} alt="" w={72} h={72} radius="sm" />
                ))}
              </Group>
            )}
          </Stack>
        )}
        {failed && (
          <Alert color="red" role="alert">
            {describeError(failed, t)}
          </Alert>
        )}
        {declining ? (
          <Stack gap="xs">
            <Textarea
              label={t('bookings.declineReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button variant="default" onClick={() => setDeclining(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                disabled={reason.trim().length < 3}
                loading={decline.isPending}
                onClick={() => decline.mutate()}
              >
                {t('bookings.decline')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button
              loading={confirm.isPending}
              onClick={() => confirm.mutate()}
              data-testid="booking-confirm"
            >
              {t('bookings.confirm')}
            </Button>
            <Button variant="subtle" color="red" onClick={() => setDeclining(true)}>
              {t('bookings.decline')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
