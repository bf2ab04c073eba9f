#include "store/CompanyRepository.h"

#include "common/Exceptions.h"
#include "store/Transaction.h"

namespace MultiFlexi {

using Sql::value;

namespace {

Company readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  using namespace Sql;
  Company c;
  c.id = integer(rs, "id", row);
  c.name = text(rs, "name", row);
  c.slug = text(rs, "slug", row);
  c.ic = optText(rs, "ic", row);
  c.dic = optText(rs, "dic", row);
  c.email = optText(rs, "email", row);
  c.timeZone = optText(rs, "time_zone", row);
  c.zabbixHost = optText(rs, "zabbix_host", row);
  c.enabled = boolean(rs, "enabled", row);
  c.createdAt = integer(rs, "created_at", row);
  c.updatedAt = integer(rs, "updated_at", row);
  return c;
}

void loadEnvironment(Poco::Data::Session& s, Company& c) {
  auto rs = Sql::query(s, "SELECT keyword, value FROM company_env WHERE company_id = ? ORDER BY keyword",
                       {value(c.id)});
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    c.environment[Sql::text(rs, "keyword", r)] = Sql::text(rs, "value", r);
}

}  // namespace

void CompanyRepository::checkSlugFree(Poco::Data::Session& s, const Company& company) {
  // The answer names nothing of the other company: its editor may be another tenant.
  if (Sql::scalar(s, "SELECT COUNT(*) FROM company WHERE LOWER(slug) = LOWER(?) AND id <> ?",
                  {value(company.slug), value(company.id)}) > 0)
    throw ConflictException("slug", "'" + company.slug + "' is already taken");
}

void CompanyRepository::saveEnvironment(Poco::Data::Session& s, const Company& company) {
  Sql::execute(s, "DELETE FROM company_env WHERE company_id = ?", {value(company.id)});
  for (const auto& [key, val] : company.environment)
    Sql::execute(s, "INSERT INTO company_env (company_id, keyword, value) VALUES (?, ?, ?)",
                 {value(company.id), value(key), value(val)});
}

int64_t CompanyRepository::create(const Company& company) {
  validateCompany(company, _envNames);
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  checkSlugFree(s, company);
  const Instant now = nowMs();
  Company saved = company;
  saved.id = Sql::insert(s,
                         "INSERT INTO company (name, slug, ic, dic, email, time_zone, zabbix_host, enabled, created_at, "
                         "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         {value(company.name), value(company.slug), value(company.ic), value(company.dic),
                          value(company.email), value(company.timeZone), value(company.zabbixHost),
                          value(company.enabled), value(now), value(now)});
  saveEnvironment(s, saved);
  tx.commit();
  return saved.id;
}

void CompanyRepository::update(const Company& company) {
  validateCompany(company, _envNames);
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  checkSlugFree(s, company);
  const std::size_t changed = Sql::execute(
      s,
      "UPDATE company SET name = ?, slug = ?, ic = ?, dic = ?, email = ?, time_zone = ?, zabbix_host = ?, "
      "enabled = ?, updated_at = ? WHERE id = ?",
      {value(company.name), value(company.slug), value(company.ic), value(company.dic), value(company.email),
       value(company.timeZone), value(company.zabbixHost), value(company.enabled), value(nowMs()),
       value(company.id)});
  if (changed == 0) throw NotFoundException("no company with id " + std::to_string(company.id));
  saveEnvironment(s, company);
  tx.commit();
}

std::optional<Company> CompanyRepository::findOne(const std::string& where, Sql::Binding key) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM company WHERE " + where + " ORDER BY id", {key});
  if (rs.rowCount() == 0) return std::nullopt;
  Company c = readRow(rs, 0);
  loadEnvironment(s, c);
  return c;
}

std::optional<Company> CompanyRepository::findById(int64_t id) { return findOne("id = ?", value(id)); }
std::optional<Company> CompanyRepository::findBySlug(const std::string& slug) {
  return findOne("LOWER(slug) = LOWER(?)", value(slug));
}
std::optional<Company> CompanyRepository::findByName(const std::string& name) {
  return findOne("name = ?", value(name));
}
std::optional<Company> CompanyRepository::findByIc(const std::string& ic) { return findOne("ic = ?", value(ic)); }

const std::vector<std::string> CompanyRepository::kOrderColumns = {"id", "name", "slug", "ic", "email", "enabled",
                                                                   "created_at"};

std::vector<Company> CompanyRepository::list(int64_t limit, int64_t offset) {
  CompanyFilter filter;
  filter.limit = limit;
  filter.offset = offset;
  return list(filter);
}

std::vector<Company> CompanyRepository::list(const CompanyFilter& filter) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  std::string sql = "SELECT * FROM company WHERE 1 = 1";
  if (filter.ids) sql += Sql::andIn("id", *filter.ids, b);
  sql += Sql::orderBy(filter.order, kOrderColumns, "id") + " LIMIT ? OFFSET ?";
  b.push_back(value(filter.limit));
  b.push_back(value(filter.offset));
  auto rs = Sql::query(s, sql, b);
  std::vector<Company> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    out.push_back(readRow(rs, r));
    loadEnvironment(s, out.back());
  }
  return out;
}

void CompanyRepository::remove(int64_t id) {
  Poco::Data::Session s = _db.session();
  Transaction tx(s, _db.dialect());
  auto company = Sql::query(s, "SELECT slug FROM company WHERE id = ?", {value(id)});
  if (company.rowCount() == 0) throw NotFoundException("no company with id " + std::to_string(id));
  const std::string who = "company '" + Sql::text(company, "slug", 0) + "' (id " + std::to_string(id) + ")";
  const int64_t jobs = Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE company_id = ?", {value(id)});
  if (jobs > 0)
    throw ConflictException(who + " has " + std::to_string(jobs) +
                            " job(s) in its history: disable it instead (company:update --id " +
                            std::to_string(id) + " --enabled 0)");
  auto templates = Sql::query(s, "SELECT id FROM runtemplate WHERE company_id = ? ORDER BY id", {value(id)});
  if (templates.rowCount() > 0)
    throw ConflictException(who + " has " + std::to_string(templates.rowCount()) + " run template(s) (id " +
                            Sql::idList(templates) + "): delete them first, or disable the company");
  const int64_t types = Sql::scalar(s, "SELECT COUNT(*) FROM credential_type WHERE company_id = ?", {value(id)});
  if (types > 0)
    throw ConflictException(who + " has " + std::to_string(types) +
                            " credential type(s): delete its credentials and credential types first");
  Sql::execute(s, "DELETE FROM company WHERE id = ?", {value(id)});
  tx.commit();
}

}  // namespace MultiFlexi
