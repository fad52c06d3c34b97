#!/usr/bin/env node
// Offline check of the Kubernetes manifests (deploy/k8s): renders each Kustomize root itself (no
// kubectl here), validates every built-in object against the Kubernetes OpenAPI schemas
// (kubernetes-models), checks the operators' resources this project relies on by hand, and enforces
// the project's rules. One line per problem ("file: Kind/name: problem [root]") and exit 1, or a
// summary and exit 0.
//
//   node deploy/tools/k8s-check.mjs [dir]          (default deploy/k8s)
//   node deploy/tools/k8s-check.mjs --print [dir]  also prints what it rendered, as YAML (stderr
//                                                  then carries the problems and the summary)
//
// A directory with a kustomization.yaml is rendered as it is; otherwise its base/ and every
// kustomization under it that no other one includes (the overlays). Only the subset of Kustomize the
// files use is implemented, and anything else in a kustomization.yaml is reported, not ignored:
// resources (files, and directories with a kustomization.yaml), namespace, labels / commonLabels,
// images (name, newName, newTag, digest) and patches (one strategic-merge patch per file or inline
// patch, matched by kind and name).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const KUSTOMIZATION_FIELDS = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "commonLabels", "images", "patches"]);
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
  "PriorityClass", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
  "APIService", "CSIDriver", "VolumeAttachment",
]);
const WORKLOADS = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"]);
// An environment variable whose name says it carries a secret must come from a Secret.
const SECRET_NAME = /PASSWORD|SECRET|KEY|CONNECTION/i;
// The operators' resources: not in kubernetes-models, checked by hand below.
const CUSTOM = new Set(["postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 ScheduledBackup", "rabbitmq.com/v1beta1 RabbitmqCluster"]);

const cwd = process.cwd();
const rel = (file) => {
  const relative = path.relative(cwd, file);
  return relative === "" ? "." : relative.startsWith("..") ? file : relative;
};
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const clone = (v) => structuredClone(v);
const idOf = (o) => `${o.kind}/${o.metadata?.name ?? "?"}`;

// ---------------------------------------------------------------------------------------------
// YAML

function parseFile(file, problems) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    problems.push({ file, id: "(file)", message: `cannot read: ${e.message}` });
    return [];
  }
  // YAML 1.1 as kubectl reads it: 0440 is octal (a file mode), as Kubernetes means it.
  const docs = YAML.parseAllDocuments(text, { version: "1.1", prettyErrors: true, uniqueKeys: true });
  const values = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({ file, id: "YAML", message: error.message.split("\n")[0].replace(/:$/, "") });
      }
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) {
      values.push(value);
    }
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Kustomize, the subset

