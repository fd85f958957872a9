import { useEffect, type ReactNode } from 'react';
import { Anchor, Box, Container, Group, Image, Stack, Text, Title } from '@mantine/core';
import { IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UiLocale } from '@stipple/core';
import { LanguageSwitch } from '../LanguageSwitch.js';
import { applyLocale, useLocale } from '../../i18n/use-ui-locale.js';

export interface PublicStudioHead {
  name: string;
  phone: string;
  logoUrl: string | null;
  languages: readonly UiLocale[];
}

/**
 * The frame of the pages clients see (the public page, the portal): the studio's logo and name,
 * its phone, and its languages only; nothing of the staff app.
 */
export function PublicLayout({ studio, children }: { studio: PublicStudioHead | null; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const offered = studio?.languages.length ? studio.languages : undefined;
  // A studio that offers one language only shows its pages in it.
  useEffect(() => {
    if (offered && !offered.includes(locale)) applyLocale(i18n, offered[0]!);
  }, [offered, locale, i18n]);

  return (
    <Box mih="100dvh" bg="gray.0">
      <Box bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="sm" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              {studio?.logoUrl ? (
                <Image
                  src={studio.logoUrl}
                  alt={studio.name}
                  h={40}
                  w="auto"
                  fit="contain"
                  data-testid="public-logo"
                />
              ) : (
                <Title order={1} size="h4" lineClamp={1}>
                  {studio?.name ?? t('app.name')}
                </Title>
              )}
            </Group>
            {offered && offered.length > 1 && <LanguageSwitch compact languages={offered} />}
          </Group>
        </Container>
      </Box>
      <Container size="sm" px={{ base: 'sm', sm: 'md' }} py="md">
        <Stack gap="md">{children}</Stack>
      </Container>
      {studio?.phone && (
        <Container size="sm" pb="xl">
          <Text size="sm" c="dimmed" ta="center">
            <Group gap={6} justify="center" component="span">
              <IconPhone size={16} aria-hidden />
              <Anchor href={`tel:${studio.phone.replace(/[^+\d]/g, '')}`} c="dimmed">
                {studio.phone}
              </Anchor>
            </Group>
          </Text>
        </Container>
      )}
    </Box>
  );
}
