// The studio's aftercare templates per language, their steps by day, and the owner's editor for
// a new version.
import { useState } from 'react';
import { Accordion, Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AftercareStep, type AftercareTemplate } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { AftercareTemplateEditor } from '../AftercareTemplateEditor.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { DataTable } from '../DataTable.js';

export function AftercareTemplates({ owner }: { owner: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const templates = useQuery({ queryKey: ['aftercare-templates'], queryFn: () => api.aftercareTemplates() });
  const [editing, setEditing] = useState<AftercareTemplate | null>(null);
  const all = templates.data?.items ?? [];
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.aftercareIntro')}
      </Text>
      {templates.error && <Alert color="red">{describeError(templates.error, t)}</Alert>}
      {all
        .filter((x) => x.current)
        .map((tpl) => {
          const earlier = all
            .filter((x) => x.language === tpl.language && !x.current)
            .sort((a, b) => b.version - a.version);
          return (
            <Paper key={tpl.id} withBorder radius="md" p="md" data-testid="aftercare-template">
              <Group justify="space-between" mb="xs" gap="xs">
                <Group gap="xs">
                  <Text fw={600}>{tpl.name}</Text>
                  <Badge variant="outline" color="gray">
                    {t(`language.${tpl.language}`)}
                  </Badge>
                  <Text size="xs" c="dimmed" data-testid="aftercare-version">
                    {t('consentPage.version', {
                      version: tpl.version,
                      when: formatDateTime(tpl.createdAt, locale),
                    })}
                  </Text>
                </Group>
                {owner && (
                  <Button variant="light" onClick={() => setEditing(tpl)} data-testid="aftercare-new-version">
                    {t('consentPage.newVersion')}
                  </Button>
                )}
              </Group>
              <AftercareStepsTable steps={tpl.steps} />
              {earlier.length > 0 && (
                <Accordion variant="separated" mt="md" data-testid="aftercare-earlier">
                  {earlier.map((old) => (
                    <Accordion.Item key={old.id} value={old.id} data-testid="aftercare-earlier-version">
                      <Accordion.Control>
                        {t('aftercareEditor.earlierVersion', {
                          version: old.version,
                          when: formatDateTime(old.createdAt, locale),
                        })}
                      </Accordion.Control>
                      <Accordion.Panel>
                        <AftercareStepsTable steps={old.steps} />
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
              )}
            </Paper>
          );
        })}
      <AftercareTemplateEditor template={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function AftercareStepsTable({ steps }: { steps: readonly AftercareStep[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={520}
      headers={[t('consentPage.days'), t('consentPage.step'), t('consentPage.reminder')]}
    >
      {steps.map((s, i) => (
        <Table.Tr key={i} data-testid="aftercare-step">
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {s.untilDay === null
              ? t('consentPage.fromDay', { day: s.fromDay })
              : t('consentPage.dayRange', { from: s.fromDay, until: s.untilDay })}
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {s.title}
            </Text>
            <Text size="xs" c="dimmed">
              {s.instructions}
            </Text>
          </Table.Td>
          <Table.Td>{s.remind ? t('common.yes') : t('common.no')}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