function kustomizationFile(dir) {
  return KUSTOMIZATION_FILES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

/** Renders the kustomization in dir: [{ obj, file }] with problems added to problems. */
function render(dir, problems, stack = []) {
  const file = kustomizationFile(dir);
  if (!file) {
    problems.push({ file: dir, id: "(dir)", message: "no kustomization.yaml here" });
    return [];
  }
  if (stack.includes(file)) {
    problems.push({ file, id: "Kustomization", message: `includes itself (${stack.map(rel).join(" -> ")})` });
    return [];
  }
  const [k, ...extra] = parseFile(file, problems);
  const complain = (message) => problems.push({ file, id: "Kustomization", message });
  if (!isObject(k)) {
    complain("is not a YAML mapping");
    return [];
  }
  if (extra.length > 0) {
    complain("holds more than one YAML document");
  }
  if (k.apiVersion !== "kustomize.config.k8s.io/v1beta1" || k.kind !== "Kustomization") {
    complain("apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization");
  }
  for (const key of Object.keys(k)) {
    if (!KUSTOMIZATION_FIELDS.has(key)) {
      complain(`field "${key}" is outside the subset k8s-check renders (${[...KUSTOMIZATION_FIELDS].slice(2).join(", ")})`);
    }
  }

  // resources
  let items = [];
  for (const entry of k.resources ?? []) {
    if (typeof entry !== "string") {
      complain(`resources: ${JSON.stringify(entry)} is not a path`);
      continue;
    }
    if (/^[a-z]+:\/\/|^github\.com\//i.test(entry)) {
      complain(`resources: ${entry}: remote resources cannot be checked offline`);
      continue;
    }
    const target = path.resolve(dir, entry);
    if (!existsSync(target)) {
      complain(`resources: ${entry} does not exist`);
    } else if (statSync(target).isDirectory()) {
      items.push(...render(target, problems, [...stack, file]));
    } else {
      for (const obj of parseFile(target, problems)) {
        if (!isObject(obj) || typeof obj.apiVersion !== "string" || typeof obj.kind !== "string" || typeof obj.metadata?.name !== "string") {
          problems.push({ file: target, id: "(file)", message: "a document without apiVersion, kind and metadata.name" });
          continue;
        }
        items.push({ obj, file: target });
      }
    }
  }

  // patches (strategic merge, one object each)
  for (const [index, entry] of (k.patches ?? []).entries()) {
    const where = `patches[${index}]`;
    if (!isObject(entry) || entry.target !== undefined || entry.options !== undefined || (entry.path === undefined) === (entry.patch === undefined)) {
      complain(`${where}: only { path } or { patch } is supported (no target, no options)`);
      continue;
    }
    const patchFile = entry.path ? path.resolve(dir, entry.path) : file;
    let docs;
    if (entry.path) {
      docs = parseFile(patchFile, problems);
    } else {
      const parsed = YAML.parseAllDocuments(String(entry.patch), { version: "1.1", uniqueKeys: true });
      for (const error of parsed.flatMap((d) => d.errors)) {
        complain(`${where}: YAML: ${error.message.split("\n")[0]}`);
      }
      docs = parsed.filter((d) => d.errors.length === 0).map((d) => d.toJS()).filter((d) => d != null);
    }
    if (docs.length !== 1) {
      complain(`${where}: a patch holds exactly one object (kustomize's patches: takes one per file), found ${docs.length}`);
      continue;
    }
    const patch = docs[0];
    if (Array.isArray(patch)) {
      complain(`${where}: JSON 6902 patches are outside the subset k8s-check renders`);
      continue;
    }
    if (!isObject(patch) || typeof patch.kind !== "string" || typeof patch.metadata?.name !== "string") {
      complain(`${where}: a strategic-merge patch needs kind and metadata.name`);
      continue;
    }
    const matches = items.filter(({ obj }) =>
      obj.kind === patch.kind && obj.metadata.name === patch.metadata.name
      && (patch.apiVersion === undefined || group(obj.apiVersion) === group(patch.apiVersion))
      && (patch.metadata.namespace === undefined || obj.metadata.namespace === patch.metadata.namespace));
    if (matches.length !== 1) {
      problems.push({ file: patchFile, id: idOf(patch), message: `the patch matches ${matches.length} objects, not one` });
      continue;
    }
    const directives = [];
    matches[0].obj = merge(matches[0].obj, patch, [], directives);
    matches[0].patchedBy = [...(matches[0].patchedBy ?? []), patchFile];
    for (const directive of directives) {
      problems.push({ file: patchFile, id: idOf(patch), message: directive });
    }
  }

  // namespace
  if (k.namespace !== undefined) {
    for (const item of items) {
      if (!CLUSTER_SCOPED.has(item.obj.kind)) {
        item.obj.metadata.namespace = k.namespace;
      }
    }
  }

  // labels, commonLabels
  const labelSets = [...(k.labels ?? [])];
  if (k.commonLabels !== undefined) {
    labelSets.push({ pairs: k.commonLabels, includeSelectors: true });
  }
  for (const set of labelSets) {
    if (!isObject(set) || !isObject(set.pairs)) {
      complain("labels: each entry needs pairs");
      continue;
    }
    for (const key of Object.keys(set)) {
      if (!["pairs", "includeSelectors", "includeTemplates"].includes(key)) {
        complain(`labels: "${key}" is outside the subset k8s-check renders`);
      }
    }
    for (const item of items) {
      addLabels(item.obj, set.pairs, set.includeSelectors === true, set.includeSelectors === true || set.includeTemplates === true);
    }
  }

  // images
  for (const image of k.images ?? []) {
    if (!isObject(image) || typeof image.name !== "string") {
      complain("images: each entry needs a name");
      continue;
    }
    for (const key of Object.keys(image)) {
      if (!["name", "newName", "newTag", "digest"].includes(key)) {
        complain(`images: "${key}" is outside the subset k8s-check renders`);
      }
    }
    for (const item of items) {
      setImages(item.obj, image);
    }
  }

  // What kustomize refuses: two objects with one id.
  const seen = new Map();
  for (const item of items) {
    const key = `${group(item.obj.apiVersion)}|${item.obj.kind}|${item.obj.metadata.namespace ?? ""}|${item.obj.metadata.name}`;
    if (seen.has(key)) {
      problems.push({ file: item.file, id: idOf(item.obj), message: `defined twice (also in ${rel(seen.get(key))})` });
    }
    seen.set(key, item.file);
  }
  return items;
}

function group(apiVersion) {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

/** The merge key of a list in a strategic-merge patch, by the list's field name (and parent). */
function mergeKey(keys) {
  const name = keys.at(-1);
  switch (name) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
      return "name";
    case "volumeMounts":
      return "mountPath";
    case "volumeDevices":
      return "devicePath";
    case "topologySpreadConstraints":
      return "topologyKey";
    case "ports":
      return keys.some((k) => k === "containers" || k === "initContainers") ? "containerPort" : "port";
    default:
      return undefined; // replaced as a whole, as Kubernetes' strategic merge does for such lists
  }
}

function merge(target, patch, keys, problems) {
  if (isObject(patch)) {
    if (patch.$patch === "replace") {
      const { $patch, ...rest } = patch;
      return clone(rest);
    }
    if (patch.$patch === "delete") {
      return undefined;
    }
    const result = isObject(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith("$")) {
        problems.push(`${[...keys, key].join(".")}: the directive is outside the subset k8s-check renders`);
      } else if (value === null) {
        delete result[key];
      } else {
        const merged = merge(result[key], value, [...keys, key], problems);
        if (merged === undefined) {
          delete result[key];
        } else {
          result[key] = merged;
        }
      }
    }
    return result;
  }
  if (Array.isArray(patch)) {
    const key = mergeKey(keys);
    if (!key || !Array.isArray(target)) {
      return clone(patch);
    }
    const result = target.map(clone);
    for (const item of patch) {
      const index = isObject(item) ? result.findIndex((existing) => isObject(existing) && existing[key] === item[key]) : -1;
      if (isObject(item) && item.$patch === "delete") {
        if (index >= 0) {
          result.splice(index, 1);
        }
      } else if (index >= 0) {
        result[index] = merge(result[index], item, keys, problems);
      } else {
        result.push(clone(item));
      }
    }
    return result;
  }
  return patch;
}

