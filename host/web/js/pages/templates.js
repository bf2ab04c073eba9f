// templates.js — run templates: the list filtered by company (#/templates?company_id=),
// the create form (#/template/new?app_id=&company_id=) and one template's form
// (#/template/:id): schedule with a live "next 5 runs" preview in the template's zone,
// executor from the loaded plugins with its can_run answer, configuration fields generated
// from the application's environment definitions, credentials per requirement,
// activate/deactivate, and Run now with a one-off environment.
import { del, get, list, post } from "../api.js";
import { localized } from "../i18n.js";
import * as router from "../router.js";
import * as session from "../session.js";
import { alertBox, button, el, field, formatInstant, loading, pageHeader, showError, uid } from "../ui.js";
import { PAGE_LIMIT, byId, debounce, definedField, details, flash, idLink, keyValueRows, listAll, listPage, loadRecord, section, takeFlash, whileBusy } from "./forms-common.js";


// MultiFlexi's interval codes and the cron expression each stands for (domain/RunTemplate).
const INTERVALS = [
  { value: "n", label: "n — disabled (runs only when started by hand)" },
  { value: "i", label: "i — every minute", cron: "* * * * *" },
  { value: "h", label: "h — hourly", cron: "0 * * * *" },
  { value: "d", label: "d — daily", cron: "0 0 * * *" },
  { value: "w", label: "w — weekly (Monday)", cron: "0 0 * * 1" },
  { value: "m", label: "m — monthly", cron: "0 0 1 * *" },
  { value: "y", label: "y — yearly", cron: "0 0 1 1 *" },
  { value: "c", label: "c — cron expression" },
];
const MISFIRE = [
  { value: "latest", label: "latest — run the most recent missed slot once" },
  { value: "skip", label: "skip — run none of the missed slots" },
  { value: "all", label: "all — run every missed slot (bounded)" },
];

export async function render(view, params) {
  const query = params.query || {};
  if (params.id === undefined) return renderList(view, query, 0);
  return renderForm(view, params.id === "new" ? null : params.id, query);
}

function scheduleText(t) {
  if (t.interv === "c") return el("code", {}, t.cron || "");
  const i = INTERVALS.find((x) => x.value === t.interv);
  return i ? i.label.split(" — ")[1] : t.interv;
}

async function renderList(view, query, offset) {
  const companyId = query.company_id ? Number(query.company_id) : null;
  await listPage(view, {
    title: "Run templates",
    action: session.can("editor")
      ? el("a", { class: "btn btn-primary", id: "template-new", href: router.href(`/template/new${companyId ? `?company_id=${companyId}` : ""}`) }, "New run template")
      : null,
    offset,
    onPage: (o) => renderList(view, query, o),
    load: async () => {
      const [companies, apps, templates] = await Promise.all([
        listAll("/companies"),
        listAll("/apps"),
        list("/runtemplates", { company_id: companyId, limit: PAGE_LIMIT, offset, order: "name" }),
      ]);
      return { companyById: byId(companies), appById: byId(apps), companies, templates };
    },
    rows: (d) => d.templates,
    above: (d) => companyFilter(d.companies, companyId),
    columns: ({ companyById, appById }) => [
      { title: "Name", value: (t) => idLink(`/template/${t.id}`, t.name) },
      { title: "Application", value: (t) => localized((appById.get(t.app_id) || {}).name) || `#${t.app_id}`, class: "d-none d-md-table-cell" },
      { title: "Company", value: (t) => (companyById.get(t.company_id) || {}).name || `#${t.company_id}`, class: "d-none d-sm-table-cell" },
      { title: "Schedule", value: scheduleText },
      { title: "Executor", value: (t) => t.executor, class: "d-none d-lg-table-cell" },
      { title: "Active", value: (t) => el("span", { class: ["badge", t.active ? "text-bg-success" : "text-bg-secondary"] }, t.active ? "active" : "inactive") },
      { title: "Next run", value: (t) => formatInstant(t.next_schedule), class: "d-none d-lg-table-cell" },
      { title: "OK / failed", value: (t) => `${t.successfull_jobs_count ?? 0} / ${t.failed_jobs_count ?? 0}`, class: "d-none d-xl-table-cell" },
    ],
    empty: "No run templates here.",
    caption: "Run templates",
  });
}

