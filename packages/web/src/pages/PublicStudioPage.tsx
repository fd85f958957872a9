import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  List,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCalendarCheck, IconMail, IconMapPin } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BookingReceipt, PublicStudio, Slot } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { formatMoney } from '../forms/studio-form.js';
import { formatDateTime } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { galleryLinks } from '../api/outcome-endpoints.js';
import { BeforeAfterPair } from '../components/gallery/BeforeAfterPair.js';
import { BookingForm } from '../components/public/BookingForm.js';
import { BookingPhotos } from '../components/public/BookingPhotos.js';
import { PublicLayout } from '../components/public/PublicLayout.js';
import { SlotPicker } from '../components/public/SlotPicker.js';
import { WaitlistForm } from '../components/public/WaitlistForm.js';

/** `/s/:slug`: the studio's page, where a visitor books a consultation from their phone. */
export function PublicStudioPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const api = useApi();
  const studio = useQuery({
    queryKey: ['public-studio', slug],
    queryFn: () => api.publicStudio(slug),
    retry: false,
  });
  const unknown = isApiRequestError(studio.error) && studio.error.status === 404;

  return (
    <PublicLayout studio={studio.data ?? null}>
      {studio.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {studio.isError && (
        <Alert color={unknown ? 'yellow' : 'red'} role="alert">
          {unknown ? t('public.unknownStudio') : describeError(studio.error, t)}
        </Alert>
      )}
      {studio.data && <StudioPage studio={studio.data} />}
    </PublicLayout>
  );
}

