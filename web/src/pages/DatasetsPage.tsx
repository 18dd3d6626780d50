// The current project's datasets: the inputs (and expected outputs) prompts are evaluated on. Lists
// them with their item counts and creates one; each opens in its editor (items, import, export).
import { useState } from "react";
import { DatasetNameFields } from "../components/eval-ui";
import { pageGate } from "../components/page-gate";
import { ErrorNote, FormCard, formatDate, Loading, PageHead, SubmitButton } from "../components/ui";
import { fieldMessages } from "../lib/api";
import { useAuth } from "../lib/auth";
import { datasetHref } from "../lib/eval-links";
import { useCreateDataset, useDatasets } from "../lib/eval-queries";
import { canWrite } from "../lib/project";
import { useProjectScope } from "../lib/queries";
import { useRegistryBase } from "../lib/registry-queries";
import { Link, navigate, usePageTitle } from "../lib/router";

export default function DatasetsPage() {
  usePageTitle("Datasets");
  const auth = useAuth();
  const { role, project } = useProjectScope();
  const datasets = useDatasets();
  const gate = pageGate(auth, "see your datasets");
  if (gate) return gate;
  const slug = project?.slug ?? "";
  const items = datasets.data ?? [];
  return (
    <>
      <PageHead title="Datasets">
        <p className="muted">
          Inputs to evaluate prompts on{project && !project.personal ? ` in ${project.name}` : ""}: each item
          fills a prompt's variables and may say what output is expected. Run one from a prompt's page, under
          “Evaluations”.
        </p>
      </PageHead>
      <ErrorNote error={datasets.error} />
      {datasets.isLoading && <Loading what="Loading datasets" />}
      {datasets.data && items.length === 0 && <p className="muted">No datasets yet.</p>}
      <ul className="item-list" data-testid="dataset-list">
        {items.map((d) => (
          <li key={d.id}>
            <Link className="item-title" to={datasetHref(slug, d.id)}>
              {d.name}
            </Link>
            {d.description && <p className="small">{d.description}</p>}
            <div className="item-meta">
              <span data-testid="dataset-count">
                {d.item_count} item{d.item_count === 1 ? "" : "s"}
              </span>
              <span>updated {formatDate(d.updated_at)}</span>
            </div>
          </li>
        ))}
      </ul>
      {canWrite(role) && <CreateDataset project={slug} />}
    </>
  );
}

function CreateDataset({ project }: { project: string }) {
  const create = useCreateDataset();
  const { base } = useRegistryBase();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const fields = fieldMessages(create.error);
  return (
    <FormCard
      title="New dataset"
      onSubmit={() => {
        create.mutate(
          { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
          { onSuccess: (d) => navigate(datasetHref(project, d.id)) },
        );
      }}
    >
      <DatasetNameFields name={[name, setName]} description={[description, setDescription]} errors={fields} />
      {!fields.name && !fields.description && <ErrorNote error={create.error} />}
      <SubmitButton busy={create.isPending} busyLabel="Creating…" disabled={base === ""}>
        Create dataset
      </SubmitButton>
    </FormCard>
  );
}