function addLabels(obj, pairs, selectors, templates) {
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...pairs };
  const put = (holder, field) => {
    if (isObject(holder)) {
      holder[field] = { ...(holder[field] ?? {}), ...pairs };
    }
  };
  const spec = obj.spec;
  if (!isObject(spec)) {
    return;
  }
  if (templates) {
    if (WORKLOADS.has(obj.kind) && isObject(spec.template)) {
      spec.template.metadata ??= {};
      put(spec.template.metadata, "labels");
    }
    if (obj.kind === "CronJob") {
      put(spec.jobTemplate?.metadata, "labels");
      put(spec.jobTemplate?.spec?.template?.metadata, "labels");
    }
  }
  if (selectors) {
    if (WORKLOADS.has(obj.kind) && obj.kind !== "Job") {
      spec.selector ??= {};
      put(spec.selector, "matchLabels");
    }
    if (obj.kind === "Service") {
      put(spec, "selector");
    }
    if (obj.kind === "PodDisruptionBudget") {
      put(spec.selector, "matchLabels");
    }
    if (obj.kind === "NetworkPolicy") {
      put(spec.podSelector, "matchLabels");
      for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
          put(peer.podSelector, "matchLabels");
        }
      }
    }
  }
}

/** name[:tag][@digest], the name possibly with a registry host:port. */
function parseImage(ref) {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.lastIndexOf(":");
  const tag = colon > rest.lastIndexOf("/") ? rest.slice(colon + 1) : undefined;
  const name = tag !== undefined ? rest.slice(0, colon) : rest;
  return { name, tag, digest };
}

