#include "store/ArtifactRepository.h"

#include "store/Sql.h"

#include <Poco/Data/LOB.h>

namespace MultiFlexi {

using Sql::value;

namespace {

Artifact readRow(const Poco::Data::RecordSet& rs, std::size_t row, bool withContent) {
  Artifact a;
  a.id = Sql::integer(rs, "id", row);
  a.jobId = Sql::integer(rs, "job_id", row);
  a.filename = Sql::text(rs, "filename", row);
  a.contentType = Sql::text(rs, "content_type", row);
  a.size = Sql::integer(rs, "size", row);
  a.note = Sql::optText(rs, "note", row);
  a.createdAt = Sql::integer(rs, "created_at", row);
  if (withContent) {
    const auto blob = rs.value("content", row).extract<Poco::Data::BLOB>();
    if (blob.size() > 0) a.content.assign(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
  }
  return a;
}

}  // namespace

int64_t ArtifactRepository::add(Poco::Data::Session& s, const Artifact& a) {
  // Bound as text and cast, byte for byte: Poco::Data binds an empty BLOB
  // as NULL, which the NOT NULL column refuses.
  return Sql::insert(s,
                     "INSERT INTO artifact (job_id, filename, content_type, size, content, note, created_at) "
                     "VALUES (?, ?, ?, ?, CAST(? AS BLOB), ?, ?) RETURNING id",
                     {value(a.jobId), value(a.filename), value(a.contentType), value(static_cast<int64_t>(a.content.size())),
                      value(a.content), value(a.note), value(nowMs())});
}

std::vector<Artifact> ArtifactRepository::list(std::optional<int64_t> jobId, int64_t limit, int64_t offset) {
  Poco::Data::Session s = _db.session();
  std::string sql = "SELECT id, job_id, filename, content_type, size, note, created_at FROM artifact";
  Sql::Bindings b;
  if (jobId) {
    sql += " WHERE job_id = ?";
    b.push_back(value(*jobId));
  }
  sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  b.push_back(value(limit));
  b.push_back(value(offset));
  auto rs = Sql::query(s, sql, b);
  std::vector<Artifact> out;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readRow(rs, r, false));
  return out;
}

std::optional<Artifact> ArtifactRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s, "SELECT * FROM artifact WHERE id = ?", {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  return readRow(rs, 0, true);
}

}  // namespace MultiFlexi
