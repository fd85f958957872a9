import { createContext, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useBlocker } from 'react-router';

interface UnsavedChangesContext {
  setDirty: (key: string, dirty: boolean) => void;
  /** Asks before `discard` runs while anything is unsaved; runs it at once otherwise. */
  confirmDiscard: (key: string, discard: () => void) => void;
}

const Context = createContext<UnsavedChangesContext | null>(null);

/**
 * Work is never lost silently. Every form with changes registers here (useUnsavedChanges); then
 * leaving the page by a link or the back button asks first (one react-router blocker for the
 * whole app: a router honours only one), and so do reloading or closing the tab (beforeunload:
 * the browser's own question). Dialogs ask the same question before Escape, a click outside or
 * Cancel throws their form away.
 */
export function UnsavedChangesRoot() {
  const { t } = useTranslation();
  const dirty = useRef(new Set<string>());
  const [pending, setPending] = useState<(() => void) | null>(null);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty.current.size > 0 &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current.size === 0) return;
      event.preventDefault();
      // Older browsers show the question only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const context = useMemo<UnsavedChangesContext>(
    () => ({
      setDirty: (key, isDirty) => {
        if (isDirty) dirty.current.add(key);
        else dirty.current.delete(key);
      },
      confirmDiscard: (key, discard) => {
        if (dirty.current.has(key)) setPending(() => discard);
        else discard();
      },
    }),
    [],
  );

  const asking = blocker.state === 'blocked' || pending !== null;
  const keepEditing = () => {
    if (blocker.state === 'blocked') blocker.reset();
    setPending(null);
  };
  const discard = () => {
    if (blocker.state === 'blocked') blocker.proceed();
    pending?.();
    setPending(null);
  };

  return (
    <Context.Provider value={context}>
      <Outlet />
      <Modal
        opened={asking}
        onClose={keepEditing}
        title={t('unsaved.title')}
        centered
        zIndex={1000}
        data-testid="unsaved-changes-dialog"
      >
        <Text mb="lg">{t(blocker.state === 'blocked' ? 'unsaved.leaveText' : 'unsaved.closeText')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={keepEditing} data-testid="keep-editing" data-autofocus>
            {t('unsaved.keepEditing')}
          </Button>
          <Button color="red" onClick={discard} data-testid="discard-changes">
            {t('unsaved.discard')}
          </Button>
        </Group>
      </Modal>
    </Context.Provider>
  );
}

export interface UnsavedChanges {
  /** Runs `discard` (closing a dialog, Cancel), asking first while there are unsaved changes. */
  confirmDiscard: (discard: () => void) => void;
  /** The changes were saved (or thrown away): a navigation right after must not ask. */
  saved: () => void;
}

/** Registers a form's unsaved changes while `dirty`. */
export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const context = useContext(Context);
  const key = useId();
  useEffect(() => {
    context?.setDirty(key, dirty);
    return () => context?.setDirty(key, false);
  }, [context, key, dirty]);
  return useMemo(
    () => ({
      confirmDiscard: (discard: () => void) => (context ? context.confirmDiscard(key, discard) : discard()),
      saved: () => context?.setDirty(key, false),
    }),
    [context, key],
  );
}