function setImages(node, image) {
  if (Array.isArray(node)) {
    node.forEach((child) => setImages(child, image));
    return;
  }
  if (!isObject(node)) {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const container of value) {
        if (isObject(container) && typeof container.image === "string") {
          const ref = parseImage(container.image);
          if (ref.name === image.name) {
            const name = image.newName ?? ref.name;
            const tag = image.digest ? undefined : image.newTag ?? ref.tag;
            const digest = image.digest ?? (image.newTag ? undefined : ref.digest);
            container.image = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
          }
        }
      }
    } else {
      setImages(value, image);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas

const modelCache = new Map();

async function modelOf(apiVersion, kind) {
  const module = apiVersion.includes("/") ? apiVersion : `v1`;
  if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(module)) {
    return undefined;
  }
  if (!modelCache.has(module)) {
    modelCache.set(module, await import(`kubernetes-models/${module}`).catch(() => null));
  }
  const models = modelCache.get(module);
  return models && typeof models[kind] === "function" ? models[kind] : undefined;
}

function schemaProblems(error, obj) {
  const errors = Array.isArray(error?.errors) ? error.errors : [];
  if (errors.length === 0) {
    return [String(error?.message ?? error)];
  }
  const lines = errors.map((e) => {
    const where = (e.instancePath ?? "")
      .split("/").slice(1).map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
    const allowed = e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : "";
    const value = (e.instancePath ?? "").split("/").slice(1).reduce((node, part) => node?.[part.replaceAll("~1", "/").replaceAll("~0", "~")], obj);
    const got = value !== undefined && (value === null || typeof value !== "object") ? `, not ${JSON.stringify(value)}` : "";
    return `${where || "(object)"}: ${e.message}${allowed}${got}`;
  });
  return [...new Set(lines)].slice(0, 8);
}

// ---------------------------------------------------------------------------------------------
// Checks

function podSpecOf(obj) {
  if (obj.kind === "CronJob") {
    return obj.spec?.jobTemplate?.spec?.template?.spec;
  }
  if (obj.kind === "Pod") {
    return obj.spec;
  }
  return WORKLOADS.has(obj.kind) ? obj.spec?.template?.spec : undefined;
}

function templateLabels(obj) {
  return obj.kind === "CronJob" ? obj.spec?.jobTemplate?.spec?.template?.metadata?.labels : obj.spec?.template?.metadata?.labels;
}

/** Whether a label selector (matchLabels + matchExpressions, or a plain map for a Service) selects labels. */
function selects(selector, labels, plain = false) {
  if (!isObject(selector)) {
    return false;
  }
  labels ??= {};
  const matchLabels = plain ? selector : selector.matchLabels ?? {};
  const expressions = plain ? [] : selector.matchExpressions ?? [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
    return !plain; // {} selects everything; an empty Service selector selects nothing
  }
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v)
    && expressions.every((e) => {
      const has = Object.hasOwn(labels, e.key);
      switch (e.operator) {
        case "In": return has && (e.values ?? []).includes(labels[e.key]);
        case "NotIn": return !has || !(e.values ?? []).includes(labels[e.key]);
        case "Exists": return has;
        case "DoesNotExist": return !has;
        default: return false;
      }
    });
}

const sameNamespace = (a, b) => (a.metadata.namespace ?? "") === (b.metadata.namespace ?? "");

