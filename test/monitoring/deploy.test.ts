// The deployment files, which cannot run here (no Docker engine, no cluster), parsed and checked against
// the real service: environment names are settings of src/config.ts and the values load, ports and probe
// paths are the ones PromptForge serves, the Dockerfile's HEALTHCHECK command works against a live
// instance, and the log shippers read the lines the real logger writes.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Env, loadConfig, settings } from "../../src/config.js";
import { createLogger } from "../../src/observability/logger.js";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { freePort, ROOT, readToml, readYaml, readYamlAll, repoPath } from "./monitoring-helpers.js";

const SETTINGS = new Set(Object.keys(settings));
// The one way the server is started: npm start, the image and the docs (the V8 flag: docs/performance.md#memory).
// The young generation capped (docs/performance.md, "Memory") and regular expressions compiled to machine code
// from their first run (docs/performance.md, "Regular expressions").
const NODE_FLAGS = ["--max-semi-space-size=8", "--no-regexp-tier-up"];
const NODE_FLAG = NODE_FLAGS.join(" ");
const START = `["node", ${NODE_FLAGS.map((f) => `"${f}"`).join(", ")}, "dist/src/server.js"]`;

// ---- Dockerfile -----------------------------------------------------------------------------------

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Stages of a Dockerfile with their instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op = "", args = ""] = /^(\w+)\s+([\s\S]*)$/.exec(line) ?? [];
    const instr = { op: op.toUpperCase(), args: args.replace(/\s+/g, " ").trim() };
    if (instr.op === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instr.args);
      stages.push({ name: m?.[2] ?? String(stages.length), from: m?.[1] ?? "", instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instr);
    }
  }
  return stages;
}

const dockerfile = parseDockerfile(readFileSync(repoPath("Dockerfile"), "utf8"));
const runtime = dockerfile.at(-1) as Stage;
const inStage = (s: Stage, op: string) => s.instructions.filter((i) => i.op === op).map((i) => i.args);
const healthcheck = JSON.parse(
  /CMD\s+(\[.*\])$/.exec(inStage(runtime, "HEALTHCHECK")[0] ?? "")?.[1] ?? "[]",
) as string[];

