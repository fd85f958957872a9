import type { ReactNode } from 'react';
import { Badge, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GalleryPair } from '@stipple/core';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/**
 * One before-and-after pair with its record: the dates, the days since the session, the view and
 * the alignment, and that the pictures are the unretouched originals, cropped only.
 */
export function BeforeAfterPair({
  pair,
  src,
  heading,
  actions,
}: {
  pair: GalleryPair;
  src: (side: 'before' | 'after') => string;
  heading?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const view = t(`photoViews.${pair.view}`);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="gallery-pair">
      <Stack gap="xs">
        {heading}
        <SimpleGrid cols={2} spacing="xs">
          {(['before', 'after'] as const).map((side) => (
            <Stack gap={2} key={side}>
              <Image
                src={src(side)}
                alt={`${t(`galleryPairs.${side}`)} · ${view}`}
                radius="sm"
                data-testid={`pair-${side}`}
              />
              <Text size="xs" fw={600}>
                {t(`galleryPairs.${side}`)} ·{' '}
                {formatIsoDate(side === 'before' ? pair.beforeTakenOn : pair.afterTakenOn, locale)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {pair.daysSinceSession !== null && pair.sessionOn
            ? t('galleryPairs.sinceSession', {
                count: pair.daysSinceSession,
                date: formatIsoDate(pair.sessionOn, locale),
              })
            : t('galleryPairs.noSession')}
        </Text>
        <Group gap={6}>
          <Badge variant="light" color="gray" size="sm">
            {pair.aligned ? t('galleryPairs.aligned') : t('galleryPairs.sameFrame')} · {view}
          </Badge>
          <Badge variant="light" color="teal" size="sm">
            {t('galleryPairs.unretouched')}
          </Badge>
        </Group>
        {actions}
      </Stack>
    </Paper>
  );
}