function checkCustom(obj, all, problem) {
  const spec = obj.spec;
  const isInt = (v) => Number.isInteger(v);
  if (!isObject(spec)) {
    problem("spec is missing");
    return;
  }
  if (obj.kind === "Cluster") {
    if (!isInt(spec.instances) || spec.instances < 3) {
      problem(`spec.instances must be an integer >= 3 (a primary and two standbys), not ${JSON.stringify(spec.instances) ?? "missing"}`);
    }
    if (!isInt(spec.minSyncReplicas) || spec.minSyncReplicas < 1) {
      problem(`spec.minSyncReplicas must be an integer >= 1 (a synchronous standby), not ${JSON.stringify(spec.minSyncReplicas) ?? "missing"}`);
    }
    if (spec.maxSyncReplicas !== undefined && (!isInt(spec.maxSyncReplicas) || spec.maxSyncReplicas < (spec.minSyncReplicas ?? 0)
        || (isInt(spec.instances) && spec.maxSyncReplicas >= spec.instances))) {
      problem("spec.maxSyncReplicas must be an integer between minSyncReplicas and instances - 1");
    }
    if (typeof spec.storage?.size !== "string") {
      problem("spec.storage.size is missing");
    }
    const store = spec.backup?.barmanObjectStore;
    if (!isObject(store) || typeof store.destinationPath !== "string") {
      problem("spec.backup.barmanObjectStore.destinationPath is missing (WAL archiving)");
    }
  } else if (obj.kind === "ScheduledBackup") {
    if (typeof spec.schedule !== "string" || spec.schedule.trim().split(/\s+/).length !== 6) {
      problem("spec.schedule must be a six-field cron expression (seconds first)");
    }
    const cluster = spec.cluster?.name;
    if (!all.some((o) => o.kind === "Cluster" && group(o.apiVersion) === "postgresql.cnpg.io" && o.metadata.name === cluster && sameNamespace(o, obj))) {
      problem(`spec.cluster.name ${JSON.stringify(cluster)} names no Cluster here`);
    }
  } else if (obj.kind === "RabbitmqCluster") {
    if (!isInt(spec.replicas) || spec.replicas < 3) {
      problem(`spec.replicas must be an integer >= 3 (quorum queues keep a majority), not ${JSON.stringify(spec.replicas) ?? "missing"}`);
    }
    if (spec.rabbitmq?.additionalConfig !== undefined && typeof spec.rabbitmq.additionalConfig !== "string") {
      problem("spec.rabbitmq.additionalConfig must be a string (rabbitmq.conf lines)");
    }
    if (spec.persistence?.storage !== undefined && typeof spec.persistence.storage !== "string") {
      problem("spec.persistence.storage must be a quantity string");
    }
    // The operator makes no PodDisruptionBudget; its pods carry app.kubernetes.io/name: <cluster>.
    const podLabels = { "app.kubernetes.io/name": obj.metadata.name };
    if (!all.some((o) => o.kind === "PodDisruptionBudget" && sameNamespace(o, obj) && selects(o.spec?.selector, podLabels))) {
      problem("no PodDisruptionBudget selects its pods (app.kubernetes.io/name: " + obj.metadata.name + ")");
    }
  }
}

function checkContainers(obj, problem) {
  const pod = podSpecOf(obj);
  if (!isObject(pod)) {
    return;
  }
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const where = `container ${container.name}`;
    const resources = container.resources ?? {};
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (resources[kind]?.[resource] === undefined) {
          problem(`${where}: resources.${kind}.${resource} is missing`);
        }
      }
    }
    for (const env of container.env ?? []) {
      if (typeof env?.name !== "string" || !SECRET_NAME.test(env.name)) {
        continue;
      }
      if (env.value !== undefined) {
        problem(`${where}: env ${env.name} has a literal value; a secret comes from valueFrom.secretKeyRef`);
      } else if (!env.valueFrom?.secretKeyRef) {
        problem(`${where}: env ${env.name} must come from valueFrom.secretKeyRef`);
      }
    }
  }
}

