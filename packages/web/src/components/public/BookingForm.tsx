import { useRef } from 'react';
import { Alert, Box, Button, Checkbox, Chip, Group, Input, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BOOKING_CONCERNS, CreateBookingRequest, type BookingReceipt, type Slot } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { isApiRequestError } from '../../api/api-error.js';
import { serverFieldErrors, validateWithSchema } from '../../forms/schema-form.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { scrollToFirstError } from '../scroll-to-first-error.js';

interface Values {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  concerns: string[];
  message: string;
  privacyAccepted: boolean;
  /** The honeypot: hidden from people, filled by robots. */
  website: string;
}

/** Who is booking and what they want; the time was chosen before. */
export function BookingForm({
  slug,
  type,
  slot,
  artistId,
  onBooked,
  onSlotGone,
}: {
  slug: string;
  type: string;
  slot: Slot;
  artistId: string | null;
  onBooked: (receipt: BookingReceipt, email: string) => void;
  onSlotGone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const toRequest = (v: Values) => ({
    type,
    startsAt: slot.startsAt,
    ...(artistId ? { artistId } : {}),
    givenName: v.givenName,
    familyName: v.familyName,
    email: v.email,
    phone: v.phone.trim() ? v.phone : null,
    locale,
    concerns: v.concerns,
    message: v.message,
    privacyAccepted: v.privacyAccepted,
    website: v.website,
  });
  const form = useForm<Values>({
    initialValues: {
      givenName: '',
      familyName: '',
      email: '',
      phone: '',
      concerns: [],
      message: '',
      privacyAccepted: false,
      website: '',
    },
    validate: validateWithSchema(CreateBookingRequest, toRequest, t),
  });
  const book = useMutation({
    mutationFn: (v: Values) =>
      api.createBooking(slug, toRequest(v) as Parameters<typeof api.createBooking>[1]),
    onSuccess: (receipt, v) => onBooked(receipt, v.email.trim().toLowerCase()),
    onError: (err) => {
      if (isApiRequestError(err) && err.code === 'slot_unavailable') onSlotGone();
      form.setErrors(serverFieldErrors(err, t));
    },
  });
  const slotGone = isApiRequestError(book.error) && book.error.code === 'slot_unavailable';

  return (
    <Box ref={root}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (form.validate().hasErrors) scrollToFirstError(root.current);
          else book.mutate(form.getValues());
        }}
      >
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput
              label={t('public.givenName')}
              autoComplete="given-name"
              data-testid="book-given-name"
              {...form.getInputProps('givenName')}
            />
            <TextInput
              label={t('public.familyName')}
              autoComplete="family-name"
              withAsterisk
              data-testid="book-family-name"
              {...form.getInputProps('familyName')}
            />
          </Group>
          <TextInput
            label={t('public.email')}
            description={t('public.emailHint')}
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            withAsterisk
            data-testid="book-email"
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('public.phone')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            data-testid="book-phone"
            {...form.getInputProps('phone')}
          />
          <Stack gap={6}>
            <Input.Label>{t('public.concerns')}</Input.Label>
            <Chip.Group multiple {...form.getInputProps('concerns')}>
              <Group gap="xs">
                {BOOKING_CONCERNS.map((c) => (
                  <Chip key={c} value={c} size="md" data-testid={`concern-${c}`}>
                    {t(`public.concern.${c}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
          <Textarea
            label={t('public.message')}
            description={t('public.messageHint')}
            autosize
            minRows={3}
            data-testid="book-message"
            {...form.getInputProps('message')}
          />
          {/* Hidden from people and from screen readers; robots fill it in. */}
          <Box
            aria-hidden
            style={{ position: 'absolute', left: -10_000, width: 1, height: 1, overflow: 'hidden' }}
          >
            <label>
              Website
              <input tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
            </label>
          </Box>
          <Checkbox
            label={t('public.privacy')}
            data-testid="book-privacy"
            {...form.getInputProps('privacyAccepted', { type: 'checkbox' })}
          />
          {book.isError && !Object.keys(serverFieldErrors(book.error, t)).length && (
            <Alert color="red" role="alert" data-testid="book-error">
              {slotGone ? t('public.slotGone') : describeError(book.error, t)}
            </Alert>
          )}
          <Button type="submit" size="lg" loading={book.isPending} data-testid="book-submit">
            {t('public.book')}
          </Button>
        </Stack>
      </form>
    </Box>
  );
}
