// The dashboard: outcomes of the last 24 h / 7 days (stacked bars), running jobs with their
// elapsed time ticking, next runs, latest failures with their stderr head, per-company
// counts. One GET B/dashboard every few seconds; the server aggregates.
import { get } from "../api.js";
import { href } from "../router.js";
import { durationBetween, el, formatDuration, formatInstant, icon, loading, pageHeader, showError, statusBadge, table } from "../ui.js";

const REFRESH_MS = 5000;
const OUTCOMES = [
  { key: "success", label: "Success", color: "#198754" },
  { key: "failed", label: "Failed", color: "#dc3545" },
  { key: "cancelled", label: "Cancelled", color: "#ffc107" },
  { key: "lost", label: "Lost", color: "#6c757d" },
];

function card(title, body, id) {
  return el("section", { class: "card h-100", id, "aria-labelledby": id + "-title" },
    el("div", { class: "card-body" }, el("h2", { class: "h5 card-title", id: id + "-title" }, title), body));
}

function stat(label, value, id) {
  return el("div", { class: "col-6 col-md-3" },
    el("div", { class: "card text-center h-100" },
      el("div", { class: "card-body py-2" },
        el("div", { class: "mfx-stat", id }, String(value)), el("div", { class: "text-muted small" }, label))));
}

function sum(buckets, key) {
  return buckets.reduce((n, b) => n + (Number(b[key]) || 0), 0);
}

function bucketLabel(start, byDay) {
  const d = new Date(start);
  return byDay
    ? d.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "numeric" })
    : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function chartData(buckets, byDay) {
  return {
    labels: buckets.map((b) => bucketLabel(b.start, byDay)),
    datasets: OUTCOMES.map((o) => ({ label: o.label, data: buckets.map((b) => Number(b[o.key]) || 0), backgroundColor: o.color })),
  };
}

// A text summary of the chart for screen readers and the test.
function chartSummary(buckets, span) {
  return `Jobs ended in the last ${span}: ` + OUTCOMES.map((o) => `${sum(buckets, o.key)} ${o.label.toLowerCase()}`).join(", ") + ".";
}

function jobLink(id) {
  return el("a", { href: href(`/job/${id}`) }, `#${id}`);
}

function runningTable(running) {
  return table(
    [
      { title: "Job", value: (j) => jobLink(j.id) },
      { title: "Template", value: (j) => j.runtemplate_name },
      { title: "Company", value: (j) => j.company_name },
      { title: "Application", value: (j) => j.app_name },
      { title: "Executor", value: (j) => j.executor },
      { title: "Running for", value: (j) => el("span", { class: "mfx-elapsed", dataset: { begin: j.begin || "" } }, formatDuration(durationBetween(j.begin))) },
    ],
    running,
    { empty: "No job is running." },
  );
}

function nextRunsTable(next) {
  return table(
    [
      { title: "When", value: (r) => formatInstant(r.next) },
      { title: "Template", value: (r) => el("a", { href: href(`/template/${r.runtemplate_id}`) }, r.name) },
      { title: "Company", value: (r) => r.company_name },
    ],
    next,
    { empty: "Nothing is scheduled." },
  );
}

function failuresList(failures) {
  if (!failures.length) return el("p", { class: "text-muted mfx-empty" }, "No failures.");
  return el("ul", { class: "list-unstyled mb-0" },
    failures.map((f) => el("li", { class: "border-bottom py-2" },
      el("div", { class: "d-flex flex-wrap gap-2 align-items-center" },
        jobLink(f.id), statusBadge(f.status),
        f.exitcode !== undefined && f.exitcode !== null ? el("span", { class: "badge text-bg-light" }, `exit ${f.exitcode}`) : null,
        el("span", {}, f.runtemplate_name), el("span", { class: "text-muted" }, f.company_name),
        el("span", { class: "text-muted small ms-auto" }, formatInstant(f.end))),
      f.stderr_head ? el("pre", { class: "mfx-stderr-head text-danger mt-1" }, f.stderr_head) : null)));
}

function companiesTable(companies) {
  return table(
    [
      { title: "Company", value: (c) => el("a", { href: href(`/company/${c.id}`) }, c.name) },
      { title: "Templates (active)", value: (c) => `${c.templates} (${c.active_templates})`, class: "text-end" },
      { title: "Running", value: (c) => String(c.running), class: "text-end" },
      { title: "Success 24 h", value: (c) => String(c.success_24h), class: "text-end" },
      { title: "Failed 24 h", value: (c) => el("span", { class: c.failed_24h ? "text-danger fw-bold" : null }, String(c.failed_24h)), class: "text-end" },
    ],
    companies,
    { empty: "You see no company yet." },
  );
}