function checkProject(items, root, overlay, report) {
  const all = items.map((i) => i.obj);
  const byKind = (kind) => items.filter((i) => i.obj.kind === kind);
  const deployments = byKind("Deployment");
  const jobs = byKind("Job");

  for (const { obj, file } of items) {
    const problem = (message) => report(file, obj, message);
    checkContainers(obj, problem);
    if (obj.kind === "Secret") {
      problem("a Secret in the manifests: Secrets are created by the operator, never committed (secretKeyRef only)");
    }
    if (obj.kind === "ConfigMap") {
      for (const key of Object.keys(obj.data ?? {})) {
        if (SECRET_NAME.test(key)) {
          problem(`data.${key} looks like a secret; put it in a Secret and use secretKeyRef`);
        }
      }
    }
    if (overlay) {
      if (!CLUSTER_SCOPED.has(obj.kind) && !obj.metadata.namespace) {
        problem("no namespace (the overlay sets namespace:)");
      }
      const pod = podSpecOf(obj);
      for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
        const ref = parseImage(String(container.image ?? ""));
        if (!ref.digest && (!ref.tag || ref.tag === "latest")) {
          problem(`container ${container.name}: image ${container.image} is not pinned (images: newTag or digest)`);
        }
      }
    }
  }

  for (const { obj, file } of deployments) {
    const problem = (message) => report(file, obj, message);
    // A replicas that is no integer at all is the schema's finding.
    if (obj.spec?.replicas === undefined) {
      problem("spec.replicas is missing (Kubernetes would run 1; at least 2)");
    } else if (Number.isInteger(obj.spec.replicas) && obj.spec.replicas < 2) {
      problem(`spec.replicas is ${obj.spec.replicas}; at least 2`);
    }
    for (const container of podSpecOf(obj)?.containers ?? []) {
      if (container.livenessProbe?.httpGet?.path !== "/alive") {
        problem(`container ${container.name}: livenessProbe must be httpGet /alive`);
      }
      const readiness = container.readinessProbe;
      if (!isObject(readiness) || !(readiness.httpGet || readiness.tcpSocket || readiness.exec || readiness.grpc)) {
        problem(`container ${container.name}: readinessProbe is missing`);
      }
    }
    const labels = templateLabels(obj);
    if (!items.some(({ obj: o }) => o.kind === "PodDisruptionBudget" && sameNamespace(o, obj) && selects(o.spec?.selector, labels))) {
      problem("no PodDisruptionBudget selects its pods");
    }
    if (!items.some(({ obj: o }) => o.kind === "NetworkPolicy" && sameNamespace(o, obj) && selects(o.spec?.podSelector, labels)
        && (o.spec?.policyTypes ?? ["Ingress"]).includes("Ingress"))) {
      problem("no NetworkPolicy isolates its pods (policyTypes: Ingress)");
    }
  }

  // Services select Deployments' pods, never a Job's.
  for (const { obj, file } of byKind("Service")) {
    const problem = (message) => report(file, obj, message);
    const selector = obj.spec?.selector;
    const backends = deployments.filter(({ obj: d }) => sameNamespace(d, obj) && selects(selector, templateLabels(d), true));
    if (backends.length === 0) {
      problem(`selector ${JSON.stringify(selector ?? {})} matches no Deployment's pods`);
    }
    for (const { obj: job } of jobs) {
      if (sameNamespace(job, obj) && selects(selector, templateLabels(job), true)) {
        problem(`selector also matches the pods of Job/${job.metadata.name}`);
      }
    }
    for (const port of obj.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const { obj: d } of backends) {
        const ports = (podSpecOf(d)?.containers ?? []).flatMap((c) => c.ports ?? []);
        if (!ports.some((p) => p.name === target || p.containerPort === target)) {
          problem(`port ${port.name ?? port.port}: targetPort ${target} is no container port of Deployment/${d.metadata.name}`);
        }
      }
    }
  }

  // Exactly one Ingress, to the gateway's Service only, with TLS.
  const ingresses = byKind("Ingress");
  // A rendering of Jobs alone (deploy/k8s/rebuild) is run by hand beside the system, which has the Ingress.
  if (ingresses.length !== 1 && deployments.length > 0) {
    report(root, { kind: "Ingress", metadata: { name: "*" } }, `exactly one Ingress is allowed (the gateway's), found ${ingresses.length}`);
  }
  const gatewayServices = byKind("Service").filter(({ obj: s }) =>
    deployments.some(({ obj: d }) => d.metadata.name === "gateway" && sameNamespace(d, s) && selects(s.spec?.selector, templateLabels(d), true)));
  const gatewayNames = new Set(gatewayServices.map(({ obj }) => obj.metadata.name));
  for (const { obj, file } of ingresses) {
    const problem = (message) => report(file, obj, message);
    if (gatewayNames.size === 0) {
      problem("there is no Service for the gateway Deployment to route to");
    }
    const backends = [];
    if (obj.spec?.defaultBackend) {
      backends.push(["defaultBackend", obj.spec.defaultBackend]);
    }
    for (const [r, rule] of (obj.spec?.rules ?? []).entries()) {
      for (const [p, route] of (rule.http?.paths ?? []).entries()) {
        backends.push([`rules[${r}].http.paths[${p}]`, route.backend]);
      }
    }
    if (backends.length === 0) {
      problem("routes nowhere");
    }
    for (const [where, backend] of backends) {
      if (!gatewayNames.has(backend?.service?.name)) {
        problem(`${where}: routes to ${backend?.service?.name ? `Service/${backend.service.name}` : "a non-Service backend"}, not the gateway's Service`);
      }
    }
    const tlsHosts = new Set((obj.spec?.tls ?? []).filter((t) => typeof t.secretName === "string").flatMap((t) => t.hosts ?? []));
    if (tlsHosts.size === 0) {
      problem("no tls entry with hosts and a secretName");
    }
    for (const rule of obj.spec?.rules ?? []) {
      if (!rule.host || !tlsHosts.has(rule.host)) {
        problem(`host ${rule.host ?? "(any)"} is not covered by tls`);
      }
    }
  }

  // Only the gateway's pods take traffic from outside the namespace.
  for (const { obj, file } of byKind("NetworkPolicy")) {
    const selected = deployments.filter(({ obj: d }) => sameNamespace(d, obj) && selects(obj.spec?.podSelector, templateLabels(d)));
    const outside = (obj.spec?.ingress ?? []).some((rule) =>
      !rule.from || rule.from.length === 0 || rule.from.some((peer) => peer.ipBlock || peer.namespaceSelector));
    const others = selected.filter(({ obj: d }) => d.metadata.name !== "gateway");
    if (outside && others.length > 0) {
      report(file, obj, `admits traffic from outside the namespace to ${others.map(({ obj: d }) => d.metadata.name).join(", ")}; only the gateway may take it`);
    }
  }

  for (const { obj, file } of byKind("HorizontalPodAutoscaler")) {
    const target = obj.spec?.scaleTargetRef;
    if (!deployments.some(({ obj: d }) => target?.kind === "Deployment" && d.metadata.name === target?.name && sameNamespace(d, obj))) {
      report(file, obj, `scaleTargetRef ${target?.kind}/${target?.name} is no Deployment here`);
    }
    if (!Number.isInteger(obj.spec?.minReplicas) || obj.spec.minReplicas < 2) {
      report(file, obj, "spec.minReplicas must be >= 2");
    }
  }
  return all;
}

