// The studio's consent templates: every version of each kind and language, and the owner's form
// for a new version (a signed consent keeps the text it was signed with).
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type ConsentKind, type UiLocale } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';
import { StickyActions } from '../StickyActions.js';

export function ConsentTemplates({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['consent-templates'], queryFn: () => api.consentTemplates() });
  const [draft, setDraft] = useState<{
    kind: ConsentKind;
    language: UiLocale;
    title: string;
    body: string;
  } | null>(null);
  const publish = useMutation({
    mutationFn: () =>
      api.createConsentTemplate({ ...draft!, validityMonths: draft!.kind === 'treatment' ? 12 : null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['consent-templates'] });
      setDraft(null);
    },
  });
  const current = (templates.data?.items ?? []).filter((x) => x.current);
  const from = draft && current.find((x) => x.kind === draft.kind && x.language === draft.language);
  const unsaved = useUnsavedChanges(
    draft !== null && (!from || from.title !== draft.title || from.body !== draft.body),
  );
  const closeDraft = () => unsaved.confirmDiscard(() => setDraft(null));
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.templatesIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {current.map((tpl) => (
          <Paper key={tpl.id} withBorder radius="md" p="md" data-testid="consent-template">
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Badge variant="light">{t(`consentKinds.${tpl.kind}`)}</Badge>
                <Badge variant="outline" color="gray">
                  {t(`language.${tpl.language}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t('consentPage.version', {
                  version: tpl.version,
                  when: formatDateTime(tpl.createdAt, locale),
                })}
              </Text>
            </Group>
            <Text fw={600}>{tpl.title}</Text>
            <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
              {tpl.body}
            </Text>
            {owner && (
              <Button
                variant="subtle"
                mt="xs"
                onClick={() =>
                  setDraft({ kind: tpl.kind, language: tpl.language, title: tpl.title, body: tpl.body })
                }
              >
                {t('consentPage.newVersion')}
              </Button>
            )}
          </Paper>
        ))}
      </SimpleGrid>
      <Modal opened={draft !== null} onClose={closeDraft} title={t('consentPage.newVersion')} size="xl">
        {draft && (
          <Stack>
            <TextInput
              label={t('consentPage.templateTitle')}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            />
            <Textarea
              label={t('consentPage.templateBody')}
              autosize
              minRows={8}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.currentTarget.value })}
            />
            <Text size="sm" c="dimmed">
              {t('consentPage.versionHint')}
            </Text>
            {publish.error && <Alert color="red">{describeError(publish.error, t)}</Alert>}
            <StickyActions dialog>
              <Group justify="flex-end">
                <Button variant="default" onClick={closeDraft}>
                  {t('common.cancel')}
                </Button>
                <Button loading={publish.isPending} onClick={() => publish.mutate()}>
                  {t('consentPage.publish')}
                </Button>
              </Group>
            </StickyActions>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
