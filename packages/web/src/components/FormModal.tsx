import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Modal, type ModalProps } from '@mantine/core';
import { useUnsavedChanges } from './UnsavedChanges.js';

interface FormModalContext {
  setDirty: (dirty: boolean) => void;
  requestClose: () => void;
  saved: () => void;
}

const Context = createContext<FormModalContext | null>(null);

/**
 * A dialog holding a form. While the form inside reports changes (useFormModal), Escape, a click
 * outside, the close button and Cancel ask before throwing them away, and so does leaving the
 * page (UnsavedChanges.tsx).
 */
export function FormModal({ onClose, children, ...props }: ModalProps & { children: ReactNode }) {
  const [dirty, setDirty] = useState(false);
  const unsaved = useUnsavedChanges(props.opened && dirty);
  // Callers pass a new arrow each render; the context stays the same.
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  const context = useMemo<FormModalContext>(
    () => ({
      setDirty,
      requestClose: () =>
        unsaved.confirmDiscard(() => {
          setDirty(false);
          close.current();
        }),
      saved: () => {
        unsaved.saved();
        setDirty(false);
      },
    }),
    [unsaved],
  );
  return (
    <Modal {...props} onClose={context.requestClose}>
      <Context.Provider value={context}>{children}</Context.Provider>
    </Modal>
  );
}

/**
 * For the form inside a FormModal: reports whether it has unsaved changes, and gives the close
 * that asks first (for Cancel) and `saved()` for right after a successful save that navigates.
 */
export function useFormModal(dirty: boolean): { requestClose: () => void; saved: () => void } {
  const context = useContext(Context);
  useEffect(() => {
    context?.setDirty(dirty);
  }, [context, dirty]);
  useEffect(() => () => context?.setDirty(false), [context]);
  return {
    requestClose: context?.requestClose ?? (() => undefined),
    saved: context?.saved ?? (() => undefined),
  };
}
