#include "store/DashboardQueries.h"

#include "store/Sql.h"

#include <Poco/Data/LOB.h>

#include <map>

namespace MultiFlexi {

using Sql::value;

namespace {

/// " AND <column> IN (...)" for a scope; nothing for all companies.
std::string scoped(const std::string& column, const CompanyScope& companies, Sql::Bindings& b) {
  return companies ? Sql::andIn(column, *companies, b) : std::string();
}

/// Where a cut at `size` bytes keeps whole UTF-8 characters.
std::size_t characterBoundary(const std::string& text, std::size_t size) {
  if (size >= text.size()) return text.size();
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return size;
}

}  // namespace

std::vector<EndedCounts> DashboardQueries::endedPerBucket(const std::vector<Instant>& boundaries,
                                                          const CompanyScope& companies) {
  if (boundaries.size() < 2) return {};
  Poco::Data::Session s = _db.session();
  // The bucket of each job by a CASE over the boundaries (days differ in length).
  Sql::Bindings b;
  std::string bucket = "CASE";
  for (std::size_t i = 1; i + 1 < boundaries.size(); ++i) {
    bucket += " WHEN end_at < ? THEN " + std::to_string(i - 1);
    b.push_back(value(boundaries[i]));
  }
  bucket += " ELSE " + std::to_string(boundaries.size() - 2) + " END";
  std::string sql = "SELECT " + bucket +
                    " AS bucket, state, COUNT(*) AS n FROM job WHERE end_at >= ? AND end_at < ? "
                    "AND state IN ('success', 'failed', 'cancelled', 'lost')";
  b.push_back(value(boundaries.front()));
  b.push_back(value(boundaries.back()));
  sql += scoped("company_id", companies, b) + " GROUP BY bucket, state";
  auto rs = Sql::query(s, sql, b);
  std::vector<EndedCounts> out(boundaries.size() - 1);
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    const int64_t i = Sql::integer(rs, "bucket", r);
    if (i < 0 || static_cast<std::size_t>(i) >= out.size()) continue;
    const std::string state = Sql::text(rs, "state", r);
    const int64_t n = Sql::integer(rs, "n", r);
    EndedCounts& c = out[static_cast<std::size_t>(i)];
    (state == "success" ? c.success : state == "failed" ? c.failed : state == "cancelled" ? c.cancelled : c.lost) += n;
  }
  return out;
}

int64_t DashboardQueries::pendingCount(const CompanyScope& companies) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  return Sql::scalar(s, "SELECT COUNT(*) FROM job WHERE state = 'pending'" + scoped("company_id", companies, b), b);
}

std::vector<DashboardJob> DashboardQueries::jobs(const std::string& condition, const CompanyScope& companies,
                                                 const std::string& order, int64_t limit) {
  Poco::Data::Session s = _db.session();
  Sql::Bindings b;
  const std::string sql =
      "SELECT j.id, j.runtemplate_id, t.name AS runtemplate_name, j.company_id, c.name AS company_name, j.app_id, "
      "a.name AS app_name, j.executor, j.state, j.exit_code, j.begin_at, j.end_at FROM job j "
      "JOIN company c ON c.id = j.company_id JOIN application a ON a.id = j.app_id "
      "LEFT JOIN runtemplate t ON t.id = j.runtemplate_id WHERE " +
      condition + scoped("j.company_id", companies, b) + " ORDER BY " + order + " LIMIT ?";
  b.push_back(value(limit));
  auto rs = Sql::query(s, sql, b);
  std::vector<DashboardJob> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r)
    out.push_back(DashboardJob{Sql::integer(rs, "id", r), Sql::optInteger(rs, "runtemplate_id", r),
                               Sql::optText(rs, "runtemplate_name", r).value_or(""), Sql::integer(rs, "company_id", r),
                               Sql::text(rs, "company_name", r), Sql::integer(rs, "app_id", r),
                               Sql::text(rs, "app_name", r), Sql::text(rs, "executor", r), Sql::text(rs, "state", r),
                               Sql::optInteger(rs, "exit_code", r), Sql::optInteger(rs, "begin_at", r),
                               Sql::optInteger(rs, "end_at", r)});
  return out;
}

std::vector<DashboardJob> DashboardQueries::running(const CompanyScope& companies, int64_t limit) {
  return jobs("j.state = 'running'", companies, "j.begin_at IS NULL, j.begin_at, j.id", limit);
}

std::vector<DashboardJob> DashboardQueries::failures(const CompanyScope& companies, int64_t limit) {
  // end_at IS NOT NULL lets the end index (job_end, migration 11) order the scan.
  return jobs("j.end_at IS NOT NULL AND j.state IN ('failed', 'lost')", companies, "j.end_at DESC, j.id DESC", limit);
}