// The company filter of the list: choosing one goes to #/templates?company_id=.
function companyFilter(companies, companyId) {
  const filterId = uid("filter-company");
  const filter = el("select", { id: filterId, class: "form-select form-select-sm", name: "company_id" },
    el("option", { value: "" }, "All companies"),
    companies.map((c) => el("option", { value: c.id, selected: c.id === companyId }, c.name)));
  filter.addEventListener("change", () => router.navigate(filter.value ? `/templates?company_id=${filter.value}` : "/templates"));
  return el("div", { class: "row g-2 align-items-center mb-3" },
    el("div", { class: "col-auto" }, el("label", { class: "col-form-label col-form-label-sm", for: filterId }, "Company")),
    el("div", { class: "col-12 col-sm-6 col-md-4" }, filter));
}

// "2026-12-07T14:30:00.000+01:00" → "2026-12-07 14:30 +01:00"
function localText(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(String(iso));
  return m ? `${m[1]} ${m[2]}${m[3] ? ` ${m[3] === "Z" ? "UTC" : m[3]}` : ""}` : String(iso);
}

// The cron preview: "next 5 runs" of the schedule in the zone, refreshed as the user types.
function cronPreview() {
  const box = el("div", { class: "mfx-cron-preview small", id: uid("cron-preview"), "aria-live": "polite" });
  let asked = 0;
  const run = async (expression, zone) => {
    const mine = ++asked;
    if (!expression) {
      box.replaceChildren(el("span", { class: "text-muted" }, "No scheduled runs."));
      return;
    }
    // Half-typed expressions are not sent (each would be a 400 in the browser's log).
    if (!expression.startsWith("@") && expression.split(/\s+/).length !== 5) {
      box.replaceChildren(el("div", { class: "text-danger mfx-cron-error", role: "alert" }, "expression: five fields are needed (minute hour day-of-month month day-of-week)"));
      return;
    }
    try {
      const answer = await get("/cron/next", { expression, timezone: zone || null, count: 5 });
      if (mine !== asked) return;
      box.replaceChildren(
        el("div", { class: "text-muted" }, `Next 5 runs (${answer.timezone}):`),
        el("ol", { class: "mb-0 mfx-cron-next" }, (answer.next || []).map((n) => el("li", { title: `${n.utc} UTC` }, el("time", { datetime: n.utc }, localText(n.local))))),
      );
    } catch (e) {
      if (mine !== asked) return;
      box.replaceChildren(el("div", { class: "text-danger mfx-cron-error", role: "alert" }, e.field ? `${e.field}: ${e.message}` : e.message));
    }
  };
  const later = debounce(run, 350);
  return { element: box, update: later, now: run, cancel: () => { later.cancel(); asked += 1; } };
}

function executorOptions(plugins, current) {
  const out = [];
  for (const p of Array.isArray(plugins) ? plugins : []) {
    if (p.status !== "loaded") continue;
    for (const c of p.components || []) {
      if (c.kind === "executor") out.push({ value: c.id, label: c.name && c.name !== c.id ? `${c.name} (${c.id})` : c.id });
    }
  }
  if (current && !out.some((o) => o.value === current)) out.push({ value: current, label: `${current} (not loaded)` });
  if (!out.length) out.push({ value: "native", label: "native" });
  return out;
}

