// Admin tab "Roles": a company's users and their roles (viewer < operator < editor);
// give a role, take it away.
import { del, list, post } from "../../api.js";
import { navigate } from "../../router.js";
import { ROLES } from "../../session.js";
import { button, el, field, formatInstant, formValues, showError, table } from "../../ui.js";

export async function renderTab(spot, query) {
  const [companies, users] = await Promise.all([list("/companies", { limit: 100 }), list("/users", { limit: 100 })]);
  if (!companies.length) {
    spot.append(el("p", { class: "text-muted" }, "There is no company yet."));
    return;
  }
  const companyId = companies.some((c) => String(c.id) === query.company_id) ? query.company_id : String(companies[0].id);
  const picker = field({ label: "Company", name: "company_id", value: companyId, options: companies.map((c) => ({ value: c.id, label: c.name })) });
  picker.querySelector("select").addEventListener("change", (e) => navigate(`/admin/roles?company_id=${encodeURIComponent(e.target.value)}`));
  const userById = new Map(users.map((u) => [u.id, u]));
  const reload = () => navigate(`/admin/roles?company_id=${companyId}`);
  const members = await list(`/company/${companyId}/users`, { limit: 100 });
  const form = el("form", { class: "row g-2 align-items-end mb-3", id: "role-assign" },
    el("div", { class: "col-md-4" }, field({ label: "User", name: "user_id", options: users.map((u) => ({ value: u.id, label: u.login })) })),
    el("div", { class: "col-md-4" }, field({ label: "Role", name: "role", value: "viewer", options: ROLES })),
    el("div", { class: "col-md-4 mb-3" }, button("Give the role", { type: "submit", icon: "person-check" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const v = formValues(form);
    try {
      await post(`/company/${companyId}/user/`, { user_id: Number(v.user_id), role: v.role });
      reload();
    } catch (e) {
      showError(form, e, form);
    }
  });
  spot.append(
    el("div", { class: "row" }, el("div", { class: "col-md-4" }, picker)),
    form,
    table(
      [
        { title: "User", value: (m) => (userById.get(m.user_id) || {}).login || `#${m.user_id}` },
        { title: "Role", value: (m) => m.role },
        { title: "Since", value: (m) => formatInstant(m.created_at) },
        {
          title: "Actions",
          value: (m) => button("Remove", { kind: "outline-danger", size: "sm", onClick: async () => {
            try {
              await del(`/company/${companyId}/user/${m.user_id}`);
              reload();
            } catch (e) {
              showError(spot, e);
            }
          } }),
        },
      ],
      members,
      { empty: "Nobody has a role in this company (admins see every company)." },
    ),
  );
}
