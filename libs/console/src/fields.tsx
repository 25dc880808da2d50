import type { ReactNode } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useController, type Control, type FieldValues, type Path, type RegisterOptions } from 'react-hook-form';
import { useI18n } from './i18n.js';

/**
 * Form fields: React Aria Components (labels, descriptions and errors tied
 * to the input for screen readers, keyboard use) bound to react-hook-form.
 * A field's error is react-hook-form's: a structure check as she types, or
 * what the API said about the field of that name (its dotted path).
 */
interface FieldProps<T extends FieldValues> {
  control: Control<T>;
  name: Path<T>;
  label: string;
  description?: ReactNode;
  isRequired?: boolean;
  rules?: RegisterOptions<T, Path<T>>;
}

export function TextInput<T extends FieldValues>(
  props: FieldProps<T> & { type?: 'text' | 'date' | 'password' | 'tel'; multiline?: boolean; inputMode?: 'numeric'; autoComplete?: string },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name, rules: props.rules });
  return (
    <TextField
      className="field"
      name={props.name}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      isRequired={props.isRequired}
      isInvalid={!!fieldState.error}
      validationBehavior="aria"
      type={props.multiline ? undefined : (props.type ?? 'text')}
      inputMode={props.inputMode}
      autoComplete={props.autoComplete}
    >
      <Label>
        {props.label}
        {props.isRequired ? <RequiredMark /> : null}
      </Label>
      {props.multiline ? <TextArea ref={field.ref} rows={3} /> : <Input ref={field.ref} />}
      {props.description ? <Text slot="description">{props.description}</Text> : null}
      <FieldError>{fieldState.error?.message}</FieldError>
    </TextField>
  );
}

function RequiredMark() {
  const { t } = useI18n();
  return <span className="required"> ({t('required')})</span>;
}

export function SelectInput<T extends FieldValues>(
  props: FieldProps<T> & { options: ReadonlyArray<{ id: string; label: string }>; placeholder?: string },
) {
  const { t } = useI18n();
  const { field, fieldState } = useController({ control: props.control, name: props.name, rules: props.rules });
  return (
    <Select
      className="field select"
      name={props.name}
      selectedKey={field.value || null}
      onSelectionChange={(key) => field.onChange(key === null ? '' : String(key))}
      onBlur={field.onBlur}
      isRequired={props.isRequired}
      isInvalid={!!fieldState.error}
      validationBehavior="aria"
      placeholder={props.placeholder ?? t('choose')}
    >
      <Label>
        {props.label}
        {props.isRequired ? <RequiredMark /> : null}
      </Label>
      <Button ref={field.ref}>
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      {props.description ? <Text slot="description">{props.description}</Text> : null}
      <FieldError>{fieldState.error?.message}</FieldError>
      <Popover>
        <ListBox>
          {props.options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} textValue={o.label}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function CheckboxesInput<T extends FieldValues>(props: FieldProps<T> & { options: ReadonlyArray<{ id: string; label: string }> }) {
  const { field, fieldState } = useController({ control: props.control, name: props.name, rules: props.rules });
  return (
    <CheckboxGroup
      className="field checkboxes"
      name={props.name}
      value={field.value ?? []}
      onChange={field.onChange}
      isRequired={props.isRequired}
      isInvalid={!!fieldState.error}
      validationBehavior="aria"
    >
      <Label>
        {props.label}
        {props.isRequired ? <RequiredMark /> : null}
      </Label>
      <div className="options">
        {props.options.map((o) => (
          <Checkbox key={o.id} value={o.id}>
            <Box />
            {o.label}
          </Checkbox>
        ))}
      </div>
      {props.description ? <Text slot="description">{props.description}</Text> : null}
      <FieldError>{fieldState.error?.message}</FieldError>
    </CheckboxGroup>
  );
}

function Box() {
  return (
    <span className="box" aria-hidden="true">
      <svg viewBox="0 0 18 18">
        <polyline points="2 9 7 14 16 4" />
      </svg>
    </span>
  );
}

export function CheckboxInput<T extends FieldValues>(props: Omit<FieldProps<T>, 'description' | 'isRequired'>) {
  const { field, fieldState } = useController({ control: props.control, name: props.name, rules: props.rules });
  return (
    <div className="field">
      <Checkbox
        name={props.name}
        isSelected={!!field.value}
        onChange={field.onChange}
        isInvalid={!!fieldState.error}
        validationBehavior="aria"
        inputRef={field.ref}
      >
        <Box />
        {props.label}
      </Checkbox>
      {fieldState.error ? <p className="error">{fieldState.error.message}</p> : null}
    </div>
  );
}

export function RadioInput<T extends FieldValues>(
  props: FieldProps<T> & { options: ReadonlyArray<{ id: string; label: string; description?: string }> },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name, rules: props.rules });
  return (
    <RadioGroup
      className="field radios"
      name={props.name}
      value={field.value || null}
      onChange={field.onChange}
      isRequired={props.isRequired}
      isInvalid={!!fieldState.error}
      validationBehavior="aria"
    >
      <Label>
        {props.label}
        {props.isRequired ? <RequiredMark /> : null}
      </Label>
      {props.options.map((o) => (
        <Radio key={o.id} value={o.id}>
          <span className="dot" aria-hidden="true" />
          <span>
            <strong>{o.label}</strong>
            {o.description ? <span className="hint"> {o.description}</span> : null}
          </span>
        </Radio>
      ))}
      <FieldError>{fieldState.error?.message}</FieldError>
    </RadioGroup>
  );
}

/** The options of a vocabulary, labelled from one section of the dictionary. */
export function optionsOf<K extends string>(codes: readonly K[], labels: Record<K, string>): Array<{ id: K; label: string }> {
  return codes.map((id) => ({ id, label: labels[id] }));
}
