// The invitation link (/invitations/<token>): signed in with the invited address, one button joins the
// project with the invited role, which then becomes the project the prompt pages work in. Signed out,
// the page sends the person to sign in or sign up and back here. The server checks everything: the
// address, and whether the link was used, withdrawn or has expired — each said here in words.

import { pageGate } from "../components/page-gate";
import { ErrorNote, Notice } from "../components/ui";
import { ApiError } from "../lib/api";
import { useAuth } from "../lib/auth";
import { chooseProject } from "../lib/project";
import { useAcceptInvitation } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";
import { projectPage } from "../lib/urls";

function refusal(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  switch (e.code) {
    case "invitation_email_mismatch":
      return "This invitation is for another e-mail address. Sign in with the account that uses the invited address (your address is on the Account page).";
    case "invitation_used":
      return "This invitation was already used or has been withdrawn. Ask the project's owner or admin for a new one.";
    case "invitation_expired":
      return "This invitation has expired. Ask the project's owner or admin for a new one.";
    case "not_found":
      return "There is no invitation at this address. Check that the whole link was copied.";
    case "already_member":
      return "You are already a member of this project.";
    default:
      return null;
  }
}

export default function InvitationPage({ token }: { token: string }) {
  usePageTitle("Invitation");
  const auth = useAuth();
  const accept = useAcceptInvitation();

  const gate = pageGate(auth, "accept this invitation");
  if (gate || !auth.user) return gate;
  const username = auth.user.username;
  const joined = accept.data;
  const why = refusal(accept.error);

  return (
    <div className="card">
      <h1>Join a project</h1>
      {joined ? (
        <Notice kind="ok">
          <p data-testid="joined">
            You joined <strong>{joined.name}</strong> as {joined.role}.
          </p>
          <div className="row">
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                chooseProject(username, joined.slug);
                navigate("/prompts");
              }}
            >
              Open its prompts
            </button>
            <Link to={projectPage(joined.slug, "members")} className="btn">
              See its members
            </Link>
          </div>
        </Notice>
      ) : (
        <>
          <p>
            Someone invited you to a project on PromptForge. Accepting adds <strong>{username}</strong> to it
            with the role they chose; the link then stops working.
          </p>
          {why ? (
            <Notice kind="error">
              <p>{why}</p>
            </Notice>
          ) : (
            <ErrorNote error={accept.error} />
          )}
          <button
            type="button"
            className="btn primary"
            disabled={accept.isPending}
            onClick={() => accept.mutate(token)}
          >
            {accept.isPending ? "Joining…" : "Accept invitation"}
          </button>
        </>
      )}
    </div>
  );
}
