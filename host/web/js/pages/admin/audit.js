// Admin tab "Audit log": newest first, paged; filter by actor and company.
import { list } from "../../api.js";
import { navigate } from "../../router.js";
import { button, el, field, formatInstant, pager, table } from "../../ui.js";

const LIMIT = 50;

function path(q) {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  const text = s.toString();
  return "/admin/audit" + (text ? "?" + text : "");
}

export async function renderTab(spot, query) {
  const offset = Math.max(0, parseInt(query.offset || "0", 10) || 0);
  const companies = await list("/companies", { limit: 100 });
  const events = await list("/auditlog", { limit: LIMIT, offset, actor: query.actor, company_id: query.company_id });
  const companyById = new Map(companies.map((c) => [c.id, c]));
  const form = el("form", { class: "row g-2 align-items-end mb-3", id: "audit-filter", role: "search" },
    el("div", { class: "col-md-4" }, field({ label: "Actor", name: "actor", value: query.actor || "" })),
    el("div", { class: "col-md-4" }, field({ label: "Company", name: "company_id", value: query.company_id || "",
      options: [{ value: "", label: "All" }, ...companies.map((c) => ({ value: c.id, label: c.name }))] })),
    el("div", { class: "col-md-4 mb-3" }, button("Filter", { type: "submit", icon: "funnel" })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(path({ actor: form.elements.actor.value.trim(), company_id: form.elements.company_id.value }));
  });
  spot.append(form, table(
    [
      { title: "When", value: (e) => formatInstant(e.at) },
      { title: "Actor", value: (e) => e.actor },
      { title: "Action", value: (e) => el("code", {}, e.action) },
      { title: "Subject", value: (e) => e.subject },
      { title: "Company", value: (e) => (e.company_id ? (companyById.get(e.company_id) || {}).name || `#${e.company_id}` : "") },
      { title: "Detail", value: (e) => e.detail || "" },
    ],
    events,
    { empty: "No events." },
  ), pager({ limit: LIMIT, offset, count: events.length, onPage: (o) => navigate(path({ ...query, offset: String(o) })) }));
}
