import { useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileDownload, IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import type { ConsentRecord } from '@stipple/core';
import { useIsClinical } from '../../api/session.js';
import { translateFieldError } from '../../forms/validation-messages.js';
import { SignaturePad, type SignaturePadHandle } from '../SignaturePad.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';
import { StickyActions } from '../StickyActions.js';
import { KioskButton } from './KioskButton.js';

/** The client's consents (treatment, photo use, marketing), signing on screen, PDF copies, withdrawal. */
export function ConsentsTab({
  clientId,
  clientName,
  language,
}: {
  clientId: string;
  clientName: string;
  language: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const consents = useQuery({ queryKey: ['consents', clientId], queryFn: () => api.listConsents(clientId) });
  const templates = useQuery({ queryKey: ['consent-templates'], queryFn: () => api.consentTemplates() });
  const clinical = useIsClinical();
  const [signing, setSigning] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentRecord | null>(null);
  const [chosenTemplate, setTemplateId] = useState<string | null>(null);
  const [signer, setSigner] = useState(clientName);
  const [empty, setEmpty] = useState(true);
  const pad = useRef<SignaturePadHandle>(null);

  // Treatment consent is informed consent: taken by owners and artists, who explain the treatment.
  const current = (templates.data?.items ?? []).filter(
    (x) => x.current && (clinical || x.kind !== 'treatment'),
  );
  const preferred = language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  // Until someone picks: the treatment consent (front desk: photo use) in the client's language.
  const firstKind = clinical ? 'treatment' : 'photo';
  const suggested = current.find((x) => x.kind === firstKind && x.language === preferred)?.id ?? null;
  const templateId = chosenTemplate ?? suggested;
  const template = current.find((x) => x.id === templateId);
  const templateFacts = (x: (typeof current)[number]) =>
    `${t(`consentKinds.${x.kind}`)} · ${t(`language.${x.language}`)}`;
  const unsaved = useUnsavedChanges(signing && (!empty || signer !== clientName));
  const closeSigning = () => unsaved.confirmDiscard(() => setSigning(false));

  const sign = useMutation({
    mutationFn: () =>
      api.signConsent(clientId, {
        templateId: templateId!,
        signerName: signer,
        signature: pad.current!.toPng(),
      }),
    onSuccess: async () => {
      unsaved.saved();
      await queryClient.invalidateQueries({ queryKey: ['consents', clientId] });
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
      setSigning(false);
      notifications.show({ color: 'teal', message: t('consents.signed') });
    },
  });
  const withdraw = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api.withdrawConsent(id, reason),
    onSuccess: async () => {
      setWithdrawing(null);
      await queryClient.invalidateQueries({ queryKey: ['consents', clientId] });
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
      notifications.show({ color: 'teal', message: t('consents.withdrawn') });
    },
  });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('consents.intro')}
        </Text>
        <Group gap="xs">
          <KioskButton clientId={clientId} language={language} />
          <Button
            leftSection={<IconSignature size={18} aria-hidden />}
            onClick={() => {
              setTemplateId(suggested);
              setSigner(clientName);
              setEmpty(true);
              sign.reset();
              setSigning(true);
            }}
            data-testid="sign-consent"
          >
            {t('consents.sign')}
          </Button>
        </Group>
      </Group>
      {consents.data?.items.length === 0 && <Text c="dimmed">{t('consents.none')}</Text>}
      {consents.data?.items.map((c) => (
        <Paper key={c.id} withBorder radius="md" p="md" data-testid="consent-record">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="light">{t(`consentKinds.${c.kind}`)}</Badge>
                <Badge
                  color={c.status === 'active' ? 'teal' : c.status === 'withdrawn' ? 'red' : 'gray'}
                  data-testid="consent-status"
                >
                  {t(`consents.status.${c.status}`)}
                </Badge>
              </Group>
              <Text fw={600}>{c.title}</Text>
              <Text size="sm" c="dimmed">
                {t('consents.signedBy', {
                  name: c.signerName,
                  when: formatDateTime(c.signedAt, locale),
                  version: c.templateVersion,
                })}
              </Text>
              {c.withdrawnAt && (
                <Text size="sm" c="red.8">
                  {t('consents.withdrawnOn', { when: formatDateTime(c.withdrawnAt, locale) })}
                </Text>
              )}
            </Stack>
            <Group gap="xs">
              <Button
                component="a"
                href={fileLinks.consentPdf(c.id)}
                download
                variant="light"
                leftSection={<IconFileDownload size={18} aria-hidden />}
                data-testid="consent-pdf"
              >
                PDF
              </Button>
              {c.status === 'active' && (clinical || c.kind !== 'treatment') && (
                <Button
                  color="red"
                  variant="subtle"
                  onClick={() => {
                    withdraw.reset();
                    setWithdrawing(c);
                  }}
                  data-testid="withdraw-consent"
                >
                  {t('consents.withdraw')}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
      ))}

      {withdrawing && (
        <WithdrawConsentModal
          consent={withdrawing}
          pending={withdraw.isPending}
          error={withdraw.error}
          onWithdraw={(reason) => withdraw.mutate({ id: withdrawing.id, reason })}
          onClose={() => setWithdrawing(null)}
        />
      )}

      <Modal
        opened={signing}
        onClose={closeSigning}
        title={t('consents.signTitle')}
        size="xl"
        fullScreen={false}
      >
        <Stack gap="md" data-testid="sign-dialog">
          <Select
            label={t('consents.template')}
            // The title is what tells templates apart; kind and language go under it, where a
            // phone's narrow field would otherwise cut the title itself.
            data={current.map((x) => ({ value: x.id, label: x.title }))}
            renderOption={({ option }) => {
              const x = current.find((c) => c.id === option.value);
              return (
                <Stack gap={0}>
                  <Text size="sm">{option.label}</Text>
                  {x && (
                    <Text size="xs" c="dimmed">
                      {templateFacts(x)}
                    </Text>
                  )}
                </Stack>
              );
            }}
            description={template ? templateFacts(template) : undefined}
            styles={{ input: { textOverflow: 'ellipsis' } }}
            value={templateId}
            onChange={setTemplateId}
            comboboxProps={{ withinPortal: true }}
            data-testid="consent-template-select"
          />
          {template && (
            // Shorter in a short window (an iPad in landscape, a phone), so that the signature pad
            // below is wholly in sight above the dialog's actions; the text scrolls.
            <ScrollArea
              h={{
                base: 'clamp(96px, calc(100dvh - 740px), 160px)',
                sm: 'clamp(120px, calc(100dvh - 680px), 220px)',
              }}
              type="auto"
            >
              <Text size="sm" fw={600} mb={4} data-testid="consent-title">
                {template.title}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consent-text">
                {template.body}
              </Text>
            </ScrollArea>
          )}
          <TextInput
            label={t('consents.signerName')}
            value={signer}
            onChange={(e) => setSigner(e.currentTarget.value)}
          />
          <SignaturePad ref={pad} label={t('consents.signHere')} onChange={setEmpty} />
          <StickyActions dialog>
            {sign.error && (
              <Alert color="red" role="alert">
                {isApiRequestError(sign.error) && sign.error.fields[0]
                  ? `${t(`consents.field.${sign.error.fields[0].field}`, { defaultValue: '' })} ${translateFieldError(sign.error.fields[0], t)}`.trim()
                  : describeError(sign.error, t)}
              </Alert>
            )}
            <Group justify="space-between">
              <Anchor size="sm" c="dimmed" component="span">
                {t('consents.immutableHint')}
              </Anchor>
              <Group>
                <Button variant="default" onClick={closeSigning}>
                  {t('common.cancel')}
                </Button>
                <Button
                  disabled={!templateId || empty || !signer.trim()}
                  loading={sign.isPending}
                  onClick={() => sign.mutate()}
                  data-testid="confirm-sign"
                >
                  {t('consents.confirm')}
                </Button>
              </Group>
            </Group>
          </StickyActions>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Withdrawing a consent: the reason the client gave, kept with the record; asks before typing is lost. */
function WithdrawConsentModal({
  consent,
  pending,
  error,
  onWithdraw,
  onClose,
}: {
  consent: ConsentRecord;
  pending: boolean;
  error: unknown;
  onWithdraw: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const unsaved = useUnsavedChanges(reason.trim() !== '');
  const requestClose = () => unsaved.confirmDiscard(onClose);
  return (
    <Modal
      opened
      onClose={requestClose}
      title={t('consents.withdrawTitle', { title: consent.title })}
      size="md"
    >
      <Stack gap="md" data-testid="withdraw-dialog">
        <Text size="sm">{t(`consents.withdrawEffect.${consent.kind}`)}</Text>
        <Textarea
          label={t('consents.withdrawReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="withdraw-reason"
        />
        <StickyActions dialog>
          {error !== null && error !== undefined && (
            <Alert color="red" role="alert">
              {describeError(error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={pending}
              onClick={() => onWithdraw(reason.trim())}
              data-testid="confirm-withdraw"
            >
              {t('consents.withdraw')}
            </Button>
          </Group>
        </StickyActions>
      </Stack>
    </Modal>
  );
}