export async function render(view) {
  const status = el("p", { class: "text-muted small mb-0", id: "dashboard-generated", "aria-live": "polite" });
  view.append(pageHeader("Dashboard", status));
  const body = el("div", { id: "dashboard" }, loading());
  view.append(body);

  let span = "24h";
  let chart = null;
  let data = null;
  const canvas = el("canvas", { id: "dashboard-chart", role: "img", "aria-label": "Jobs by outcome" });
  const summary = el("p", { class: "visually-hidden", id: "dashboard-chart-summary" });
  const spanButtons = [["24h", "24 hours"], ["7d", "7 days"]].map(([key, label]) =>
    el("button", { type: "button", class: "btn btn-outline-primary btn-sm", "aria-pressed": String(key === span), dataset: { span: key }, on: { click: () => { span = key; drawChart(); } } }, label));

  function drawChart() {
    if (!data) return;
    const byDay = span === "7d";
    const buckets = (byDay ? data.days : data.hours) || [];
    for (const b of spanButtons) {
      const on = b.dataset.span === span;
      b.classList.toggle("active", on);
      b.setAttribute("aria-pressed", String(on));
    }
    summary.textContent = chartSummary(buckets, byDay ? "7 days" : "24 hours");
    if (typeof Chart === "undefined") return;
    if (!chart) {
      chart = new Chart(canvas, {
        type: "bar",
        data: chartData(buckets, byDay),
        options: {
          animation: false,
          maintainAspectRatio: false,
          responsive: true,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    } else {
      chart.data = chartData(buckets, byDay);
      chart.update("none");
    }
  }

  const sections = {
    running: el("div"),
    next: el("div"),
    failures: el("div"),
    companies: el("div"),
  };
  const stats = el("div", { class: "row g-2 mb-3" });
  const layout = el("div", {},
    stats,
    el("div", { class: "row g-3" },
      el("div", { class: "col-lg-7" }, card("Jobs by outcome",
        [el("div", { class: "btn-group mb-2", role: "group", "aria-label": "Time span" }, spanButtons),
          el("div", { class: "mfx-chart" }, canvas), summary], "dashboard-outcomes")),
      el("div", { class: "col-lg-5" }, card("Next runs", sections.next, "dashboard-next")),
      el("div", { class: "col-lg-7" }, card("Running jobs", sections.running, "dashboard-running")),
      el("div", { class: "col-lg-5" }, card("Latest failures", sections.failures, "dashboard-failures")),
      el("div", { class: "col-12" }, card("Companies", sections.companies, "dashboard-companies"))));

  let first = true;
  let stopped = false;
  async function refresh() {
    try {
      const d = await get("/dashboard");
      if (stopped) return;
      data = d;
      if (first) {
        body.replaceChildren(layout);
        first = false;
      }
      const hours = d.hours || [];
      stats.replaceChildren(
        stat("Running", (d.running || []).length, "stat-running"),
        stat("Pending", d.pending ?? 0, "stat-pending"),
        stat("Succeeded 24 h", sum(hours, "success"), "stat-success"),
        stat("Failed 24 h", sum(hours, "failed") + sum(hours, "lost"), "stat-failed"),
      );
      sections.running.replaceChildren(runningTable(d.running || []));
      sections.next.replaceChildren(nextRunsTable(d.next_runs || []));
      sections.failures.replaceChildren(failuresList(d.failures || []));
      sections.companies.replaceChildren(companiesTable(d.companies || []));
      status.replaceChildren(icon("clock"), ` ${formatInstant(d.generated_at)}${d.zone ? " · " + d.zone : ""}`);
      drawChart();
    } catch (e) {
      if (stopped || e.status === 401) return;
      showError(first ? body : view, e);
    }
  }

  function tick() {
    for (const span of view.querySelectorAll(".mfx-elapsed")) {
      span.textContent = formatDuration(durationBetween(span.dataset.begin));
    }
  }

  await refresh();
  const timers = [setInterval(refresh, REFRESH_MS), setInterval(tick, 1000)];
  return () => {
    stopped = true;
    timers.forEach(clearInterval);
    if (chart) chart.destroy();
  };
}
