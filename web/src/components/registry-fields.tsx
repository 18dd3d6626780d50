// The registry parts of the prompt editor: the name (with folders), the type, chat messages with
// roles (add, remove, reorder), typed variables and the config checked against the published schema.

import type { SchemaIssue } from "../lib/json-schema";
import type { ChatMessage } from "../lib/registry-types";
import { MESSAGE_ROLES } from "../lib/registry-types";
import {
  emptyVariable,
  moveItem,
  patchAt,
  removeAt,
  VARIABLE_TYPES,
  type VariableDraft,
  type VariableIssue,
} from "../lib/variables";
import { Field, RemoveButton, SelectField, SmallButton, TextAreaField, TextField } from "./ui";

export function MessagesEditor({
  messages,
  onChange,
  problems,
}: {
  messages: ChatMessage[];
  onChange: (m: ChatMessage[]) => void;
  problems: { index: number; message: string }[];
}) {
  const set = (i: number, patch: Partial<ChatMessage>) => onChange(patchAt(messages, i, patch));
  const general = problems.find((p) => p.index === -1);
  return (
    <fieldset className="messages" data-testid="messages">
      <legend>Messages</legend>
      {general && <div className="field-error">{general.message}</div>}
      <ol className="message-list">
        {messages.map((m, i) => {
          const problem = problems.find((p) => p.index === i);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: messages have no identity beyond their place
            <li key={i} className="card message" data-role={m.role}>
              <div className="inline-fields">
                <SelectField
                  label={`Message ${i + 1} role`}
                  options={MESSAGE_ROLES}
                  value={m.role}
                  onValue={(v) => set(i, { role: v })}
                />
                <div className="row">
                  <SmallButton
                    disabled={i === 0}
                    label={`Move message ${i + 1} up`}
                    onClick={() => onChange(moveItem(messages, i, i - 1))}
                  >
                    ↑
                  </SmallButton>
                  <SmallButton
                    disabled={i === messages.length - 1}
                    label={`Move message ${i + 1} down`}
                    onClick={() => onChange(moveItem(messages, i, i + 1))}
                  >
                    ↓
                  </SmallButton>
                  <RemoveButton what={`message ${i + 1}`} onRemove={() => onChange(removeAt(messages, i))} />
                </div>
              </div>
              <TextAreaField
                label={`Message ${i + 1} text`}
                error={problem?.message}
                rows={4}
                value={m.content}
                onValue={(v) => set(i, { content: v })}
              />
            </li>
          );
        })}
      </ol>
      <div className="row">
        {MESSAGE_ROLES.map((r) => (
          <SmallButton key={r} onClick={() => onChange([...messages, { role: r, content: "" }])}>
            Add {r} message
          </SmallButton>
        ))}
      </div>
    </fieldset>
  );
}

export function VariablesEditor({
  rows,
  onChange,
  issues,
}: {
  rows: VariableDraft[];
  onChange: (rows: VariableDraft[]) => void;
  issues: VariableIssue[];
}) {
  const set = (i: number, patch: Partial<VariableDraft>) => onChange(patchAt(rows, i, patch));
  const issue = (row: number, field: VariableIssue["field"]) =>
    issues.find((x) => x.row === row && x.field === field)?.message;
  return (
    <fieldset className="variables" data-testid="variables">
      <legend>Variables</legend>
      {rows.length === 0 && (
        <p className="muted small">No declared variables: any {"{{name}}"} is free text.</p>
      )}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is edited in place; its name may change
        <div key={i} className="variable-row card" data-variable={i}>
          <div className="inline-fields">
            <TextField
              label={`Variable ${i + 1} name`}
              error={issue(i, "name")}
              maxLength={64}
              value={r.name}
              onValue={(v) => set(i, { name: v })}
            />
            <SelectField
              label={`Variable ${i + 1} type`}
              options={VARIABLE_TYPES}
              value={r.type}
              onValue={(v) => set(i, { type: v })}
            />
            <label className="choice">
              <input
                type="checkbox"
                checked={r.required}
                onChange={(e) => set(i, { required: e.target.checked })}
              />
              <span>Required</span>
            </label>
          </div>
          {r.type === "enum" && (
            <TextField
              label={`Variable ${i + 1} allowed values`}
              hint="Separated by commas."
              error={issue(i, "enum_values")}
              value={r.enum_values}
              onValue={(v) => set(i, { enum_values: v })}
            />
          )}
          <div className="inline-fields">
            <TextField
              label={`Variable ${i + 1} default`}
              hint={
                r.type === "json"
                  ? 'JSON, e.g. {"a": 1}'
                  : r.type === "boolean"
                    ? "true or false"
                    : "Optional."
              }
              error={issue(i, "default")}
              value={r.default}
              onValue={(v) => set(i, { default: v })}
            />
            <TextField
              label={`Variable ${i + 1} description`}
              maxLength={500}
              value={r.description}
              onValue={(v) => set(i, { description: v })}
            />
          </div>
          <RemoveButton what={`variable ${i + 1}`} onRemove={() => onChange(removeAt(rows, i))} />
        </div>
      ))}
      <SmallButton onClick={() => onChange([...rows, emptyVariable()])}>Add variable</SmallButton>
    </fieldset>
  );
}

export function ConfigEditor({
  text,
  onChange,
  issues,
  schemaKnown,
  serverError,
}: {
  text: string;
  onChange: (t: string) => void;
  issues: SchemaIssue[];
  schemaKnown: boolean;
  serverError?: string;
}) {
  const error =
    [
      ...issues.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)),
      ...(serverError ? [serverError] : []),
    ].join(" ") || undefined;
  return (
    <Field
      label="Config (JSON)"
      hint={
        <>
          model, temperature, max_tokens, response_format, tools — returned with the prompt to applications.
          {schemaKnown ? " Checked as you type against the published schema." : ""}
        </>
      }
      error={error}
    >
      {(p) => (
        <textarea
          {...p}
          rows={5}
          spellCheck={false}
          className="mono"
          placeholder='{"model": "gpt-4o", "temperature": 0.2}'
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
