import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CreateLotRequest,
  CreateProductRequest,
  type InventoryLot,
  type InventoryProduct,
  type ProductKind,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { formatIsoDate } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DataTable } from '../components/DataTable.js';
import { DateField } from '../components/fields/DateField.js';
import { NumberField } from '../components/fields/NumberField.js';
import { useChangedSinceSave } from '../forms/field-errors.js';
import { issuesToFieldErrors } from '../forms/schema-form.js';
import { checkValue } from '../forms/validation-messages.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';
import { StickyActions } from '../components/StickyActions.js';

const fieldErrors = (err: unknown): Record<string, string> =>
  isApiRequestError(err) ? Object.fromEntries(err.fields.map((f) => [f.field, f.message])) : {};

/** Pigments and needles with their lots and label data; the owner adds them, anyone clinical recalls a lot. */
export function InventoryPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const owner = useSignedInSession().user.role === 'owner';
  const inventory = useQuery({ queryKey: ['inventory'], queryFn: () => api.inventory() });
  const [adding, setAdding] = useState(false);
  const [lotFor, setLotFor] = useState<InventoryProduct | null>(null);
  const [recall, setRecall] = useState<InventoryLot | null>(null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('inventory.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('inventory.intro')}
          </Text>
        </Stack>
        {owner && (
          <Button
            leftSection={<IconPlus size={18} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="add-product"
          >
            {t('inventory.addProduct')}
          </Button>
        )}
      </Group>
      {inventory.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {inventory.isError && <Alert color="red">{describeError(inventory.error, t)}</Alert>}
      {inventory.data?.items.length === 0 && <Text c="dimmed">{t('inventory.empty')}</Text>}
      {inventory.data?.items.map((p) => (
        <Paper key={p.id} withBorder radius="md" p="md" data-testid="product">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Badge variant="light" color={p.kind === 'pigment' ? 'dark' : 'blue'}>
                  {t(`inventory.kinds.${p.kind}`)}
                </Badge>
                <Text fw={600}>{p.name}</Text>
                {p.needleConfiguration && (
                  <Text c="dimmed">
                    {p.needleConfiguration}
                    {p.needleDiameterMm ? ` · ${p.needleDiameterMm} mm` : ''}
                  </Text>
                )}
                {p.shade && <Text c="dimmed">{p.shade}</Text>}
              </Group>
              <Text size="sm">
                {t('inventory.manufacturer')}: {p.manufacturer}
              </Text>
              {p.ingredients && (
                <Text size="sm" c="dimmed">
                  {t('inventory.ingredients')}: {p.ingredients}
                </Text>
              )}
              {p.warnings && (
                <Text size="sm" c="dimmed">
                  {t('inventory.warnings')}: {p.warnings}
                </Text>
              )}
            </Stack>
            {owner && (
              <Button variant="light" onClick={() => setLotFor(p)} data-testid="add-lot">
                {t('inventory.addLot')}
              </Button>
            )}
          </Group>
          <DataTable
            minWidth={560}
            mt="sm"
            headers={[t('inventory.lot'), t('inventory.expires'), t('inventory.opened'), null]}
          >
            {p.lots.map((l) => (
              <Table.Tr key={l.id} data-testid="lot-row">
                <Table.Td>{l.lotNumber}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {formatIsoDate(l.expiresOn, locale)}
                    {l.expired && (
                      <Badge color="red" variant="light">
                        {t('inventory.expired')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{l.openedOn ? formatIsoDate(l.openedOn, locale) : t('common.notSet')}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    leftSection={<IconSearch size={16} aria-hidden />}
                    onClick={() => setRecall(l)}
                    data-testid="recall-lot"
                  >
                    {t('inventory.recall')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Paper>
      ))}
      <AddProductModal opened={adding} onClose={() => setAdding(false)} />
      <AddLotModal product={lotFor} onClose={() => setLotFor(null)} />
      <RecallModal lot={recall} onClose={() => setRecall(null)} />
    </Stack>
  );
}

function AddProductModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ProductKind>('pigment');
  const [name, setName] = useState('');
  const [manufacturer, setManufacturer] = useState('');
  const [shade, setShade] = useState('');
  const [config, setConfig] = useState('');
  // As typed: a number, the text when it is not one (refused beside the field), or nothing.
  const [diameter, setDiameter] = useState<number | string | undefined>(undefined);
  const [diameterError, setDiameterError] = useState<string | null>(null);
  const [ingredients, setIngredients] = useState('');
  const unsaved = useUnsavedChanges(
    opened &&
      [name, manufacturer, shade, config, String(diameter ?? ''), ingredients].some((v) => v.trim() !== ''),
  );
  const requestClose = () => unsaved.confirmDiscard(onClose);
  const changedSinceSave = useChangedSinceSave();
  const create = useMutation({
    mutationFn: () => {
      // The diameter as typed, checked by the shared rule (0.1-1 mm), never rounded or read as another number.
      const checked = checkValue(
        CreateProductRequest.shape.needleDiameterMm,
        kind === 'needle' ? (diameter ?? null) : null,
        t,
      );
      setDiameterError(checked.ok ? null : checked.message);
      changedSinceSave.saving();
      if (!checked.ok) throw new Error('incomplete');
      return api.createProduct({
        kind,
        name,
        manufacturer,
        shade: kind === 'pigment' && shade ? shade : null,
        needleConfiguration: kind === 'needle' ? config : null,
        needleDiameterMm: checked.value,
        ingredients,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inventory'] });
      onClose();
    },
  });
  const answered = fieldErrors(create.error);
  // The server's error of a field goes as soon as the field is changed.
  const errors = changedSinceSave.shownAll(answered);
  return (
    <Modal opened={opened} onClose={requestClose} title={t('inventory.addProduct')}>
      <Stack>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v)}
          data={[
            { value: 'pigment', label: t('inventory.kinds.pigment') },
            { value: 'needle', label: t('inventory.kinds.needle') },
          ]}
        />
        <TextInput
          label={t('inventory.name')}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            changedSinceSave.markChanged('name');
          }}
          error={errors.name}
        />
        <TextInput
          label={t('inventory.manufacturer')}
          value={manufacturer}
          onChange={(e) => {
            setManufacturer(e.currentTarget.value);
            changedSinceSave.markChanged('manufacturer');
          }}
          error={errors.manufacturer}
        />
        {kind === 'pigment' ? (
          <>
            <TextInput
              label={t('inventory.shade')}
              value={shade}
              onChange={(e) => setShade(e.currentTarget.value)}
            />
            <Textarea
              label={t('inventory.ingredients')}
              description={t('inventory.ingredientsHint')}
              value={ingredients}
              onChange={(e) => setIngredients(e.currentTarget.value)}
            />
          </>
        ) : (
          <Group grow>
            <TextInput
              label={t('inventory.configuration')}
              placeholder="3RL"
              value={config}
              onChange={(e) => {
                setConfig(e.currentTarget.value);
                changedSinceSave.markChanged('needleConfiguration');
              }}
              error={errors.needleConfiguration}
            />
            <NumberField
              label={t('inventory.diameter')}
              value={diameter}
              onChange={(v) => {
                setDiameter(v);
                setDiameterError(null);
                changedSinceSave.markChanged('needleDiameterMm');
              }}
              error={diameterError ?? errors.needleDiameterMm}
              data-testid="needle-diameter"
            />
          </Group>
        )}
        {create.error && create.error.message !== 'incomplete' && !Object.keys(answered).length && (
          <Alert color="red">{describeError(create.error, t)}</Alert>
        )}
        <StickyActions dialog>
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button loading={create.isPending} onClick={() => create.mutate()}>
              {t('common.save')}
            </Button>
          </Group>
        </StickyActions>
      </Stack>
    </Modal>
  );
}

function AddLotModal({ product, onClose }: { product: InventoryProduct | null; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [lotNumber, setLotNumber] = useState('');
  // The days as typed: one that does not exist is refused beside its field, never rolled over.
  const [expiresOn, setExpiresOn] = useState<string | undefined>(undefined);
  const [openedOn, setOpenedOn] = useState<string | undefined>(undefined);
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  // A field's error goes as soon as it is changed; the others stay until the next try.
  const changedSinceSave = useChangedSinceSave();
  const unsaved = useUnsavedChanges(
    product !== null && (lotNumber.trim() !== '' || expiresOn !== undefined || openedOn !== undefined),
  );
  const requestClose = () => unsaved.confirmDiscard(onClose);
  const create = useMutation({
    mutationFn: () => {
      // The days as typed, checked by the shared rules before anything is sent.
      const body = { lotNumber, expiresOn: expiresOn ?? '', openedOn: openedOn ?? null };
      const parsed = CreateLotRequest.safeParse(body, { reportInput: true });
      setCheckErrors(parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t));
      changedSinceSave.saving();
      if (!parsed.success) throw new Error('incomplete');
      return api.createLot(product!.id, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inventory'] });
      setLotNumber('');
      onClose();
    },
  });
  const errors = changedSinceSave.shownAll({ ...fieldErrors(create.error), ...checkErrors });
  return (
    <Modal
      opened={product !== null}
      onClose={requestClose}
      title={`${t('inventory.addLot')} · ${product?.name ?? ''}`}
    >
      <Stack>
        <TextInput
          label={t('inventory.lot')}
          value={lotNumber}
          onChange={(e) => {
            setLotNumber(e.currentTarget.value);
            changedSinceSave.markChanged('lotNumber');
          }}
          error={errors.lotNumber}
          data-testid="lot-number"
        />
        <DateField
          label={t('inventory.expires')}
          value={expiresOn}
          onChange={(v) => {
            setExpiresOn(v);
            changedSinceSave.markChanged('expiresOn');
          }}
          error={errors.expiresOn}
          data-testid="lot-expires"
        />
        <DateField
          label={t('inventory.opened')}
          value={openedOn}
          onChange={(v) => {
            setOpenedOn(v);
            changedSinceSave.markChanged('openedOn');
          }}
          error={errors.openedOn}
          clearable
          data-testid="lot-opened"
        />
        <StickyActions dialog>
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button loading={create.isPending} onClick={() => create.mutate()} data-testid="lot-save">
              {t('common.save')}
            </Button>
          </Group>
        </StickyActions>
      </Stack>
    </Modal>
  );
}

function RecallModal({ lot, onClose }: { lot: InventoryLot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const report = useQuery({
    queryKey: ['recall', lot?.id],
    queryFn: () => api.recall(lot!.id),
    enabled: Boolean(lot),
  });
  return (
    <Modal
      opened={lot !== null}
      onClose={onClose}
      title={t('inventory.recallTitle', { lot: lot?.lotNumber ?? '' })}
      size="xl"
    >
      <Stack data-testid="recall-report">
        {report.data && (
          <Text>
            {t('inventory.recallSummary', {
              clients: report.data.clients,
              sessions: report.data.uses.length,
            })}
          </Text>
        )}
        {report.error && <Alert color="red">{describeError(report.error, t)}</Alert>}
        <DataTable
          minWidth={520}
          headers={[t('inventory.client'), t('inventory.sessionDate'), t('calendar.artist')]}
        >
          {report.data?.uses.map((u) => (
            <Table.Tr key={u.sessionId}>
              <Table.Td>
                <Anchor component={Link} to={`/clients/${u.clientId}`}>
                  {u.clientName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {formatIsoDate(u.performedOn, locale)}
                {u.sessionNumber ? ` · ${t('appointmentKinds.session')} ${u.sessionNumber}` : ''}
              </Table.Td>
              <Table.Td>{u.artistName}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Stack>
    </Modal>
  );
}