function StudioPage({ studio }: { studio: PublicStudio }) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [type, setType] = useState(studio.consultationTypes[0]?.key ?? '');
  const [artistId, setArtistId] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [slotGone, setSlotGone] = useState(false);
  const [booked, setBooked] = useState<{ receipt: BookingReceipt; email: string } | null>(null);
  const intro = studio.intro[locale] || t('public.defaultIntro');
  const { policy } = studio;
  const depositRule = policy.depositRule[locale] || policy.depositRule.en || policy.depositRule['zh-CN'];
  const typeOf = (key: string) => studio.consultationTypes.find((c) => c.key === key);

  return (
    <Stack gap="md" data-testid="public-studio">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {studio.name}
        </Title>
        {studio.address && (
          <Text size="sm" c="dimmed">
            <IconMapPin size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {studio.address}
          </Text>
        )}
      </Stack>
      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('public.whatHappens')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {intro}
          </Text>
          {studio.artists.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('public.artists', {
                names: studio.artists.map((a) => a.name).join(locale === 'zh-CN' ? '、' : ', '),
              })}
            </Text>
          )}
        </Stack>
      </Card>

      {booked ? (
        <Card withBorder radius="lg" data-testid="booking-done">
          <Stack gap="md">
            <Alert color="teal" icon={<IconMail aria-hidden />} title={t('public.checkEmailTitle')}>
              {t('public.checkEmail', {
                email: booked.email,
                until: formatDateTime(booked.receipt.verifyBy, locale),
              })}
            </Alert>
            <Title order={2} size="h4">
              {t('public.photosTitle')}
            </Title>
            <BookingPhotos receipt={booked.receipt} />
          </Stack>
        </Card>
      ) : !policy.publicBooking ? (
        <Alert color="gray" data-testid="booking-closed">
          {t('public.bookingClosed', { phone: studio.phone })}
        </Alert>
      ) : (
        <Card withBorder radius="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              <IconCalendarCheck size={20} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
              {t('public.bookTitle')}
            </Title>
            {studio.consultationTypes.length > 1 && (
              <SegmentedControl
                fullWidth
                orientation={studio.consultationTypes.length > 2 ? 'vertical' : 'horizontal'}
                value={type}
                onChange={(v) => {
                  setType(v);
                  setSlot(null);
                }}
                data={studio.consultationTypes.map((c) => ({
                  value: c.key,
                  label: `${c.name[locale]} · ${t('public.minutes', { n: c.minutes })}`,
                }))}
                data-testid="consultation-type"
              />
            )}
            {studio.consultationTypes.length === 1 && (
              <Text size="sm">
                {typeOf(type)?.name[locale]} · {t('public.minutes', { n: typeOf(type)?.minutes ?? 0 })}
              </Text>
            )}
            {studio.artists.length > 1 && (
              <Select
                label={t('public.artist')}
                data={[
                  { value: '', label: t('public.anyArtist') },
                  ...studio.artists.map((a) => ({ value: a.id, label: a.name })),
                ]}
                value={artistId ?? ''}
                onChange={(v) => {
                  setArtistId(v || null);
                  setSlot(null);
                }}
                allowDeselect={false}
              />
            )}
            {slotGone && (
              <Alert color="yellow" role="alert" data-testid="slot-gone">
                {t('public.slotGone')}
              </Alert>
            )}
            {!slot ? (
              <SlotPicker
                source={{
                  key: ['public-slots', studio.slug, type, artistId],
                  load: (from, days) =>
                    api.publicSlots(studio.slug, { type, from, days, artistId: artistId ?? undefined }),
                }}
                value={slot}
                onChange={(s) => {
                  setSlot(s);
                  setSlotGone(false);
                }}
              />
            ) : (
              <Stack gap="md">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} data-testid="chosen-slot">
                    {formatDateTime(slot.startsAt, locale)}
                  </Text>
                  <Button variant="subtle" onClick={() => setSlot(null)}>
                    {t('public.otherTime')}
                  </Button>
                </Group>
                <BookingForm
                  slug={studio.slug}
                  type={type}
                  slot={slot}
                  artistId={artistId}
                  onBooked={(receipt, email) => setBooked({ receipt, email })}
                  onSlotGone={() => {
                    setSlot(null);
                    setSlotGone(true);
                    void queryClient.invalidateQueries({ queryKey: ['public-slots'] });
                  }}
                />
              </Stack>
            )}
          </Stack>
        </Card>
      )}

      <PublicGallerySection slug={studio.slug} />

      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('public.policyTitle')}
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>{t('public.noticePolicy', { hours: policy.minNoticeHours })}</List.Item>
            <List.Item>{t('public.cancelPolicy', { hours: policy.cancellationNoticeHours })}</List.Item>
            {policy.confirmation === 'manual' && <List.Item>{t('public.manualPolicy')}</List.Item>}
            {policy.depositRequired && (
              <List.Item data-testid="deposit-policy">
                {policy.depositAmountMinor !== null
                  ? t('public.deposit', {
                      amount: formatMoney(policy.depositAmountMinor, studio.currency, locale),
                    })
                  : t('public.depositNoAmount')}
                {depositRule ? ` ${depositRule}` : ''}
              </List.Item>
            )}
          </List>
        </Stack>
      </Card>

      {policy.publicBooking && !booked && (
        <Card withBorder radius="lg">
          <WaitlistForm studio={studio} type={type} />
        </Card>
      )}

      <Text size="sm" ta="center">
        <Anchor component={Link} to={`/s/${studio.slug}/portal`} data-testid="to-portal">
          {t('public.toPortal')}
        </Anchor>
      </Text>
    </Stack>
  );
}

/** The studio's before-and-after pairs whose clients' photo-use consent is active (none named). */
function PublicGallerySection({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const gallery = useQuery({ queryKey: ['public-gallery', slug], queryFn: () => api.publicGallery(slug) });
  if (!gallery.data || gallery.data.items.length === 0) return null;
  return (
    <Card withBorder radius="lg" data-testid="public-gallery">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('public.galleryTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('public.galleryNote')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {gallery.data.items.map((p) => (
            <BeforeAfterPair key={p.id} pair={p} src={(side) => galleryLinks.public(slug, p.id, side)} />
          ))}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
