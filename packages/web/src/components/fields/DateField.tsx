import { DateInput, type DateInputProps } from '@mantine/dates';
import { IsoDate } from '@stipple/core';

const isIsoDate = (text: string) => IsoDate.safeParse(text).success;

export type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'dateParser' | 'fixOnBlur'> & {
  /** YYYY-MM-DD, or the text typed when it is not a real date (the form's check names it). */
  value: string | null | undefined;
  onChange: (value: string | undefined) => void;
};

/**
 * A date typed as YYYY-MM-DD or picked: a date that does not exist ("2090-13-45") is kept as
 * typed and handed up as text for the form to refuse, never rolled over to another day.
 */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder="YYYY-MM-DD"
      {...props}
      value={value && isIsoDate(value) ? value : null}
      // Only real dates parse; anything else stays in the field as typed.
      dateParser={(input) => (isIsoDate(input.trim()) ? input.trim() : null)}
      fixOnBlur={false}
      onChange={(picked) => onChange(picked ?? undefined)}
      onInput={(e) => {
        const typed = e.currentTarget.value.trim();
        onChange(typed === '' ? undefined : typed);
      }}
    />
  );
}
