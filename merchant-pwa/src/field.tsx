/** A labelled text field with large type: the label above, what is typed below. */

export interface FieldProps {
  label: string;
  id: string;
  value: string;
  onValue: (value: string) => void;
  inputMode?: 'numeric' | 'decimal' | 'text';
  placeholder?: string;
  maxLength?: number;
  enterKeyHint?: 'search' | 'done' | 'next';
}

export function Field({ label, value, onValue, ...input }: FieldProps) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        autoComplete="off"
        {...input}
        value={value}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}
