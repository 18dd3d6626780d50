// The API key pieces the account page (personal keys) and a project's key page share: the new key's name
// field, the list of keys with a revoke button each and the confirmation before one is revoked, and the
// new key's secret, shown this once.
import { type ReactNode, useState } from "react";
import {
  ConfirmDanger,
  formatDate,
  LoadedList,
  OneTimeSecret,
  SmallButton,
  StackTable,
  TextField,
} from "./ui";

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  last_used_at: string | null;
}

/** A column of the key table besides name, prefix and last use: its name and a key's cell. */
export interface KeyColumn<K> {
  label: string;
  cell: (key: K) => ReactNode;
}

/**
 * The keys (a loading line before they come, `empty` when there are none) as a table: name, prefix,
 * the `middle` columns, last use, the `end` columns and a revoke button. `onRevoke` runs once the
 * revocation is confirmed.
 */
export function ApiKeyTable<K extends KeyRow>({
  keys,
  testId,
  empty,
  middle = [],
  end = [],
  onRevoke,
}: {
  keys: readonly K[] | null | undefined;
  testId: string;
  empty: string;
  middle?: KeyColumn<K>[];
  end?: KeyColumn<K>[];
  onRevoke: (key: K) => void;
}) {
  const [revoking, setRevoking] = useState<K | null>(null);
  const columns: KeyColumn<K>[] = [
    ...middle,
    { label: "Last used", cell: (k) => formatDate(k.last_used_at) },
    ...end,
  ];
  return (
    <>
      <LoadedList items={keys} loading="Loading keys" empty={empty}>
        {(shown) => (
          <StackTable
            columns={["Name", "Starts with", ...columns.map((c) => c.label), { hidden: "Actions" }]}
            testId={testId}
          >
            {shown.map((k) => (
              <tr key={k.id}>
                <td data-label="Name" style={{ overflowWrap: "anywhere" }}>
                  {k.name}
                </td>
                <td data-label="Starts with">
                  <code>{k.prefix}…</code>
                </td>
                {columns.map((c) => (
                  <td key={c.label} data-label={c.label}>
                    {c.cell(k)}
                  </td>
                ))}
                <td>
                  <SmallButton tone="danger" onClick={() => setRevoking(k)} label={`Revoke key ${k.name}`}>
                    Revoke
                  </SmallButton>
                </td>
              </tr>
            ))}
          </StackTable>
        )}
      </LoadedList>
      <ConfirmDanger
        subject={revoking}
        action="Revoke key"
        onClose={() => setRevoking(null)}
        onConfirm={onRevoke}
      >
        <p>Anything using “{revoking?.name}” stops working at once.</p>
      </ConfirmDanger>
    </>
  );
}

/** The name of a new key (the server takes up to 100 characters); `usedBy` completes "For example the …". */
export function KeyNameField({
  usedBy,
  error,
  value,
  onValue,
}: {
  usedBy: string;
  error: string | undefined;
  value: string;
  onValue: (v: string) => void;
}) {
  return (
    <TextField
      label="Key name"
      hint={`For example the ${usedBy} that uses it.`}
      error={error}
      required
      maxLength={100}
      value={value}
      onValue={onValue}
    />
  );
}

/** A newly created API key's secret, shown this once, with a copy button. */
export function NewKeyNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <OneTimeSecret testId="new-key" label="Secret key" value={secret} copyLabel="Copy key" onDone={onDone}>
      <strong>Key “{name}” created.</strong> Copy it now: it is shown only this once.
    </OneTimeSecret>
  );
}
