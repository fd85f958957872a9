// The studio's before-and-after gallery: pairs of photos of clients who consented to their use.
import { Anchor, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { galleryLinks } from '../../api/outcome-endpoints.js';
import { BeforeAfterPair } from './BeforeAfterPair.js';
import { useApi } from '../../api/ApiProvider.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

export function GalleryPanel() {
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