describe("Dockerfile", () => {
  it("builds in stages and runs the final image as the unprivileged node user", () => {
    expect(dockerfile.map((s) => s.name)).toEqual(["build", "prod-deps", "runtime"]);
    for (const s of dockerfile) expect(s.from).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim$/);
    expect(inStage(runtime, "USER")).toEqual(["node"]);
  });

  it("puts only production dependencies into the image", () => {
    const prodDeps = dockerfile.find((s) => s.name === "prod-deps") as Stage;
    expect(inStage(prodDeps, "RUN").join(" ")).toContain("npm ci --omit=dev");
    expect(inStage(runtime, "COPY")).toContain("--from=prod-deps /app/node_modules ./node_modules");
    expect(inStage(runtime, "RUN").join(" ")).not.toMatch(/npm (ci|install)/);
    expect(inStage(runtime, "COPY").some((c) => /--from=build \/app\/node_modules/.test(c))).toBe(false);
  });

  it("starts the server that `npm run build` compiles, on the service's default port", () => {
    const tsconfig = JSON.parse(readFileSync(repoPath("tsconfig.json"), "utf8")) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(inStage(runtime, "CMD")).toEqual([START]);
    expect(join(tsconfig.compilerOptions.outDir, tsconfig.compilerOptions.rootDir, "src/server.js")).toBe(
      "dist/src/server.js",
    );
    expect(existsSync(repoPath("src/server.ts"))).toBe(true);
    expect(inStage(runtime, "EXPOSE")).toEqual([String(settings.PORT.default)]);
    expect(inStage(runtime, "COPY")).toContain("--from=build /app/dist ./dist");
    expect(inStage(runtime, "COPY")).toContain("--from=build /app/web/dist ./web/dist");
  });

  it("runs node directly, as the README and the monitoring guide tell process managers to (npm start would not pass SIGTERM on)", () => {
    const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${NODE_FLAG} dist/src/server.js`);
    expect(inStage(runtime, "CMD")).toEqual([START]);
    for (const doc of ["README.md", "docs/operations/health.md"]) {
      const text = readFileSync(repoPath(doc), "utf8").replace(/\s+/g, " ");
      const advice =
        /process manager[^.]*`node --max-semi-space-size=8 --no-regexp-tier-up dist\/src\/server\.js`/.test(
          text,
        );
      expect(advice, `${doc} tells process managers to run node dist/src/server.js`).toBe(true);
      const why = /npm start[^.]*SIGTERM/.test(text);
      expect(why, `${doc} says npm start does not pass SIGTERM on`).toBe(true);
    }
  });

  it("copies every non-TypeScript file the server reads from src/ into the image", () => {
    const assets: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (!/\.(ts|tsx)$/.test(e.name)) assets.push(relative(ROOT, p));
      }
    };
    walk(repoPath("src"));
    const copies = inStage(runtime, "COPY").join("\n");
    for (const a of assets) expect(copies, `${a} is not in the runtime image`).toContain(`${a} ./${a}`);
  });

  it("copies only build-context paths that exist and that .dockerignore lets through", () => {
    const ignored = readFileSync(repoPath(".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    expect(ignored).toEqual(
      expect.arrayContaining([".git", "node_modules", ".env", "data", "dist", "secrets"]),
    );
    for (const stage of dockerfile) {
      for (const copy of inStage(stage, "COPY").filter((c) => !c.startsWith("--from"))) {
        const sources = copy.split(" ").slice(0, -1);
        for (const src of sources) {
          expect(existsSync(repoPath(src)), `COPY ${src}: not in the repository`).toBe(true);
          expect(
            ignored.some((pattern) => src === pattern || src.startsWith(`${pattern}/`)),
            `COPY ${src} is excluded by .dockerignore`,
          ).toBe(false);
        }
      }
    }
  });

  describe("HEALTHCHECK", () => {
    let t: TestApp;
    let port: number;
    beforeAll(async () => {
      t = await buildTestApp();
      await t.app.listen({ port: 0, host: "127.0.0.1" });
      const addr = t.app.server.address();
      port = typeof addr === "object" && addr ? addr.port : 0;
    });
    afterAll(async () => {
      await t?.close();
    });

    // Asynchronous: the app answering the check runs in this very process.
    const runCheck = (env: Record<string, string>) =>
      new Promise<number | null>((resolveExit, reject) => {
        const child = spawn(healthcheck[0] as string, healthcheck.slice(1), {
          env: { ...process.env, ...env },
          stdio: "ignore",
          timeout: 15_000,
        });
        child.once("error", reject);
        child.once("exit", (code) => resolveExit(code));
      });

    it("asks /health/live with node (the slim image has no curl)", () => {
      expect(healthcheck[0]).toBe("node");
      expect(healthcheck.join(" ")).toContain("/health/live");
      expect(healthcheck.join(" ")).not.toMatch(/curl|wget/);
    });

    it("passes against a live PromptForge on PORT and fails when nothing listens", async () => {
      expect(await runCheck({ PORT: String(port) })).toBe(0);
      expect(await runCheck({ PORT: String(await freePort()) })).toBe(1);
    });
  });
});

// ---- Compose files --------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: unknown;
  container_name?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  networks?: string[];
  secrets?: string[];
  profiles?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  logging?: { driver: string; options?: Record<string, string> };
  healthcheck?: { test: string[] | string };
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

const compose = (file: string) => readYaml<Compose>(repoPath(file));

/** Compose's `${VAR:-default}` / `${VAR:?error}` interpolation, with the required variables given. */
function composeValue(value: string, given: Env): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) => {
    const v = given[name];
    if (v !== undefined && v !== "") return v;
    if (op === "?") throw new Error(`required variable ${name} is missing: ${arg}`);
    return op === "-" ? (arg ?? "") : "";
  });
}

const REQUIRED_VARIABLES: Env = {
  POSTGRES_PASSWORD: "s3cret-pg-password",
  JWT_SECRET: "0123456789abcdef0123456789abcdef0123456789",
  METRICS_TOKEN: "metrics-token-for-tests",
};

function backendEnv(c: Compose): Env {
  const env: Env = {};
  for (const [k, v] of Object.entries(c.services.backend?.environment ?? {})) {
    env[k] = composeValue(String(v), REQUIRED_VARIABLES);
  }
  return env;
}

describe.each(["docker-compose.yml", "docker-compose.prod.yml"])("%s", (file) => {
  const c = compose(file);
  const backend = c.services.backend as ComposeService;

  it("configures the backend with settings PromptForge has, whose values load", () => {
    const names = Object.keys(backend.environment ?? {});
    expect(names.filter((n) => !SETTINGS.has(n))).toEqual([]);
    const config = loadConfig(backendEnv(c));
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/promptforge:.+@postgres:5432\/promptforge$/);
    expect(config.LOG_FORMAT).toBe("json");
  });

  it("publishes port 8000, the port the service listens on, and waits for a healthy PostgreSQL", () => {
    const config = loadConfig(backendEnv(c));
    // Production publishes it on the host's loopback only, for the reverse proxy in front.
    const host = file === "docker-compose.prod.yml" ? "127.0.0.1:" : "";
    expect(backend.ports).toEqual([`${host}${config.PORT}:${config.PORT}`]);
    expect(config.PORT).toBe(8000);
    expect(backend.depends_on).toMatchObject({ postgres: { condition: "service_healthy" } });
    expect(JSON.stringify(c.services.postgres?.healthcheck?.test)).toContain("pg_isready");
    expect(backend.container_name).toBe("promptforge_backend");
  });

  it("puts every service on the one network and declares every named volume", () => {
    expect(Object.keys(c.networks ?? {})).toEqual(["promptforge_network"]);
    for (const [name, svc] of Object.entries(c.services)) {
      expect(svc.networks, name).toEqual(["promptforge_network"]);
      for (const v of svc.volumes ?? []) {
        const source = v.split(":")[0] as string;
        if (source.startsWith(".") || source.startsWith("/")) {
          expect(existsSync(repoPath(source)), `${name}: ${source} does not exist`).toBe(true);
        } else {
          expect(Object.keys(c.volumes ?? {}), `${name}: volume ${source}`).toContain(source);
        }
      }
    }
  });
});

describe("docker-compose.prod.yml", () => {
  const c = compose("docker-compose.prod.yml");
  const s = c.services;

  it("runs the service, PostgreSQL, Redis, Prometheus, Alertmanager and Grafana", () => {
    expect(Object.keys(s).sort()).toEqual(
      ["alertmanager", "backend", "grafana", "postgres", "prometheus", "redis"].sort(),
    );
    expect(backendEnv(c).ENVIRONMENT).toBe("production");
  });

  it("keeps metrics for 30 days and bounds every container's log files", () => {
    expect(s.prometheus?.command).toContain("--storage.tsdb.retention.time=30d");
    for (const [name, svc] of Object.entries(s)) {
      expect(svc.logging?.driver, name).toBe("json-file");
      expect(svc.logging?.options?.["max-size"], name).toMatch(/^\d+m$/);
      expect(Number(svc.logging?.options?.["max-file"]), name).toBeGreaterThan(0);
    }
  });

  it("mounts the monitoring files where their configs expect them", () => {
    expect(s.prometheus?.volumes).toEqual(
      expect.arrayContaining([
        "./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
        // rule_files: [alerts.yml] is relative to the config file.
        "./monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro",
      ]),
    );
    expect(s.alertmanager?.volumes).toContain(
      "./monitoring/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro",
    );
    expect(s.alertmanager?.command).toContain("--config.file=/etc/alertmanager/alertmanager.yml");
  });

  it("hands each secret to the container whose config reads it, from outside the files", () => {
    const prom = readYaml<{
      scrape_configs: { job_name: string; authorization?: { credentials_file: string } }[];
    }>(repoPath("monitoring/prometheus.yml"));
    const tokenFile = prom.scrape_configs.find((j) => j.job_name === "promptforge")?.authorization
      ?.credentials_file;
    expect(tokenFile).toBe("/run/secrets/metrics_token");
    expect(s.prometheus?.secrets).toContain("metrics_token");
    // Prometheus' token and the backend's METRICS_TOKEN are the same variable.
    expect(c.secrets?.metrics_token).toEqual({ environment: "METRICS_TOKEN" });
    expect(s.backend?.environment?.METRICS_TOKEN).toMatch(/^\$\{METRICS_TOKEN:\?/);

    const am = readYaml<{ global: { smtp_auth_password_file: string } }>(
      repoPath("monitoring/alertmanager.yml"),
    );
    expect(am.global.smtp_auth_password_file).toBe("/run/secrets/smtp_password");
    expect(s.alertmanager?.secrets).toContain("smtp_password");
    expect(s.grafana?.environment?.GF_SECURITY_ADMIN_PASSWORD__FILE).toBe(
      "/run/secrets/grafana_admin_password",
    );
    expect(s.grafana?.secrets).toContain("grafana_admin_password");
    for (const [name, secret] of Object.entries(c.secrets ?? {})) {
      if (secret.file) expect(secret.file, name).toMatch(/^\.\/monitoring\/secrets\//);
    }
    expect(readFileSync(repoPath("monitoring/secrets/.gitignore"), "utf8")).toMatch(/^\*$/m);
  });

  it("trusts exactly the one proxy hop in front, as the Kubernetes ConfigMap does", () => {
    const config = loadConfig(backendEnv(c));
    const configMap = readYamlAll<{ kind: string; data?: Env }>(repoPath("deploy/k8s/configmap.yaml")).find(
      (d) => d.kind === "ConfigMap",
    );
    const k8s = loadConfig({ ...configMap?.data, JWT_SECRET: REQUIRED_VARIABLES.JWT_SECRET } as Env);
    expect(config.TRUST_PROXY).toBe(1);
    expect(k8s.TRUST_PROXY).toBe(config.TRUST_PROXY);
    // Trusting a hop is only safe when clients cannot reach the port without passing the proxy.
    expect(s.backend?.ports?.every((p) => p.startsWith("127.0.0.1:"))).toBe(true);
  });

  it("publishes the monitoring UIs on 127.0.0.1 only", () => {
    expect(s.prometheus?.ports).toEqual(["127.0.0.1:9090:9090"]);
    expect(s.alertmanager?.ports).toEqual(["127.0.0.1:9093:9093"]);
    expect(s.grafana?.ports).toEqual(["127.0.0.1:3000:3000"]);
  });
});

describe("log shipping", () => {
  const backendName = compose("docker-compose.prod.yml").services.backend?.container_name;

  it("vector.toml ships the backend's Docker logs to an HTTP sink with the token from LOGTAIL_TOKEN", () => {
    interface Vector {
      sources: Record<string, { type: string; include_containers?: string[] }>;
      transforms: Record<string, { type: string; inputs: string[]; source: string }>;
      sinks: Record<
        string,
        { type: string; inputs: string[]; uri: string; auth: { strategy: string; token: string } }
      >;
    }
    const v = readToml<Vector>(repoPath("monitoring/vector.toml"));
    expect(v.sources.promptforge).toEqual({ type: "docker_logs", include_containers: [backendName] });
    expect(v.transforms.promptforge_json?.source).toContain("parse_json(.message)");
    expect(v.sinks.logtail).toMatchObject({
      type: "http",
      inputs: ["promptforge_json"],
      uri: "https://in.logtail.com",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Vector's environment interpolation
      auth: { strategy: "bearer", token: "${LOGTAIL_TOKEN}" },
    });
    expect(readFileSync(repoPath("monitoring/vector.toml"), "utf8")).not.toMatch(
      /YOUR_LOGTAIL_TOKEN|Bearer [A-Za-z0-9]/,
    );
  });

  it("filebeat.yml decodes the JSON lines the real logger writes, with their own timestamp", () => {
    interface Filebeat {
      "filebeat.autodiscover": {
        providers: {
          templates: {
            condition: { equals: Record<string, string> };
            config: { type: string; parsers: Record<string, Record<string, unknown> | null>[] }[];
          }[];
        }[];
      };
      processors: Record<string, { field?: string; layouts?: string[]; test?: string[] }>[];
    }
    const fb = readYaml<Filebeat>(repoPath("monitoring/filebeat.yml"));
    const template = fb["filebeat.autodiscover"].providers[0]?.templates[0];
    expect(template?.condition.equals["docker.container.name"]).toBe(backendName);
    const parsers = template?.config[0]?.parsers ?? [];
    expect(parsers.map((p) => Object.keys(p)[0])).toEqual(["container", "ndjson"]);
    const ndjson = parsers[1]?.ndjson as Record<string, unknown>;
    expect(ndjson).toMatchObject({ target: "", overwrite_keys: true });

    // A line from the real logger in production format.
    const lines: string[] = [];
    const config = loadConfig({ ENVIRONMENT: "production", JWT_SECRET: REQUIRED_VARIABLES.JWT_SECRET });
    const logger = createLogger(config, {
      destination: { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream,
    });
    logger.info({ status_code: 200 }, "HTTP request processed");
    const record = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(record[ndjson.message_key as string]).toBe("HTTP request processed");

    const ts = fb.processors.find((p) => p.timestamp)?.timestamp;
    expect(ts?.field).toBe("timestamp");
    // The processor's self-test example has exactly the shape of the logger's timestamps.
    const shape = (s: string) => s.replace(/\d/g, "9");
    expect(shape(ts?.test?.[0] ?? "")).toBe(shape(String(record.timestamp)));
    expect(ts?.layouts?.[0]).toBe("2006-01-02T15:04:05.999Z07:00");
  });

  it("the ELK compose file adds Elasticsearch, Kibana and Filebeat on the same network", () => {
    const elk = compose("monitoring/docker-compose.elk.yml");
    expect(Object.keys(elk.services).sort()).toEqual(["elasticsearch", "filebeat", "kibana"]);
    expect(Object.keys(elk.networks ?? {})).toEqual(["promptforge_network"]);
    expect(elk.services.filebeat?.volumes).toContain(
      "./monitoring/filebeat.yml:/usr/share/filebeat/filebeat.yml:ro",
    );
    expect(elk.services.kibana?.environment?.ELASTICSEARCH_HOSTS).toContain("http://elasticsearch:9200");
    for (const v of elk.services.filebeat?.volumes ?? []) {
      const src = v.split(":")[0] as string;
      if (src.startsWith("./")) expect(existsSync(repoPath(src)), src).toBe(true);
    }
  });

  it("the CloudWatch compose file switches the backend to the awslogs driver", () => {
    const cw = compose("monitoring/docker-compose.cloudwatch.yml");
    expect(cw.services.backend?.logging).toEqual({
      driver: "awslogs",
      options: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a Compose variable, not a JavaScript template
        "awslogs-region": "${AWS_REGION:-us-east-1}",
        "awslogs-group": "promptforge",
        "awslogs-stream": "backend",
        "awslogs-create-group": "true",
      },
    });
  });
});

// ---- Kubernetes -----------------------------------------------------------------------------------

interface K8s {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are walked by path; each test asserts the shape it reads.
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  resources?: string[];
}

const K8S_DIR = repoPath("deploy/k8s");
const manifests = readdirSync(K8S_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .flatMap((f) => readYamlAll<K8s>(join(K8S_DIR, f)).map((doc) => ({ file: f, doc })));
const kind = (k: string) => manifests.find((m) => m.doc.kind === k)?.doc as K8s;

describe("deploy/k8s", () => {
  const deployment = kind("Deployment");
  const container = deployment.spec.template.spec.containers[0];
  const configMap = kind("ConfigMap");
  const secret = kind("Secret");

  it("has the Deployment, Service, ConfigMap, Secret reference, HPA, PDB and ServiceMonitor", () => {
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual(
      [
        "ConfigMap",
        "Deployment",
        "HorizontalPodAutoscaler",
        "Kustomization",
        "Namespace",
        "PodDisruptionBudget",
        "Secret",
        "Service",
        "ServiceMonitor",
      ].sort(),
    );
    const kustomization = kind("Kustomization");
    for (const r of kustomization.resources ?? []) expect(existsSync(join(K8S_DIR, r)), r).toBe(true);
    // The real Secret comes from the operator; the ServiceMonitor needs the Prometheus Operator's CRD.
    expect(kustomization.resources).not.toContain("secret.example.yaml");
    expect(kustomization.resources).not.toContain("servicemonitor.yaml");
  });

  it("probes the guide's paths on port 8000 and adds a startup probe", () => {
    expect(container.ports).toEqual([{ name: "http", containerPort: 8000, protocol: "TCP" }]);
    expect(container.livenessProbe).toMatchObject({
      httpGet: { path: "/health/live", port: 8000 },
      initialDelaySeconds: 30,
      periodSeconds: 10,
    });
    expect(container.readinessProbe).toMatchObject({
      httpGet: { path: "/health/ready", port: 8000 },
      initialDelaySeconds: 10,
      periodSeconds: 5,
    });
    expect(container.startupProbe.httpGet).toEqual({ path: "/health/live", port: 8000 });
    // The process's own database wait runs out (and says why) before the kubelet restarts the pod.
    const config = loadConfig({
      ...kind("ConfigMap").data,
      JWT_SECRET: "0123456789abcdef0123456789abcdef0123456789",
    });
    expect(container.startupProbe.periodSeconds * container.startupProbe.failureThreshold).toBeGreaterThan(
      config.DATABASE_STARTUP_TIMEOUT_SECONDS + 15,
    );
  });

  it("is what the operations docs show: the same probes, grace period and preStop pause, in snippet and prose", () => {
    const health = readFileSync(repoPath("docs/operations/health.md"), "utf8");
    const section = health.slice(health.indexOf("### Kubernetes configuration"));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, "a yaml block under ### Kubernetes configuration").toBeDefined();
    const shown = parseYaml(block as string) as Record<string, unknown>;
    expect(shown).toEqual({
      terminationGracePeriodSeconds: deployment.spec.template.spec.terminationGracePeriodSeconds,
      startupProbe: container.startupProbe,
      livenessProbe: container.livenessProbe,
      readinessProbe: container.readinessProbe,
      lifecycle: container.lifecycle,
    });
    // Every sentence that gives the probes' timing, on any operations page, gives the Deployment's.
    const pages = readdirSync(repoPath("docs/operations")).filter((f) => f.endsWith(".md"));
    const docs = pages.map((f) => readFileSync(repoPath(`docs/operations/${f}`), "utf8")).join("\n");
    const timings = [...docs.matchAll(/`(\/health\/\w+)`\s+every\s+(\d+)\s+s\s+after\s+(\d+)\s+s/g)].map(
      ([, path, period, delay]) => ({ path, period: Number(period), delay: Number(delay) }),
    );
    expect(timings).toEqual(
      expect.arrayContaining([
        { path: "/health/live", period: 10, delay: 30 },
        { path: "/health/ready", period: 5, delay: 10 },
      ]),
    );
    for (const t of timings) {
      const probe = t.path === "/health/live" ? container.livenessProbe : container.readinessProbe;
      expect(t, t.path).toEqual({
        path: t.path,
        period: probe.periodSeconds,
        delay: probe.initialDelaySeconds,
      });
    }
  });

  it("names only real settings, and the ConfigMap with the Secret's keys is a configuration that loads", () => {
    const configKeys = Object.keys(configMap.data ?? {});
    const secretEnv = (container.env as { name: string; valueFrom: { secretKeyRef: { key: string } } }[]).map(
      (e) => e.name,
    );
    expect(
      [...configKeys, ...secretEnv, ...Object.keys(secret.stringData ?? {})].filter((n) => !SETTINGS.has(n)),
    ).toEqual([]);
    for (const e of container.env)
      expect(Object.keys(secret.stringData ?? {})).toContain(e.valueFrom.secretKeyRef.key);
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
    const config = loadConfig({ ...configMap.data, ...secret.stringData });
    expect(config.PORT).toBe(8000);
    expect(config.ENVIRONMENT).toBe("production");
    // The pod's grace period covers the preStop pause and PromptForge's own shutdown timeout.
    const preStop = Number(container.lifecycle.preStop.exec.command[1]);
    expect(preStop + config.SHUTDOWN_TIMEOUT_SECONDS).toBeLessThan(
      deployment.spec.template.spec.terminationGracePeriodSeconds,
    );
  });

  it("wires the Service, HPA, PDB, ServiceMonitor and scrape annotations to the Deployment's pods", () => {
    const podLabels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(podLabels);
    const service = kind("Service");
    expect(service.spec.selector).toEqual(podLabels);
    expect(service.spec.ports[0]).toMatchObject({ name: "http", port: 8000, targetPort: "http" });
    expect(kind("HorizontalPodAutoscaler").spec.scaleTargetRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: deployment.metadata.name,
    });
    expect(kind("PodDisruptionBudget").spec.selector.matchLabels).toEqual(podLabels);
    const sm = kind("ServiceMonitor");
    expect(sm.spec.selector.matchLabels).toEqual(service.metadata.labels);
    expect(sm.spec.endpoints[0]).toMatchObject({ port: "http", path: "/metrics" });
    expect(Object.keys(secret.stringData ?? {})).toContain(
      sm.spec.endpoints[0].authorization.credentials.key,
    );
    // The job label is the Service's name, which alerts.yml selects on.
    expect(service.metadata.name).toBe("promptforge");
    expect(deployment.spec.template.metadata.annotations).toMatchObject({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "8000",
    });
  });

  it("runs as a non-root user on a read-only root filesystem", () => {
    expect(deployment.spec.template.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
    });
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    for (const m of manifests) {
      if (m.doc.kind !== "Kustomization")
        expect(m.doc.metadata.namespace ?? m.doc.metadata.name, m.file).toBe("promptforge");
    }
  });
});

describe("probe and health-check paths", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("are served by PromptForge and answer 200 on a healthy instance", async () => {
    const container = kind("Deployment").spec.template.spec.containers[0];
    const paths = new Set<string>([
      container.livenessProbe.httpGet.path,
      container.readinessProbe.httpGet.path,
      container.startupProbe.httpGet.path,
      /\/health\/\w+/.exec(healthcheck.join(" "))?.[0] as string,
    ]);
    expect([...paths].sort()).toEqual(["/health/live", "/health/ready"]);
    for (const url of paths) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
