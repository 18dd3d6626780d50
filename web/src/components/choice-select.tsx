// The labelled drop-downs for the fixed lists (categories, target models) used by the analyser, the
// prompt and template forms and the list filters: one place renders options and their labels.
import { CATEGORIES, TARGET_LABELS, TARGET_LLMS } from "../lib/types";
import { Field } from "./ui";

interface ChoiceSelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A first option with the value "" ("Any", "Same as the template …"). */
  empty?: string;
  hint?: string;
  error?: string;
}

function ChoiceSelect({
  choices,
  labelOf,
  label,
  value,
  onChange,
  empty,
  hint,
  error,
}: ChoiceSelectProps & { choices: readonly string[]; labelOf: (choice: string) => string }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {choices.map((c) => (
            <option key={c} value={c}>
              {labelOf(c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CategorySelect(props: Omit<ChoiceSelectProps, "label"> & { label?: string }) {
  return <ChoiceSelect label="Category" {...props} choices={CATEGORIES} labelOf={(c) => c} />;
}

export function TargetModelSelect(props: Omit<ChoiceSelectProps, "label"> & { label?: string }) {
  return (
    <ChoiceSelect
      label="Target model"
      {...props}
      choices={TARGET_LLMS}
      labelOf={(t) => TARGET_LABELS[t] ?? t}
    />
  );
}