/** The Secrets the rendered objects read, with the keys they read. */
function secretsNeeded(all) {
  const needed = new Map();
  const add = (name, key) => {
    if (!name) {
      return;
    }
    if (!needed.has(name)) {
      needed.set(name, new Set());
    }
    if (key) {
      needed.get(name).add(key);
    }
  };
  for (const obj of all) {
    const pod = podSpecOf(obj);
    for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
      for (const env of container.env ?? []) {
        add(env.valueFrom?.secretKeyRef?.name, env.valueFrom?.secretKeyRef?.key);
      }
      for (const from of container.envFrom ?? []) {
        add(from.secretRef?.name, "(all keys)");
      }
    }
    for (const volume of pod?.volumes ?? []) {
      if (volume.secret) {
        add(volume.secret.secretName);
        for (const item of volume.secret.items ?? []) {
          add(volume.secret.secretName, item.key);
        }
      }
    }
    if (obj.kind === "Ingress") {
      for (const tls of obj.spec?.tls ?? []) {
        add(tls.secretName, "tls.crt, tls.key");
      }
    }
    if (obj.kind === "Cluster") {
      const credentials = obj.spec?.backup?.barmanObjectStore?.s3Credentials ?? {};
      for (const ref of Object.values(credentials)) {
        add(ref?.name, ref?.key);
      }
    }
  }
  return [...needed.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, keys]) => `${name} (${[...keys].sort().join(", ")})`);
}

// ---------------------------------------------------------------------------------------------
// Main

