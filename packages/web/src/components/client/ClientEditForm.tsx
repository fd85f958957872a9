// The client's record in edit: the fields of the client form, saved with the version it read.
import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useIsClinical } from '../../api/session.js';
import { UpdateClientRequest, clientRequestsAsOf, type Client } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import {
  clientToFormValues,
  formValuesToCreateRequest,
  formValuesToUpdateRequest,
  type ClientFormValues,
} from '../../forms/client-form.js';
import { serverFieldErrors, validateWithSchema } from '../../forms/schema-form.js';
import { todayIso } from '../../i18n/format.js';
import { ClientForm } from '../ClientForm.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';

export function ClientEditForm({
  client,
  onDone,
  onSaved,
}: {
  client: Client;
  onDone: () => void;
  onSaved: (c: Client) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(client);

  const clinical = useIsClinical();
  const form = useForm<ClientFormValues>({
    initialValues: clientToFormValues(client),
    validate: validateWithSchema(clientRequestsAsOf(todayIso()).create, formValuesToCreateRequest, t),
    validateInputOnBlur: true,
  });
  const unsaved = useUnsavedChanges(form.isDirty());

  const save = useMutation({
    mutationFn: (values: ClientFormValues) =>
      api.updateClient(base.id, UpdateClientRequest.parse(formValuesToUpdateRequest(values, base))),
    onSuccess: (updated) => {
      unsaved.saved();
      onSaved(updated);
      notifications.show({ color: 'teal', message: t('client.savedNotice') });
      onDone();
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  const reload = useMutation({
    mutationFn: () => api.getClient(base.id),
    onSuccess: (fresh) => {
      queryClient.setQueryData(['client', fresh.id], fresh);
      setBase(fresh);
      form.setInitialValues(clientToFormValues(fresh));
      form.setValues(clientToFormValues(fresh));
      form.resetDirty(clientToFormValues(fresh));
      save.reset();
    },
  });

  const conflict = isApiRequestError(save.error) && save.error.status === 409;
  const otherError =
    save.error && !conflict && Object.keys(serverFieldErrors(save.error, t)).length === 0 ? save.error : null;

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => save.mutate(values))}
        data-testid="edit-client-form"
      >
        <Stack gap="lg">
          {conflict && (
            <Alert color="orange" title={t('client.conflictTitle')} role="alert" data-testid="conflict-alert">
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('client.conflictBody')}</Text>
                <Button
                  variant="light"
                  color="orange"
                  leftSection={<IconRefresh size={18} aria-hidden />}
                  loading={reload.isPending}
                  onClick={() => reload.mutate()}
                  data-testid="conflict-reload"
                >
                  {t('client.reload')}
                </Button>
              </Stack>
            </Alert>
          )}
          {(otherError ?? reload.error) && (
            <Alert color="red" role="alert">
              {describeError(otherError ?? reload.error, t)}
            </Alert>
          )}
          <ClientForm form={form} clinical={clinical} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => unsaved.confirmDiscard(onDone)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!form.isDirty() || conflict}
              data-testid="save-client"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
