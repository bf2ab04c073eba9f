// apps.js — the applications: a list (#/apps), one application from its manifest
// (#/app/:id: fields, exit codes, artifacts, the languages of its texts) and the manifest
// upload (#/app/import, admins) that lists schema errors with their JSON path.
import { get, list, post } from "../api.js";
import { localized } from "../i18n.js";
import * as router from "../router.js";
import * as session from "../session.js";
import { alertBox, button, el, formatInstant, pageHeader, showError, table, uid } from "../ui.js";
import { PAGE_LIMIT, details, flash, idLink, listPage, loadRecord, section, takeFlash, whileBusy } from "./forms-common.js";


export async function render(view, params) {
  if (params.id === "import") return renderImport(view);
  if (params.id !== undefined) return renderApp(view, params.id);
  return renderList(view, 0);
}

// "a,b" (the API's list of an app) or ["a", "b"] (a manifest's) → ["a", "b"]
function words(value) {
  if (Array.isArray(value)) return value.map(String);
  return String(value || "").split(",").map((s) => s.trim()).filter(Boolean);
}

function badges(value) {
  return words(value).map((w) => el("span", { class: "badge text-bg-light border me-1" }, w));
}

async function renderList(view, offset) {
  await listPage(view, {
    title: "Applications",
    action: session.isAdmin()
      ? el("a", { class: "btn btn-primary", href: router.href("/app/import"), id: "app-import" }, "Import manifest")
      : null,
    offset,
    onPage: (o) => renderList(view, o),
    load: () => list("/apps", { limit: PAGE_LIMIT, offset }),
    columns: [
      { title: "Name", value: (a) => idLink(`/app/${a.id}`, localized(a.name) || `#${a.id}`) },
      { title: "Description", value: (a) => localized(a.description), class: "d-none d-md-table-cell" },
      { title: "Version", value: (a) => a.version || "", class: "d-none d-sm-table-cell" },
      { title: "Requires", value: (a) => badges(a.requirements), class: "d-none d-lg-table-cell" },
      { title: "Tags", value: (a) => badges(a.tags), class: "d-none d-xl-table-cell" },
      { title: "Enabled", value: (a) => (a.enabled ? "yes" : "no") },
    ],
    empty: "No applications yet.",
    caption: "Applications",
  });
}

// Every language a localized text of the manifest has: {lang: number of texts}.
function translations(manifest) {
  const counts = {};
  const visit = (value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return;
    for (const [lang, text] of Object.entries(value)) {
      if (typeof text === "string" && /^[a-z]{2,3}([-_][A-Za-z]{2,4})?$/.test(lang)) counts[lang] = (counts[lang] || 0) + 1;
    }
  };
  visit(manifest.name);
  visit(manifest.description);
  visit(manifest.title);
  for (const spec of Object.values(manifest.environment || {})) {
    visit(spec && spec.description);
    visit(spec && spec.hint);
  }
  for (const spec of Object.values(manifest.exitCodes || {})) visit(spec && spec.description);
  for (const a of Array.isArray(manifest.artifacts) ? manifest.artifacts : []) {
    visit(a && a.name);
    visit(a && a.description);
  }
  return counts;
}

