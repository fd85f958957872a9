import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  CreateClientRequest,
  clientRequestsAsOf,
  duplicateSearches,
  possibleDuplicates,
  type ClientSummary,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useIsClinical } from '../api/session.js';
import { describeError } from '../api/describe-error.js';
import { emptyClientForm, formValuesToCreateRequest, type ClientFormValues } from '../forms/client-form.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { formatIsoDate, formatPersonName, todayIso } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { ClientForm } from './ClientForm.js';
import { useUnsavedChanges } from './UnsavedChanges.js';
import { StickyActions } from './StickyActions.js';

export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const clinical = useIsClinical();

  const form = useForm<ClientFormValues>({
    initialValues: emptyClientForm(locale),
    validate: validateWithSchema(clientRequestsAsOf(todayIso()).create, formValuesToCreateRequest, t),
    validateInputOnBlur: true,
  });

  // Clients on record who may be this person, shown once for exactly what was typed: a second
  // press of "Add anyway" with nothing changed adds the client; any change looks again.
  const [duplicates, setDuplicates] = useState<{ request: string; clients: ClientSummary[] } | null>(null);
  const lookForDuplicates = useMutation({
    mutationFn: async (request: CreateClientRequest) => {
      const pages = await Promise.all(
        duplicateSearches(request).map((q) => api.listClients({ q, archived: 'include', pageSize: 20 })),
      );
      return possibleDuplicates(
        request,
        pages.flatMap((p) => p.items),
      );
    },
  });
  const submit = async (values: ClientFormValues) => {
    const request = CreateClientRequest.parse(formValuesToCreateRequest(values));
    const key = JSON.stringify(request);
    if (duplicates?.request !== key) {
      const found = await lookForDuplicates.mutateAsync(request).catch(() => null);
      if (found === null) return;
      setDuplicates(found.length > 0 ? { request: key, clients: found } : null);
      if (found.length > 0) return;
    }
    create.mutate(values);
  };
  const warned = duplicates !== null && duplicates.clients.length > 0;

  const create = useMutation({
    mutationFn: (values: ClientFormValues) =>
      api.createClient(CreateClientRequest.parse(formValuesToCreateRequest(values))),
    onSuccess: async (client) => {
      await queryClient.invalidateQueries({ queryKey: ['clients'] });
      queryClient.setQueryData(['client', client.id], client);
      notifications.show({
        color: 'teal',
        message: t('clients.created', { name: formatPersonName(client) }),
      });
      close();
      void navigate(`/clients/${client.id}`);
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  function close() {
    unsaved.saved();
    form.reset();
    create.reset();
    lookForDuplicates.reset();
    setDuplicates(null);
    onClose();
  }
  // Escape, a click outside, the close button and Cancel all ask before typed details are lost.
  const unsaved = useUnsavedChanges(opened && form.isDirty());
  const requestClose = () => unsaved.confirmDiscard(close);

  const generalError = create.error && Object.keys(serverFieldErrors(create.error, t)).length === 0;

  return (
    <Modal
      opened={opened}
      onClose={requestClose}
      title={t('client.createTitle')}
      fullScreen={false}
      size="xl"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => void submit(values))}
        data-testid="new-client-form"
      >
        <Stack gap="lg">
          {generalError && (
            <Alert color="red" role="alert">
              {describeError(create.error, t)}
            </Alert>
          )}
          <ClientForm form={form} clinical={clinical} />
          <StickyActions dialog>
            {lookForDuplicates.isError && (
              <Alert color="red" role="alert">
                {describeError(lookForDuplicates.error, t)}
              </Alert>
            )}
            {warned && (
              <Alert color="yellow" title={t('client.duplicatesTitle')} data-testid="possible-duplicates">
                <Text size="sm">{t('client.duplicatesBody', { count: duplicates.clients.length })}</Text>
                {/* Each one a whole row to tap (44 px at least): a name alone was too small a target on a tablet. */}
                <Stack gap={4} mt={6}>
                  {duplicates.clients.map((c) => (
                    <UnstyledButton
                      key={c.id}
                      type="button"
                      data-testid="possible-duplicate"
                      onClick={() =>
                        unsaved.confirmDiscard(() => {
                          close();
                          void navigate(`/clients/${c.id}`);
                        })
                      }
                      px="xs"
                      py={6}
                      style={{
                        display: 'block',
                        width: '100%',
                        textAlign: 'left',
                        minHeight: 44,
                        borderRadius: 6,
                        background: 'var(--mantine-color-white)',
                        border: '1px solid var(--mantine-color-yellow-5)',
                      }}
                    >
                      <Text size="sm" span fw={600} c="blue.8" td="underline">
                        {formatPersonName(c)}
                      </Text>
                      <Text size="sm" span>
                        {[
                          c.dateOfBirth && formatIsoDate(c.dateOfBirth, locale),
                          c.email,
                          c.phone,
                          c.archivedAt && t('client.duplicateArchived'),
                        ]
                          .filter(Boolean)
                          .map((part) => ` · ${part}`)
                          .join('')}
                      </Text>
                    </UnstyledButton>
                  ))}
                </Stack>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={requestClose}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={create.isPending || lookForDuplicates.isPending}
                data-testid="create-client-submit"
              >
                {t(warned ? 'client.createAnyway' : 'client.createSubmit')}
              </Button>
            </Group>
          </StickyActions>
        </Stack>
      </form>
    </Modal>
  );
}