std::string DashboardQueries::stderrHead(int64_t jobId, std::size_t maxLines, std::size_t maxBytes) {
  Poco::Data::Session s = _db.session();
  std::string head;
  int64_t after = -1;
  // A few chunks at a time: most heads are in the first one; tiny chunks take more rounds (bounded).
  for (int round = 0; round < 32 && head.size() <= maxBytes; ++round) {
    auto rs = Sql::query(s,
                         "SELECT seq, chunk FROM job_output WHERE job_id = ? AND seq > ? AND stream = 2 "  // 2: stderr
                         "ORDER BY seq LIMIT 16",
                         {value(jobId), value(after)});
    if (rs.rowCount() == 0) break;
    for (std::size_t r = 0; r < rs.rowCount() && head.size() <= maxBytes; ++r) {
      const auto blob = rs.value("chunk", r).extract<Poco::Data::BLOB>();
      const std::size_t take = std::min(blob.size(), maxBytes + 1 - head.size());
      head.append(reinterpret_cast<const char*>(blob.rawContent()), take);
      after = Sql::integer(rs, "seq", r);
    }
    std::size_t lines = 0;
    for (char c : head) lines += c == '\n';
    if (lines >= maxLines) break;
  }
  std::size_t end = 0;
  for (std::size_t lines = 0; end < head.size(); ++end)
    if (head[end] == '\n' && ++lines == maxLines) break;
  head.resize(characterBoundary(head, std::min({end, maxBytes, head.size()})));
  return head;
}

std::vector<ScheduledTemplateRow> DashboardQueries::scheduledTemplates(const CompanyScope& companies, int64_t limit) {
  Poco::Data::Session s = _db.session();
  const std::string columns =
      "SELECT t.id, t.name, t.company_id, c.name AS company_name, c.time_zone AS company_zone, t.interv, t.cron, "
      "t.time_zone, t.delay_seconds, t.next_schedule FROM runtemplate t JOIN company c ON c.id = t.company_id "
      "WHERE t.active = 1 AND t.interv <> 'n'";
  Sql::Bindings stored;
  const std::string soonest = columns + " AND t.next_schedule IS NOT NULL" + scoped("t.company_id", companies, stored) +
                              " ORDER BY t.next_schedule + 1000 * t.delay_seconds, t.id LIMIT ?";
  stored.push_back(value(limit));
  Sql::Bindings unplanned;
  // Not yet planned by the scheduler (it is not running, or they are new):
  // their next fire is computed here, so only so many are read.
  const std::string fresh = columns + " AND t.next_schedule IS NULL" + scoped("t.company_id", companies, unplanned) +
                            " ORDER BY t.id LIMIT 500";
  std::vector<ScheduledTemplateRow> out;
  auto read = [&out](const Poco::Data::RecordSet& rs) {
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      const std::string interval = Sql::text(rs, "interv", r);
      out.push_back(ScheduledTemplateRow{Sql::integer(rs, "id", r), Sql::text(rs, "name", r),
                                         Sql::integer(rs, "company_id", r), Sql::text(rs, "company_name", r),
                                         Sql::optText(rs, "company_zone", r), interval.empty() ? 'n' : interval[0],
                                         Sql::optText(rs, "cron", r), Sql::optText(rs, "time_zone", r),
                                         static_cast<int>(Sql::integer(rs, "delay_seconds", r)),
                                         Sql::optInteger(rs, "next_schedule", r)});
    }
  };
  read(Sql::query(s, soonest, stored));
  read(Sql::query(s, fresh, unplanned));
  return out;
}

std::vector<CompanyActivityRow> DashboardQueries::companyActivity(const CompanyScope& companies, Instant since) {
  Poco::Data::Session s = _db.session();
  std::vector<CompanyActivityRow> out;
  std::map<int64_t, std::size_t> at;
  {
    Sql::Bindings b;
    auto rs = Sql::query(s, "SELECT id, name, slug FROM company WHERE 1 = 1" + scoped("id", companies, b) +
                                " ORDER BY name, id", b);
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      at[Sql::integer(rs, "id", r)] = out.size();
      out.push_back(CompanyActivityRow{Sql::integer(rs, "id", r), Sql::text(rs, "name", r), Sql::text(rs, "slug", r)});
    }
  }
  auto add = [&](const std::string& sql, Sql::Bindings b, auto apply) {
    auto rs = Sql::query(s, sql, b);
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      const auto it = at.find(Sql::integer(rs, "company_id", r));
      if (it != at.end()) apply(out[it->second], rs, r);
    }
  };
  Sql::Bindings b;
  std::string where = scoped("company_id", companies, b);
  add("SELECT company_id, COUNT(*) AS n, SUM(active) AS active FROM runtemplate WHERE 1 = 1" + where +
          " GROUP BY company_id",
      b, [](CompanyActivityRow& c, const Poco::Data::RecordSet& rs, std::size_t r) {
        c.templates = Sql::integer(rs, "n", r);
        c.activeTemplates = Sql::integer(rs, "active", r);
      });
  add("SELECT company_id, COUNT(*) AS n FROM job WHERE state = 'running'" + where + " GROUP BY company_id", b,
      [](CompanyActivityRow& c, const Poco::Data::RecordSet& rs, std::size_t r) {
        c.running = Sql::integer(rs, "n", r);
      });
  Sql::Bindings ended{value(since)};
  where = scoped("company_id", companies, ended);
  add("SELECT company_id, SUM(state = 'success') AS ok, SUM(state IN ('failed', 'lost')) AS bad FROM job "
      "WHERE end_at >= ?" +
          where + " GROUP BY company_id",
      ended, [](CompanyActivityRow& c, const Poco::Data::RecordSet& rs, std::size_t r) {
        c.success = Sql::integer(rs, "ok", r);
        c.failed = Sql::integer(rs, "bad", r);
      });
  return out;
}

}  // namespace MultiFlexi
