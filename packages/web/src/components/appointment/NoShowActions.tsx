import { useState } from 'react';
import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { InlineFormFooter } from './InlineFormFooter.js';

/** Whether the desk may say the client did not come: it has begun, and nobody recorded a session. */
export const canMarkNoShow = (a: Appointment, now: number): boolean =>
  (a.status === 'booked' || a.status === 'requested') && !a.hasSessionRecord && Date.parse(a.startsAt) <= now;

/**
 * "The client did not come", once the appointment has begun, with an optional note; and undoing a
 * no-show marked by mistake, with the reason (both kept in the history).
 */
export function NoShowActions({
  appointment,
  onSaved,
  onEditing,
}: {
  appointment: Appointment;
  onSaved: (message: string) => Promise<void> | void;
  onEditing: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [text, setText] = useState('');
  // When the modal opened: a no-show can be marked once the appointment has begun.
  const [openedAt] = useState(Date.now);
  const missed = appointment.status === 'no_show';

  const save = useMutation({
    mutationFn: () =>
      missed
        ? api.undoNoShow(appointment.id, { reason: text.trim(), version: appointment.version })
        : api.markNoShow(appointment.id, { note: text.trim(), version: appointment.version }),
    onSuccess: () => {
      onEditing(false);
      void onSaved(missed ? t('attendance.noShowUndone') : t('attendance.noShowMarked'));
    },
  });

  if (!missed && !canMarkNoShow(appointment, openedAt)) return null;
  if (!asking)
    return (
      <Button
        variant={missed ? 'default' : 'light'}
        color={missed ? undefined : 'red'}
        onClick={() => {
          setText('');
          setAsking(true);
          onEditing(true);
        }}
        data-testid={missed ? 'undo-no-show' : 'mark-no-show'}
      >
        {missed ? t('attendance.undoNoShow') : t('attendance.markNoShow')}
      </Button>
    );
  return (
    <Stack gap="sm" data-testid="no-show-form">
      <Text size="sm">{missed ? t('attendance.undoNoShowHint') : t('attendance.markNoShowHint')}</Text>
      <TextInput
        label={missed ? t('attendance.reason') : t('attendance.note')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        data-testid="no-show-text"
      />
      <InlineFormFooter
        error={save.error}
        onBack={() => {
          setAsking(false);
          onEditing(false);
        }}
        confirmLabel={missed ? t('attendance.undoNoShow') : t('attendance.confirmNoShow')}
        onConfirm={() => save.mutate()}
        loading={save.isPending}
        color={missed ? undefined : 'red'}
        testId="no-show-confirm"
      />
    </Stack>
  );
}
