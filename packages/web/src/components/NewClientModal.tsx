import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateClientRequest, clientRequestsAsOf } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useIsClinical } from '../api/session.js';
import { describeError } from '../api/describe-error.js';
import { emptyClientForm, formValuesToCreateRequest, type ClientFormValues } from '../forms/client-form.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { formatPersonName, todayIso } from '../i18n/format.js';
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
        onSubmit={form.onSubmit((values) => create.mutate(values))}
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
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={requestClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="create-client-submit">
                {t('client.createSubmit')}
              </Button>
            </Group>
          </StickyActions>
        </Stack>
      </form>
    </Modal>
  );
}
