// The jobs list: filters (company, template, status, time range) and server-side paging,
// all kept in the hash's query (#/jobs?company_id=1&status=failed&offset=20) so a filtered
// page can be bookmarked and Back works.
import { list } from "../api.js";
import { localized } from "../i18n.js";
import { href, navigate } from "../router.js";
import { button, durationBetween, el, field, formatDuration, formatInstant, loading, pageHeader, pager, showError, statusBadge, table } from "../ui.js";

const LIMIT = 25;
const STATUSES = ["pending", "running", "success", "failed", "cancelled", "lost"];
// Time ranges: the jobs scheduled within the last ... (the API's `from`, an instant).
const RANGES = [
  { value: "", label: "Any time", seconds: 0 },
  { value: "1h", label: "Last hour", seconds: 3600 },
  { value: "24h", label: "Last 24 hours", seconds: 86400 },
  { value: "7d", label: "Last 7 days", seconds: 7 * 86400 },
  { value: "30d", label: "Last 30 days", seconds: 30 * 86400 },
];

function byId(items) {
  return new Map(items.map((i) => [i.id, i]));
}

function toQuery(q) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== "" && v !== null && v !== undefined && !(k === "offset" && Number(v) === 0)) s.set(k, v);
  const text = s.toString();
  return "/jobs" + (text ? "?" + text : "");
}

function filterForm(query, companies, templates) {
  const templateChoices = templates.filter((t) => !query.company_id || String(t.company_id) === query.company_id);
  const form = el("form", { class: "row g-2 align-items-end mb-3", id: "jobs-filter", role: "search" },
    el("div", { class: "col-sm-6 col-lg-3" }, field({ label: "Company", name: "company_id", value: query.company_id || "",
      options: [{ value: "", label: "All companies" }, ...companies.map((c) => ({ value: c.id, label: c.name }))] })),
    el("div", { class: "col-sm-6 col-lg-3" }, field({ label: "Run template", name: "runtemplate_id", value: query.runtemplate_id || "",
      options: [{ value: "", label: "All templates" }, ...templateChoices.map((t) => ({ value: t.id, label: t.name }))] })),
    el("div", { class: "col-sm-6 col-lg-2" }, field({ label: "Status", name: "status", value: query.status || "",
      options: [{ value: "", label: "Any status" }, ...STATUSES] })),
    el("div", { class: "col-sm-6 col-lg-2" }, field({ label: "Scheduled", name: "range", value: query.range || "",
      options: RANGES.map((r) => ({ value: r.value, label: r.label })) })),
    el("div", { class: "col-lg-2 mb-3 d-flex gap-2" },
      button("Filter", { type: "submit", icon: "funnel" }),
      button("Reset", { kind: "outline-secondary", onClick: () => navigate("/jobs") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const f = form.elements;
    navigate(toQuery({ company_id: f.company_id.value, runtemplate_id: f.runtemplate_id.value, status: f.status.value, range: f.range.value }));
  });
  // A company narrows the template choice at once.
  form.elements.company_id.addEventListener("change", () => {
    const company = form.elements.company_id.value;
    const select = form.elements.runtemplate_id;
    select.replaceChildren(el("option", { value: "" }, "All templates"),
      ...templates.filter((t) => !company || String(t.company_id) === company).map((t) => el("option", { value: t.id }, t.name)));
  });
  return form;
}

function apiQuery(query, offset) {
  const range = RANGES.find((r) => r.value === (query.range || ""));
  return {
    limit: LIMIT,
    offset,
    order: "-id",
    company_id: query.company_id,
    runtemplate_id: query.runtemplate_id,
    status: query.status,
    from: range && range.seconds ? new Date(Date.now() - range.seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z") : null,
  };
}

export async function render(view, params) {
  const query = params.query || {};
  const offset = Math.max(0, parseInt(query.offset || "0", 10) || 0);
  view.append(pageHeader("Jobs"));
  const spot = el("div", {}, loading());
  view.append(spot);
  try {
    const [companies, templates, apps] = await Promise.all([
      list("/companies", { limit: 100 }),
      list("/runtemplates", { limit: 100 }),
      list("/apps", { limit: 100 }),
    ]);
    const jobs = await list("/jobs", apiQuery(query, offset));
    const companyById = byId(companies);
    const templateById = byId(templates);
    const appById = byId(apps);
    const goTo = (o) => navigate(toQuery({ ...query, offset: o }));
    spot.replaceChildren(
      filterForm(query, companies, templates),
      table(
        [
          { title: "Job", value: (j) => el("a", { href: href(`/job/${j.id}`), class: "mfx-job-link" }, `#${j.id}`) },
          { title: "Status", value: (j) => statusBadge(j.status) },
          { title: "Template", value: (j) => (templateById.get(j.runtemplate_id) || {}).name || (j.runtemplate_id ? `#${j.runtemplate_id}` : "ad hoc") },
          { title: "Company", value: (j) => (companyById.get(j.company_id) || {}).name || `#${j.company_id}` },
          { title: "Application", value: (j) => localized((appById.get(j.app_id) || {}).name) || `#${j.app_id}` },
          { title: "Scheduled", value: (j) => formatInstant(j.schedule) },
          { title: "Duration", value: (j) => (j.begin ? formatDuration(durationBetween(j.begin, j.end)) : "") },
          { title: "Exit", value: (j) => (j.exitcode ?? "") === "" ? "" : String(j.exitcode), class: "text-end" },
          { title: "Executor", value: (j) => j.executor },
        ],
        jobs,
        { empty: offset ? "No more jobs." : "No job matches." },
      ),
      pager({ limit: LIMIT, offset, count: jobs.length, onPage: goTo }),
    );
  } catch (e) {
    spot.replaceChildren();
    showError(spot, e);
  }
}
