import { Alert, Box, Card, Image, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PortalPreview } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { portalLinks } from '../../api/portal-care-endpoints.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';
import { PortalQuery } from '../../components/portal/PortalQuery.js';

/** `/portal/preview`: the client's photo beside the simulated result: a simulation, not a promise. */
export function PortalPreviewPage() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useQuery({ queryKey: ['portal', 'previews'], queryFn: () => api.portalPreviews() });
  return (
    <PortalFrame>
      {() => (
        <Stack gap="md" data-testid="portal-preview">
          <Title order={1} size="h3">
            {t('portalCare.preview.title')}
          </Title>
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('portalCare.preview.notAPromise')}
            data-testid="preview-disclaimer"
          >
            {t('portalCare.preview.disclaimer')}
          </Alert>
          <PortalQuery query={query}>
            {(data) =>
              data.items.length === 0 ? (
                <Text c="dimmed">{t('portalCare.preview.none')}</Text>
              ) : (
                data.items.map((p) => <PreviewCard key={p.renderId} preview={p} />)
              )
            }
          </PortalQuery>
        </Stack>
      )}
    </PortalFrame>
  );
}

function PreviewCard({ preview: p }: { preview: PortalPreview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const healed = portalLinks.stage(p.renderId, p.healed);
  const poor = p.poorScars ? portalLinks.stage(p.renderId, p.poorScars) : null;
  const pictures = [
    {
      key: 'photo',
      src: portalLinks.photo(p.photoId),
      label: t('portalCare.preview.yourPhoto'),
      simulated: false,
    },
    {
      key: 'healed',
      src: healed,
      label: t('portalCare.preview.healed', { count: p.sessions }),
      simulated: true,
    },
    ...(poor ? [{ key: 'poor', src: poor, label: t('portalCare.preview.poor'), simulated: true }] : []),
  ];
  return (
    <Card withBorder radius="lg" data-testid={`preview-${p.photoId}`}>
      <Stack gap="sm">
        <Text fw={700}>
          {t(`photoViews.${p.view}`, { defaultValue: p.view })} ·{' '}
          {t('portalCare.preview.taken', { date: formatIsoDate(p.takenOn, locale) })}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: pictures.length }} spacing="sm">
          {pictures.map((pic) => (
            <Stack key={pic.key} gap={4}>
              <Image src={pic.src} alt={pic.label} radius="md" data-testid={`preview-image-${pic.key}`} />
              <Text size="sm" fw={600}>
                {pic.label}
              </Text>
              {pic.simulated && (
                <Text size="xs" c="orange.8">
                  {t('portalCare.preview.simulation')}
                </Text>
              )}
            </Stack>
          ))}
        </SimpleGrid>
        {p.scars.map((s, i) => (
          <Stack key={i} gap={6} data-testid="preview-scar">
            <Text fw={600} size="sm">
              {t('portalCare.preview.closeUp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: poor ? 2 : 1 }} spacing="xs">
              <CloseUp src={healed} box={s.box} aspect={p.aspect} label={t('portalCare.preview.expected')} />
              {poor && (
                <CloseUp src={poor} box={s.box} aspect={p.aspect} label={t('portalCare.preview.poorShort')} />
              )}
            </SimpleGrid>
            <Text size="sm" data-testid="preview-scar-range">
              {t('portalCare.preview.scarRange', {
                texture: t(`scarTextures.${s.texture}`).toLowerCase(),
                expected: s.retentionPercent,
                poor: s.poorRetentionPercent,
              })}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** A close-up of a region of a picture (shares of it), cut out by the browser. */
function CloseUp({
  src,
  box,
  aspect,
  label,
}: {
  src: string;
  box: PortalPreview['scars'][number]['box'];
  aspect: number;
  label: string;
}) {
  return (
    <Stack gap={2}>
      <Box
        pos="relative"
        style={{ overflow: 'hidden', borderRadius: 8, aspectRatio: `${box.width * aspect} / ${box.height}` }}
      >
        <img
          src={src}
          alt={label}
          style={{
            position: 'absolute',
            width: `${100 / box.width}%`,
            left: `${(-box.left / box.width) * 100}%`,
            top: `${(-box.top / box.height) * 100}%`,
          }}
        />
      </Box>
      <Text size="xs" fw={600}>
        {label}
      </Text>
    </Stack>
  );
}