function findRoots(dir) {
  if (kustomizationFile(dir)) {
    return [dir];
  }
  const found = [];
  const walk = (d, depth) => {
    if (kustomizationFile(d)) {
      found.push(d);
    }
    if (depth < 4) {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) {
          walk(path.join(d, entry.name), depth + 1);
        }
      }
    }
  };
  walk(dir, 0);
  const included = new Set();
  for (const root of found) {
    const problems = [];
    const [k] = parseFile(kustomizationFile(root), problems);
    for (const entry of isObject(k) && Array.isArray(k.resources) ? k.resources : []) {
      if (typeof entry === "string") {
        included.add(path.resolve(root, entry));
      }
    }
  }
  // Every top-level kustomization (the overlays), and the shared base on its own.
  return found.filter((root) => !included.has(root) || path.basename(root) === "base");
}

async function main() {
  const args = process.argv.slice(2);
  const print = args.includes("--print");
  const dir = path.resolve(args.find((a) => a !== "--print") ?? "deploy/k8s");
  const out = print ? console.error : console.log;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`k8s-check: ${rel(dir)} is not a directory`);
    process.exit(2);
  }
  const roots = findRoots(dir);
  if (roots.length === 0) {
    console.error(`k8s-check: no kustomization.yaml under ${rel(dir)}`);
    process.exit(2);
  }

  // file|id|message -> roots, so a problem in base shows once with every root that renders it.
  const found = new Map();
  const summaries = [];
  for (const root of roots) {
    const rootName = path.relative(dir, root) || path.basename(root);
    const overlay = root.split(path.sep).includes("overlays");
    const problems = [];
    const items = render(root, problems);
    // A problem names the file the object comes from, and the patches that changed it.
    const origin = new Map(items.map((i) => [i.obj, [i.file, ...(i.patchedBy ?? [])].map(rel).join(" + ")]));
    const report = (file, obj, message) => problems.push({ file: origin.get(obj) ?? file, id: idOf(obj), message });

    for (const { obj, file } of items) {
      const key = `${obj.apiVersion} ${obj.kind}`;
      if (CUSTOM.has(key)) {
        checkCustom(obj, items.map((i) => i.obj), (message) => report(file, obj, message));
        continue;
      }
      const Model = await modelOf(obj.apiVersion, obj.kind);
      if (!Model) {
        report(file, obj, `${key}: no schema known (kubernetes-models) and no hand check; cannot validate`);
        continue;
      }
      try {
        new Model(clone(obj)).validate();
      } catch (error) {
        for (const line of schemaProblems(error, obj)) {
          report(file, obj, line);
        }
      }
    }
    const all = checkProject(items, root, overlay, report);
    if (print) {
      process.stdout.write(`# ${rel(root)}\n`);
      for (const obj of all) {
        process.stdout.write(`---\n${YAML.stringify(obj, { version: "1.1" })}`);
      }
    }

    for (const { file, id, message } of problems) {
      const key = `${path.isAbsolute(file) ? rel(file) : file}: ${id}: ${message}`;
      if (!found.has(key)) {
        found.set(key, []);
      }
      found.get(key).push(rootName);
    }
    const kinds = new Map();
    for (const obj of all) {
      kinds.set(obj.kind, (kinds.get(obj.kind) ?? 0) + 1);
    }
    const counts = [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind} ${n}`).join(", ");
    summaries.push({ rootName, overlay, line: `${rel(root)}: ${all.length} objects (${counts})`, secrets: secretsNeeded(all) });
  }

  if (found.size > 0) {
    for (const [line, rootNames] of found) {
      out(`${line} [${rootNames.join(", ")}]`);
    }
    out(`k8s-check: ${found.size} problem${found.size === 1 ? "" : "s"} in ${rel(dir)}`);
    process.exit(1);
  }
  out(`k8s-check: ${roots.length} kustomization${roots.length === 1 ? "" : "s"} rendered and valid`);
  for (const summary of summaries) {
    out(`  ${summary.line}`);
  }
  const last = summaries.find((s) => s.overlay) ?? summaries.at(-1);
  out(`  Secrets ${last.rootName} reads (created by the operator, not in the manifests):`);
  for (const secret of last.secrets) {
    out(`    ${secret}`);
  }
}

await main();
