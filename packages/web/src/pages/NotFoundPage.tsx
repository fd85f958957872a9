import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="md">
      <Title order={2}>404</Title>
      <Text>{t('errors.notFoundPage')}</Text>
      <Button component={Link} to="/clients">
        {t('errors.goHome')}
      </Button>
    </Stack>
  );
}