async function renderForm(view, idText, query) {
  const loaded = await loadRecord(view, "Run template", () => Promise.all([
    idText === null ? null : get(`/runtemplate/${encodeURIComponent(idText)}`),
    listAll("/companies"),
    listAll("/apps"),
    get("/plugins").catch(() => []),
  ]));
  if (!loaded) return undefined;
  const [t, companies, apps, plugins] = loaded;
  const companyById = byId(companies);
  const editable = t ? session.can("editor", t.company_id) : session.can("editor");
  const preview = cronPreview();
  const cleanup = () => preview.cancel();
  view.replaceChildren(pageHeader(t ? t.name : "New run template"), ...takeFlash());
  if (!t && !editable) {
    view.append(alertBox("warning", "Creating a run template needs the editor role in a company."));
    return cleanup;
  }
  const editableCompanies = companies.filter((c) => session.can("editor", c.id));
  const attrs = { disabled: !editable };
  const initialApp = t ? t.app_id : Number(query.app_id) || (apps[0] && apps[0].id);
  const initialCompany = t ? t.company_id : Number(query.company_id) || (editableCompanies[0] && editableCompanies[0].id);
  const form = el("form", { class: "mfx-form", novalidate: true });
  const nameField = field({ label: "Name", name: "name", value: t ? t.name : "", required: true, attrs });
  const appField = field({
    label: "Application", name: "app_id", value: initialApp, required: true, attrs,
    options: apps.map((a) => ({ value: a.id, label: localized(a.name) || `#${a.id}` })),
  });
  const companyField = field({
    label: "Company", name: "company_id", value: initialCompany, required: true,
    attrs: { disabled: Boolean(t) || !editable },
    help: t ? "A run template stays in its company." : null,
    options: (t ? companies : editableCompanies).map((c) => ({ value: c.id, label: c.name })),
  });
  const intervField = field({ label: "Interval", name: "interv", value: t ? t.interv : "d", options: INTERVALS, attrs });
  const cronField = field({
    label: "Cron expression", name: "cron", value: t && t.cron ? t.cron : "", placeholder: "30 2 * * *",
    help: "Five fields: minute hour day-of-month month day-of-week (names, ranges, steps, @daily …).",
    attrs: { ...attrs, autocomplete: "off", class: "form-control font-monospace" },
  });
  const zoneField = field({ label: "Time zone", name: "timezone", value: t && t.timezone ? t.timezone : "", attrs: { ...attrs, autocomplete: "off" } });
  const delayField = field({ label: "Delay (seconds after each slot)", name: "delay", type: "number", value: t ? t.delay : 0, attrs: { ...attrs, min: 0, max: 86400 } });
  const executorField = field({ label: "Executor", name: "executor", value: t ? t.executor : "native", options: executorOptions(plugins, t && t.executor), attrs });
  const canRunBox = el("div", { class: "small mb-3 mfx-can-run", "aria-live": "polite" });
  const imageField = field({ label: "Container image (overrides the application's)", name: "ociimage", value: t && t.ociimage ? t.ociimage : "", attrs: { ...attrs, autocomplete: "off" } });
  const misfireField = field({ label: "Missed slots (misfire policy)", name: "misfire", value: t ? t.misfire : "latest", options: MISFIRE, attrs });
  const overlapField = field({ label: "Allow overlap (start while the previous job still runs)", name: "allow_overlap", type: "checkbox", checked: t ? Boolean(t.allow_overlap) : false, attrs });
  const activeField = t ? null : field({ label: "Active", name: "active", type: "checkbox", checked: true, attrs });
  const noteField = field({ label: "Note", name: "note", multiline: true, rows: 2, value: t && t.note ? t.note : "", attrs });
  const configBox = el("div", { class: "mfx-config" });
  let configFields = [];
  let extraRows = null;
  const save = editable ? button(t ? "Save changes" : "Create run template", { type: "submit", id: "template-save" }) : null;
  const els = () => form.elements;

  const zoneOf = () => els().timezone.value.trim() || (companyById.get(Number(els().company_id.value)) || {}).timezone || null;
  const scheduleExpression = () => {
    const code = els().interv.value;
    if (code === "c") return els().cron.value.trim();
    return (INTERVALS.find((i) => i.value === code) || {}).cron || "";
  };
  const refreshSchedule = (immediately) => {
    const isCron = els().interv.value === "c";
    cronField.hidden = !isCron;
    const companyZone = (companyById.get(Number(els().company_id.value)) || {}).timezone;
    els().timezone.placeholder = companyZone ? `${companyZone} (the company's)` : "the server's zone";
    (immediately ? preview.now : preview.update)(scheduleExpression(), zoneOf());
  };

  async function loadConfig() {
    const appId = Number(els().app_id.value);
    configBox.replaceChildren(loading());
    let manifest = null;
    let problem = null;
    if (appId) manifest = await get(`/app/${appId}/manifest`).catch((e) => { problem = e; return null; });
    const current = t && t.app_id === appId ? t.config || {} : {};
    const defined = (manifest && manifest.environment) || {};
    configFields = Object.entries(defined).map(([name, spec]) => definedField({ name, spec: spec || {}, current: current[name], editable }));
    const extra = Object.fromEntries(Object.entries(current).filter(([k]) => !(k in defined)));
    extraRows = keyValueRows({ entries: extra, editable, label: "Other values" });
    configBox.replaceChildren(el("div", {},
      problem ? alertBox("warning", `The application's fields cannot be read: ${problem.message}`) : null,
      configFields.length ? configFields.map((f) => f.element) : el("p", { class: "text-muted" }, "The application defines no configuration fields."),
      extraRows.element,
    ));
  }

  async function showCanRun() {
    if (!t) {
      canRunBox.replaceChildren(el("span", { class: "text-muted" }, "Whether the executor can run the application is checked when the template is saved."));
      return;
    }
    const executor = els().executor.value;
    canRunBox.replaceChildren(el("span", { class: "text-muted" }, "Asking the executor…"));
    try {
      const answer = await get(`/runtemplate/${t.id}/can_run`, { executor });
      if (els().executor.value !== executor) return;
      canRunBox.replaceChildren(answer.can_run
        ? el("span", { class: "badge text-bg-success", id: "can-run" }, `${answer.executor} can run it`)
        : el("span", { class: "text-danger", id: "can-run" }, el("span", { class: "badge text-bg-danger" }, `${answer.executor} cannot run it`), " ", answer.reason || ""));
    } catch (e) {
      canRunBox.replaceChildren(el("span", { class: "text-muted" }, `can_run: ${e.message}`));
    }
  }

  function body() {
    const v = els();
    const out = {};
    const put = (name, value, before) => {
      if (!t || value !== before) out[name] = value;
    };
    put("name", v.name.value.trim(), t && t.name);
    put("app_id", Number(v.app_id.value), t && t.app_id);
    if (!t) out.company_id = Number(v.company_id.value);
    const code = v.interv.value;
    if (code === "c") {
      const cron = v.cron.value.trim();
      if (!t || code !== t.interv || cron !== (t.cron || "")) {
        out.interv = "c";
        out.cron = cron;
      }
    } else {
      put("interv", code, t && t.interv);
    }
    const optional = (name, before) => {
      const value = v[name].value.trim();
      if (t ? value !== (before || "") : value !== "") out[name] = value;
    };
    optional("timezone", t && t.timezone);
    optional("ociimage", t && t.ociimage);
    optional("note", t && t.note);
    const delay = v.delay.value === "" ? 0 : Number(v.delay.value);
    put("delay", delay, t && t.delay);
    put("executor", v.executor.value, t && t.executor);
    put("misfire", v.misfire.value, t && t.misfire);
    put("allow_overlap", v.allow_overlap.checked, t && Boolean(t.allow_overlap));
    if (!t) out.active = v.active.checked;
    const config = {};
    for (const f of configFields) {
      const value = f.value();
      if (value !== undefined) config[f.name] = value;
    }
    Object.assign(config, extraRows ? extraRows.changes() : {});
    if (Object.keys(config).length) out.config = config;
    return out;
  }

  // Two columns from md width up: [left, right] pairs; a single node spans the row.
  const grid = (...rows) => el("div", { class: "row gx-3" }, rows.map((r) => (Array.isArray(r)
    ? r.map((c) => el("div", { class: "col-12 col-md-6" }, c))
    : el("div", { class: "col-12" }, r))));
  form.append(...[
    nameField,
    grid([appField, companyField]),
    el("fieldset", { class: "mb-3" }, el("legend", { class: "h6" }, "Schedule"),
      grid([intervField, zoneField], cronField, preview.element, [delayField, misfireField], overlapField)),
    el("fieldset", { class: "mb-3" }, el("legend", { class: "h6" }, "Execution"),
      grid([el("div", {}, executorField, canRunBox), imageField], activeField)),
    noteField,
    el("fieldset", { class: "mb-3" }, el("legend", { class: "h6" }, "Configuration"), configBox),
    save,
  ].filter(Boolean));
  const formBox = section("Run template", form);
  els().interv.addEventListener("change", () => refreshSchedule(true));
  els().cron.addEventListener("input", () => refreshSchedule(false));
  els().timezone.addEventListener("input", () => refreshSchedule(false));
  els().company_id.addEventListener("change", () => refreshSchedule(true));
  els().app_id.addEventListener("change", () => loadConfig());
  els().executor.addEventListener("change", () => showCanRun());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!editable) return;
    whileBusy(save, async () => {
      try {
        const changes = body();
        if (t && !Object.keys(changes).length) throw new Error("Nothing changed.");
        const saved = t ? await post(`/runtemplate/${t.id}`, changes) : await post("/runtemplate", changes);
        if (!t) {
          router.navigate(`/template/${saved.id}`);
          return;
        }
        flash("Saved.");
        router.refresh();
      } catch (e) {
        showError(formBox, e, form);
      }
    });
  });

  if (t) {
    const header = view.firstChild.lastChild;
    header.append(el("a", { class: "btn btn-outline-secondary", href: router.href(`/jobs?runtemplate_id=${t.id}`) }, "Jobs"));
    if (editable) {
      header.append(button(t.active ? "Deactivate" : "Activate", {
        kind: t.active ? "outline-warning" : "success", icon: "power", id: "template-toggle",
        onClick: (event) => whileBusy(event.currentTarget, async () => {
          try {
            await post(`/runtemplate/${t.id}`, { active: !t.active });
            flash(t.active ? "Deactivated." : "Activated.");
            router.refresh();
          } catch (e) {
            showError(view, e);
          }
        }),
      }));
    }
    view.append(section("Status", details([
      ["Active", t.active ? "yes" : "no"],
      ["Next run", formatInstant(t.next_schedule) || "none"],
      ["Last run", formatInstant(t.last_schedule)],
      ["Jobs", `${t.successfull_jobs_count ?? 0} succeeded, ${t.failed_jobs_count ?? 0} failed`],
      ["Changed", formatInstant(t.DatSave)],
    ])));
  }
  view.append(formBox);
  if (t) {
    if (session.can("operator", t.company_id)) view.append(runNow(t));
    view.append(await credentialsSection(t, editable));
  }
  refreshSchedule(true);
  await Promise.all([loadConfig(), showCanRun()]);
  return cleanup;
}

