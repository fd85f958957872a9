import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';

/**
 * What a person typed into a number field: nothing (undefined), a number (a decimal point or a
 * comma), or, when it is not a number, the text itself, so that validation names it and nothing
 * is changed behind their back ("1e9" stays "1e9", "-180" stays -180, never clamped).
 */
export function parseNumberText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return text;
  return Number(trimmed.replace(',', '.'));
}

const toText = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export type NumberFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  value: number | string | null | undefined;
  onChange: (value: number | string | undefined) => void;
};

/**
 * A number typed as text: the field shows exactly what was typed (no clamping on blur, no
 * characters dropped), hands a number up when it is one, and the form's validation (the shared
 * schema) says beside the field what is wrong, in the user's language.
 */
export function NumberField({ value, onChange, ...props }: NumberFieldProps) {
  const [text, setText] = useState(() => toText(value));
  const [seen, setSeen] = useState(value);
  // A value set from outside (a reset, a measurement) replaces the text; our own echo does not.
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!Object.is(parseNumberText(text), value)) setText(toText(value));
  }
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      {...props}
      value={text}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parseNumberText(next);
        setSeen(parsed);
        onChange(parsed);
      }}
    />
  );
}
