import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PortalConsent, WithdrawalEffect } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { ConsentSigner } from './ConsentSigner.js';

/** The consent texts still to sign (each on its own), what the client signed, and withdrawing. */
export function PortalConsents({ signerName }: { signerName: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const consents = useQuery({ queryKey: ['portal', 'consents'], queryFn: () => api.portalConsents() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'consents'] });
  if (!consents.data) return null;
  const active = new Set(consents.data.signed.filter((c) => c.status === 'active').map((c) => c.kind));
  const toSign = consents.data.templates.filter((tpl) => !active.has(tpl.kind));
  return (
    <Stack gap="sm" data-testid="portal-consents">
      <Title order={2} size="h3">
        {t('portal.consentsTitle')}
      </Title>
      <Text size="sm">{t('portal.consentsIntro')}</Text>
      {consents.data.signed.map((c) => (
        <SignedConsent key={c.id} consent={c} onChanged={refresh} />
      ))}
      {toSign.map((tpl) => (
        <ConsentSigner
          key={tpl.id}
          template={tpl}
          signerName={signerName}
          optional={tpl.kind !== 'treatment'}
          onSigned={() => void refresh()}
        />
      ))}
    </Stack>
  );
}

function SignedConsent({
  consent: c,
  onChanged,
}: {
  consent: PortalConsent;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const withdraw = useMutation({
    mutationFn: () => api.portalWithdraw(c.id, ''),
    onSuccess: () => onChanged(),
  });
  const effect: WithdrawalEffect | undefined = withdraw.data;
  return (
    <Card withBorder radius="md" p="sm" data-testid={`signed-${c.kind}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {c.title}
          </Text>
          <Badge variant="light" color={c.status === 'active' ? 'teal' : 'gray'}>
            {t(`consents.status.${c.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {c.withdrawnAt
            ? t('portal.withdrawnOn', { date: formatDateTime(c.withdrawnAt, locale) })
            : t('portal.signedOn', { date: formatDateTime(c.signedAt, locale) })}
        </Text>
        {effect && (
          <Alert color="teal" role="status" data-testid="withdraw-effect">
            {t(`portal.withdrawEffect.${effect.kind}`, { count: effect.count })}
          </Alert>
        )}
        {withdraw.isError && (
          <Alert color="red" role="alert">
            {describeError(withdraw.error, t)}
          </Alert>
        )}
        {c.status === 'active' && c.kind !== 'treatment' && (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            loading={withdraw.isPending}
            onClick={() => withdraw.mutate()}
            data-testid={`withdraw-${c.kind}`}
          >
            {t('portal.withdraw')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