// Run now: POST B/job/ with a one-off environment (editors; an operator runs without one).
function runNow(t) {
  const mayOverride = session.can("editor", t.company_id);
  const env = mayOverride ? keyValueRows({ label: "One-off environment (this run only)" }) : null;
  const go = button("Run now", { type: "submit", kind: "success", icon: "play-fill", id: "template-run-now" });
  const form = el("form", { class: "mfx-form", novalidate: true },
    t.active ? null : el("div", { class: "alert alert-warning py-2" }, "The template is inactive: activate it to run it."),
    env ? env.element : null, go);
  const box = section("Run now", form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    whileBusy(go, async () => {
      try {
        const request = { runtemplate_id: t.id };
        const overrides = env ? env.changes() : {};
        if (Object.keys(overrides).length) request.env = overrides;
        const job = await post("/job/", request);
        router.navigate(`/job/${job.id}`);
      } catch (e) {
        showError(box, e, form);
      }
    });
  });
  return box;
}

// The application's requirements and the credential bound to each (B/runtemplate/{id}/credentials).
async function credentialsSection(t, editable) {
  const box = section("Credentials");
  const body = box.querySelector(".card-body");
  let requirements;
  let credentials = [];
  let types = [];
  try {
    const answer = await get(`/runtemplate/${t.id}/credentials`);
    requirements = (answer && answer.requirements) || [];
    if (editable && requirements.length) {
      [credentials, types] = await Promise.all([listAll("/credentials"), listAll("/credential_types")]);
    }
  } catch (e) {
    body.append(alertBox("warning", `The credentials cannot be read: ${e.message}`));
    return box;
  }
  const typeById = byId(types);
  const mine = credentials.filter((c) => c.company_id === t.company_id);
  const provides = (c) => String((typeById.get(c.credential_type_id) || {}).provides || "").toLowerCase();
  const rowFor = (req) => {
    const cells = [el("td", {}, el("code", {}, req.kind)),
      el("td", {}, req.credential_id ? idLink(`/credential/${req.credential_id}`, req.credential_name || `#${req.credential_id}`) : el("span", { class: "text-muted" }, "none"))];
    if (editable) {
      const kind = String(req.kind).toLowerCase();
      const fitting = mine.filter((c) => provides(c) === kind);
      const candidates = fitting.length ? fitting : mine;
      const selectId = uid("assign");
      const select = el("select", { id: selectId, class: "form-select form-select-sm", "aria-label": `Credential for ${req.kind}` },
        candidates.map((c) => el("option", { value: c.id, selected: c.id === req.credential_id }, c.name)));
      const assign = button("Assign", { kind: "outline-primary", size: "sm", disabled: !candidates.length, onClick: (event) => change(event.currentTarget,
        () => post(`/runtemplate/${t.id}/credential/`, { credential_id: Number(select.value), requirement: req.kind })) });
      const unassign = req.credential_id
        ? button("Unassign", { kind: "outline-danger", size: "sm", onClick: (event) => change(event.currentTarget,
          () => del(`/runtemplate/${t.id}/credential/${req.credential_id}`)) })
        : null;
      cells.push(el("td", {}, el("div", { class: "d-flex flex-wrap gap-2" },
        candidates.length ? el("div", { class: "flex-grow-1" }, select) : el("span", { class: "text-muted small" }, "The company has no credentials."),
        assign, unassign)));
    }
    return el("tr", { dataset: { requirement: req.kind } }, cells);
  };
  const change = (btn, call) => whileBusy(btn, async () => {
    try {
      await call();
      box.replaceWith(await credentialsSection(t, editable));
    } catch (e) {
      showError(body, e);
    }
  });
  body.append(requirements.length
    ? el("div", { class: "table-responsive" }, el("table", { class: "table table-sm align-middle mb-0" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Requirement"), el("th", { scope: "col" }, "Credential"), editable ? el("th", { scope: "col" }, "Change") : null)),
      el("tbody", {}, requirements.map(rowFor))))
    : el("p", { class: "text-muted mb-0" }, "The application requires no credentials."));
  return box;
}
