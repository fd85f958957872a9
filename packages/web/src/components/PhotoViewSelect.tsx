import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PHOTO_VIEWS, type PhotoView } from '@stipple/core';

/** The view of a photo (top, back, left, …), named in the user's language. */
export function PhotoViewSelect({
  value,
  onChange,
  w,
  testId,
}: {
  value: PhotoView;
  onChange: (view: PhotoView) => void;
  w: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('photos.view')}
      data={PHOTO_VIEWS.map((v) => ({ value: v, label: t(`photoViews.${v}`) }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={w}
      comboboxProps={{ withinPortal: true }}
      {...(testId ? { 'data-testid': testId } : {})}
    />
  );
}
