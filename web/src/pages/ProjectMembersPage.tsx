// A project's members and open invitations. Everyone in the project sees who is in it; owners and admins
// (as the server reports my role) also invite by e-mail, change roles, remove members and withdraw
// invitations. Without a mail server the invitation link is shown here once, to pass on. The server
// decides every action: the controls are only left out where it would refuse them.
import { useState } from "react";
import { ProjectPageHead, useProjectPage } from "../components/page-gate";
import {
  Card,
  ConfirmDanger,
  ErrorNote,
  FormCard,
  formatDate,
  LoadedList,
  Loading,
  Notice,
  OneTimeSecret,
  SelectField,
  SmallButton,
  StackTable,
  SubmitButton,
  TextField,
} from "../components/ui";
import { useActionError } from "../lib/action-error";
import { fieldMessages } from "../lib/api";
import { canManage, chooseProject, grantableRoles, isOwner, type Role } from "../lib/project";
import {
  useChangeRole,
  useInvitations,
  useInvite,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
} from "../lib/queries";
import { navigate } from "../lib/router";
import type { CreatedInvitation, Member } from "../lib/types";

/** The server gives the link relative to this site when PUBLIC_URL is not set. */
function absolute(url: string): string {
  return url.startsWith("/") ? `${window.location.origin}${url}` : url;
}

export default function ProjectMembersPage({ slug }: { slug: string }) {
  const { auth, project, gate } = useProjectPage(slug, { page: "members", what: "see this project" });
  const members = useMembers(slug);
  const role = project?.role;
  // A personal project is never shared: nothing to manage there.
  const manager = canManage(role) && project?.personal === false;
  const invitations = useInvitations(slug, manager);
  const change = useChangeRole(slug);
  const remove = useRemoveMember(slug);
  const revoke = useRevokeInvitation(slug);
  const [removing, setRemoving] = useState<Member | null>(null);
  const { error: actionError, mark: markAction } = useActionError({ change, remove, revoke });

  if (gate || !project || !auth.user) return gate;
  const me = auth.user;

  const mayChange = (m: Member) => m.user_id !== me.id && (m.role === "owner" ? isOwner(role) : manager);
  const options = grantableRoles(role);

  return (
    <>
      <ProjectPageHead
        project={project}
        page="members"
        links={[manager && "api-keys", manager && "webhooks", "settings"]}
        before={
          <button
            type="button"
            className="btn"
            onClick={() => {
              chooseProject(me.username, project.personal ? null : project.slug);
              navigate("/prompts");
            }}
          >
            Open prompts
          </button>
        }
      >
        <div className="item-meta">
          <code>{project.slug}</code>
          <span data-testid="my-role">Your role: {project.role}</span>
        </div>
      </ProjectPageHead>
      {manager && <InviteForm slug={slug} roles={options} />}
      <ErrorNote error={actionError ?? members.error} />
      <Card title="Members">
        {!members.data ? (
          <Loading what="Loading members" />
        ) : (
          <StackTable columns={["Name", "Role", "Since", { hidden: "Actions" }]} testId="members">
            {members.data.map((m) => (
              <tr key={m.user_id}>
                <td data-label="Name">
                  {m.username}
                  {m.full_name ? ` (${m.full_name})` : ""}
                  {m.user_id === me.id ? " — you" : ""}
                </td>
                <td data-label="Role">
                  {mayChange(m) ? (
                    <select
                      aria-label={`Role of ${m.username}`}
                      value={m.role}
                      disabled={change.isPending}
                      onChange={(e) => {
                        markAction("change");
                        change.mutate({ userId: m.user_id, role: e.target.value as Role });
                      }}
                    >
                      {(options.includes(m.role) ? options : [m.role, ...options]).map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                <td data-label="Since">{formatDate(m.created_at)}</td>
                <td>
                  {(mayChange(m) || (m.user_id === me.id && !project.personal)) && (
                    <SmallButton
                      tone="danger"
                      onClick={() => setRemoving(m)}
                      label={m.user_id === me.id ? "Leave the project" : `Remove ${m.username}`}
                    >
                      {m.user_id === me.id ? "Leave" : "Remove"}
                    </SmallButton>
                  )}
                </td>
              </tr>
            ))}
          </StackTable>
        )}
      </Card>
      {manager && (
        <Card title="Open invitations">
          <ErrorNote error={invitations.error} />
          <LoadedList items={invitations.data} loading="Loading invitations" empty="No open invitations.">
            {(invites) => (
              <ul className="item-list" data-testid="invitations">
                {invites.map((i) => (
                  <li key={i.id}>
                    <span style={{ overflowWrap: "anywhere" }}>
                      {i.email} as <strong>{i.role}</strong>, valid until {formatDate(i.expires_at)}
                    </span>{" "}
                    <SmallButton
                      label={`Withdraw the invitation of ${i.email}`}
                      onClick={() => {
                        markAction("revoke");
                        revoke.mutate(i.id);
                      }}
                    >
                      Withdraw
                    </SmallButton>
                  </li>
                ))}
              </ul>
            )}
          </LoadedList>
        </Card>
      )}
      <ConfirmDanger
        subject={removing}
        action={removing?.user_id === me.id ? "Leave project" : "Remove member"}
        onClose={() => setRemoving(null)}
        onConfirm={(m) => {
          markAction("remove");
          remove.mutate(m.user_id, {
            onSuccess: () => {
              if (m.user_id === me.id) {
                chooseProject(me.username, null);
                navigate("/projects");
              }
            },
          });
        }}
      >
        <p>
          {removing?.user_id === me.id
            ? `You lose access to ${project.name} and everything in it until someone invites you again.`
            : `${removing?.username} loses access to ${project.name} at once, and their API keys for it stop working.`}
        </p>
      </ConfirmDanger>
    </>
  );
}

function InviteForm({ slug, roles }: { slug: string; roles: Role[] }) {
  const invite = useInvite(slug);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [sent, setSent] = useState<CreatedInvitation | null>(null);
  const error = invite.error;
  const fields = fieldMessages(error);

  return (
    <FormCard
      title="Invite someone"
      onSubmit={() => {
        setSent(null);
        invite.mutate(
          { email: email.trim(), role },
          {
            onSuccess: (inv) => {
              setSent(inv);
              setEmail("");
            },
          },
        );
      }}
      after={
        <>
          {sent?.emailed && (
            <Notice kind="ok">
              <p>
                The invitation link was e-mailed to <strong>{sent.email}</strong>. It works once, until{" "}
                {formatDate(sent.expires_at)}.
              </p>
            </Notice>
          )}
          {sent?.url && (
            <OneTimeSecret
              testId="invitation-link"
              label="Invitation link"
              value={absolute(sent.url)}
              copyLabel="Copy link"
            >
              <strong>Invitation for {sent.email} created.</strong> This server sends no e-mail: give them
              this link. It is shown only now, works once, until {formatDate(sent.expires_at)}, and only for
              someone signed in with that address.
            </OneTimeSecret>
          )}
        </>
      }
    >
      <div className="inline-fields">
        <TextField
          label="E-mail"
          error={fields.email}
          type="email"
          required
          maxLength={254}
          value={email}
          onValue={setEmail}
        />
        <SelectField label="Role" error={fields.role} options={roles} value={role} onValue={setRole} />
      </div>
      {!fields.email && !fields.role && <ErrorNote error={error} />}
      <SubmitButton busy={invite.isPending} busyLabel="Inviting…">
        Invite
      </SubmitButton>
    </FormCard>
  );
}
