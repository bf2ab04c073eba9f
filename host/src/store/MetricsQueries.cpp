#include "store/MetricsQueries.h"

#include "store/Sql.h"

namespace MultiFlexi {

using Sql::value;

namespace {

std::string scoped(const std::string& column, const MetricsCompanyScope& companies, Sql::Bindings& b) {
  return companies ? Sql::andIn(column, *companies, b) : std::string();
}

}  // namespace

std::vector<EndedJobRow> MetricsQueries::ended(const std::string& condition, const std::string& order,
                                               const Sql::Bindings& bindings) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT id, runtemplate_id, state, scheduled_for, begin_at, end_at FROM job WHERE " +
                           condition + " ORDER BY " + order + " LIMIT ?",
                       bindings);
  std::vector<EndedJobRow> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out.push_back(EndedJobRow{Sql::integer(rs, "id", r), Sql::optInteger(rs, "runtemplate_id", r),
                              Sql::text(rs, "state", r), Sql::integer(rs, "scheduled_for", r),
                              Sql::optInteger(rs, "begin_at", r), Sql::integer(rs, "end_at", r)});
  return out;
}

std::vector<EndedJobRow> MetricsQueries::endedAfter(Instant endAt, int64_t id, int64_t limit) {
  // The range on end_at first, so that the job_end index bounds the scan.
  return ended("end_at >= ? AND (end_at > ? OR id > ?)", "end_at, id",
               {value(endAt), value(endAt), value(id), value(limit)});
}

std::vector<EndedJobRow> MetricsQueries::endedBeforeAbove(Instant endAt, int64_t id, int64_t limit) {
  // "+end_at": not on the job_end index (every job counted lies below); the id range is the short one.
  return ended("+end_at < ? AND id > ?", "id", {value(endAt), value(id), value(limit)});
}

int64_t MetricsQueries::endedUpTo(Instant endAt, int64_t id) {
  Poco::Data::Session s = _db.session();
  return Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE end_at <= ? AND (end_at < ? OR id <= ?)",
                     {value(endAt), value(endAt), value(id)});
}

std::vector<TemplateMetricsRow> MetricsQueries::activeTemplates(const MetricsCompanyScope& companies, int64_t limit) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  const std::string scope = scoped("t.company_id", companies, b);
  b.push_back(value(limit));
  auto rs = Sql::query(s,
                       "SELECT t.id, t.name, t.company_id, c.slug, a.name AS app_name, t.interv, t.next_schedule, "
                       "t.delay_seconds, t.missed_slots FROM runtemplate t "
                       "JOIN company c ON c.id = t.company_id JOIN application a ON a.id = t.app_id "
                       "WHERE t.active = 1" + scope + " ORDER BY t.id LIMIT ?",
                       b);
  std::vector<TemplateMetricsRow> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    TemplateMetricsRow t;
    t.id = Sql::integer(rs, "id", r);
    t.name = Sql::text(rs, "name", r);
    t.companyId = Sql::integer(rs, "company_id", r);
    t.companySlug = Sql::text(rs, "slug", r);
    t.application = Sql::text(rs, "app_name", r);
    if (Sql::text(rs, "interv", r) != "n") t.nextSchedule = Sql::optInteger(rs, "next_schedule", r);
    t.delaySeconds = static_cast<int>(Sql::integer(rs, "delay_seconds", r));
    t.missedSlots = Sql::integer(rs, "missed_slots", r);
    out.push_back(std::move(t));
  }
  return out;
}

int64_t MetricsQueries::activeTemplateCount(const MetricsCompanyScope& companies) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  const std::string scope = scoped("company_id", companies, b);
  return Sql::scalar(s, "SELECT COUNT(*) FROM runtemplate WHERE active = 1" + scope, b);
}

int64_t MetricsQueries::pendingDue(Instant now) {
  Poco::Data::Session s = _db.session();
  return Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE state = 'pending' AND scheduled_for <= ?", {value(now)});
}

int64_t MetricsQueries::runningCount() {
  Poco::Data::Session s = _db.session();
  return Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE state = 'running'");
}

}  // namespace MultiFlexi
