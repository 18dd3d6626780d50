// The labelled drop-downs for the fixed lists (categories, target models) used by the analyser, the
// prompt and template forms and the list filters: one place names their options.
import { CATEGORIES, TARGET_LABELS, TARGET_LLMS } from "../lib/types";
import { SelectField } from "./ui";

interface ChoiceSelectProps {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  /** A first option with the value "" ("Any", "Same as the template …"). */
  empty?: string;
  hint?: string;
  error?: string;
}

export function CategorySelect({ label = "Category", onChange, ...props }: ChoiceSelectProps) {
  return <SelectField label={label} {...props} options={CATEGORIES} onValue={onChange} />;
}

export function TargetModelSelect({ label = "Target model", onChange, ...props }: ChoiceSelectProps) {
  return (
    <SelectField
      label={label}
      {...props}
      options={TARGET_LLMS}
      labelOf={(t) => TARGET_LABELS[t] ?? t}
      onValue={onChange}
    />
  );
}
