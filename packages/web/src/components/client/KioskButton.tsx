import { useState } from 'react';
import { Alert, Button, Modal, Select, Stack, Text } from '@mantine/core';
import { IconDeviceTablet } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { useIsClinical } from '../../api/session.js';
import { languageName } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/**
 * Hands this tablet to the client for one consent text: the kiosk shows that text only and locks
 * after the signature; the staff member is signed out here and signs in again to go on.
 */
export function KioskButton({ clientId, language }: { clientId: string; language: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const clinical = useIsClinical();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const templates = useQuery({ queryKey: ['consent-templates'], queryFn: () => api.consentTemplates() });
  const current = (templates.data?.items ?? []).filter(
    (x) => x.current && (clinical || x.kind !== 'treatment'),
  );
  const preferred = language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  const suggested =
    current.find((x) => x.kind === (clinical ? 'treatment' : 'photo') && x.language === preferred)?.id ??
    null;
  const templateId = chosen ?? suggested;
  const start = useMutation({
    mutationFn: () => api.openKiosk(clientId, templateId!),
    onSuccess: (ticket) => void navigate(`/kiosk/${ticket.token}`, { replace: true }),
  });
  return (
    <>
      <Button
        variant="light"
        leftSection={<IconDeviceTablet size={18} aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="open-kiosk"
      >
        {t('kiosk.open')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('kiosk.open')} size="lg">
        <Stack gap="md">
          <Select
            label={t('kiosk.document')}
            data={current.map((x) => ({
              value: x.id,
              label: `${x.title} (${languageName(x.language, locale)}, v${x.version})`,
            }))}
            value={templateId}
            onChange={setChosen}
            allowDeselect={false}
            data-testid="kiosk-document"
          />
          <Alert color="indigo" variant="light">
            <Text size="sm">{t('kiosk.explain')}</Text>
          </Alert>
          {start.isError && (
            <Alert color="red" role="alert">
              {describeError(start.error, t)}
            </Alert>
          )}
          <Button
            disabled={!templateId}
            loading={start.isPending}
            onClick={() => start.mutate()}
            leftSection={<IconDeviceTablet size={18} aria-hidden />}
            data-testid="kiosk-start"
          >
            {t('kiosk.start')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