function text(value) {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function optionsText(options) {
  if (Array.isArray(options)) return options.map(String).join(", ");
  if (options && typeof options === "object") return Object.entries(options).map(([k, v]) => `${k} (${localized(v)})`).join(", ");
  return "";
}

function safeLink(urlText) {
  try {
    const u = new URL(String(urlText));
    if (u.protocol === "https:" || u.protocol === "http:") return el("a", { href: u.href, rel: "noopener noreferrer", target: "_blank" }, u.href);
  } catch {
    // not a URL: shown as text
  }
  return text(urlText);
}

async function renderApp(view, idText) {
  let manifestError = null;
  const loaded = await loadRecord(view, "Application", () => Promise.all([
    get(`/app/${encodeURIComponent(idText)}`),
    get(`/app/${encodeURIComponent(idText)}/manifest`).catch((e) => {
      manifestError = e;
      return null;
    }),
  ]));
  if (!loaded) return;
  const [app, manifest] = loaded;
  const m = manifest || {};
  const newTemplate = session.can("editor")
    ? el("a", { class: "btn btn-primary", href: router.href(`/template/new?app_id=${app.id}`), id: "app-new-template" }, "New run template")
    : null;
  view.replaceChildren(pageHeader(localized(m.name) || app.name, newTemplate), ...takeFlash());
  if (manifestError) view.append(alertBox("warning", `The manifest cannot be read: ${manifestError.message}`));
  view.append(
    section("Application", details([
      ["Description", localized(m.description) || localized(app.description)],
      ["Version", app.version || m.version],
      ["UUID", app.uuid ? el("code", {}, app.uuid) : ""],
      ["Executable", el("code", {}, app.executable || m.executable || "")],
      ["Container image", app.ociimage || m.ociimage],
      ["Home page", app.homepage || m.homepage ? safeLink(app.homepage || m.homepage) : ""],
      ["Requires", badges(m.requirements || app.requirements)],
      ["Tags", badges(m.tags || app.tags)],
      ["Enabled", app.enabled ? "yes" : "no"],
      ["Imported", formatInstant(app.DatCreate)],
      ["Changed", formatInstant(app.DatUpdate)],
    ])),
  );
  if (!manifest) return;
  const env = Object.entries(m.environment || {});
  view.append(
    section("Configuration fields", table(
      [
        { title: "Name", value: ([k]) => el("code", {}, k) },
        { title: "Type", value: ([, s]) => text(s.type) },
        { title: "Required", value: ([, s]) => (s.required ? "yes" : "no") },
        { title: "Default", value: ([, s]) => text(s.defval), class: "text-break" },
        { title: "Options", value: ([, s]) => optionsText(s.options), class: "d-none d-md-table-cell" },
        { title: "Secret", value: ([, s]) => (s.secret || s.type === "password" ? "yes" : "no") },
        { title: "Description", value: ([, s]) => localized(s.description), class: "d-none d-lg-table-cell" },
      ],
      env,
      { empty: "The application takes no configuration." },
    )),
    section("Exit codes", table(
      [
        { title: "Code", value: ([code]) => code },
        { title: "Severity", value: ([, s]) => text(s.severity) },
        { title: "Retry", value: ([, s]) => (s.retry ? "yes" : "no") },
        { title: "Description", value: ([, s]) => localized(s.description) },
      ],
      Object.entries(m.exitCodes || {}).sort(([a], [b]) => Number(a) - Number(b)),
      { empty: "The manifest describes no exit codes." },
    )),
    section("Artifacts", table(
      [
        { title: "Name", value: (a) => localized(a.name) },
        { title: "Path", value: (a) => el("code", {}, text(a.path)), class: "text-break" },
        { title: "Type", value: (a) => text(a.type) },
        { title: "Description", value: (a) => localized(a.description), class: "d-none d-md-table-cell" },
      ],
      Array.isArray(m.artifacts) ? m.artifacts : [],
      { empty: "The manifest names no artifacts." },
    )),
  );
  const langs = Object.entries(translations(m)).sort(([a], [b]) => a.localeCompare(b));
  view.append(section("Translations", langs.length
    ? el("ul", { class: "list-inline mb-0", id: "app-translations" }, langs.map(([lang, n]) =>
      el("li", { class: "list-inline-item" }, el("span", { class: "badge text-bg-info", dataset: { lang } }, lang), ` ${n} text${n === 1 ? "" : "s"}`)))
    : el("p", { class: "text-muted mb-0" }, "The texts are not localized.")));
}

function renderImport(view) {
  view.append(pageHeader("Import an application manifest"));
  if (!session.isAdmin()) {
    view.append(alertBox("warning", "Only an administrator imports applications."));
    return;
  }
  const id = uid("manifest");
  const file = el("input", { id, class: "form-control", type: "file", name: "manifest", accept: ".json,application/json", required: true, "aria-describedby": id + "-help" });
  const submit = button("Import", { type: "submit", id: "app-import-submit", icon: "upload" });
  const result = el("div", { class: "mt-3", "aria-live": "polite" });
  const form = el(
    "form",
    { class: "mfx-form", novalidate: true },
    el("div", { class: "mb-3" },
      el("label", { class: "form-label", for: id }, "Manifest file (*.app.json)"),
      file,
      el("div", { class: "form-text", id: id + "-help" }, "A MultiFlexi application manifest; an application with the same uuid (else name) is updated.")),
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    result.replaceChildren();
    whileBusy(submit, async () => {
      try {
        const chosen = file.files && file.files[0];
        if (!chosen) throw Object.assign(new Error("choose a manifest file"), { field: "manifest" });
        const body = await chosen.text();
        try {
          JSON.parse(body);
        } catch (e) {
          throw Object.assign(new Error(`${chosen.name} is not valid JSON: ${e.message}`), { field: "manifest" });
        }
        const app = await post("/app/", body);
        flash(`Imported ${app.name}.`);
        router.navigate(`/app/${app.id}`);
      } catch (e) {
        showError(result, e, form);
      }
    });
  });
  view.append(section("Manifest", form), result);
}
