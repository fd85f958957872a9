/**
 * Brings the first field marked invalid inside `root` into view, after React has drawn the
 * errors: long editors in a modal would otherwise show only the summary at the bottom.
 */
export function scrollToFirstError(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
  });
}
