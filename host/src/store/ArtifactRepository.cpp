#include "store/ArtifactRepository.h"

#include "store/KeyRepository.h"
#include "store/Sql.h"

#include <Poco/Data/LOB.h>

namespace MultiFlexi {

using Sql::value;

namespace {

/// Where a job's artifact is sealed: its company, its job, its file name.
SealContext sealContext(int64_t companyId, int64_t jobId, const std::string& filename) {
  return SealContext(ArtifactRepository::kSealKind, companyId, jobId, filename);
}

Artifact readRow(const Poco::Data::RecordSet& rs, std::size_t row) {
  Artifact a;
  a.id = Sql::integer(rs, "id", row);
  a.jobId = Sql::integer(rs, "job_id", row);
  a.filename = Sql::text(rs, "filename", row);
  a.contentType = Sql::text(rs, "content_type", row);
  a.size = Sql::integer(rs, "size", row);
  a.note = Sql::optText(rs, "note", row);
  a.createdAt = Sql::integer(rs, "created_at", row);
  return a;
}

}  // namespace

const char* const ArtifactRepository::kSealKind = "job_artifact";

int64_t ArtifactRepository::add(Poco::Data::Session& s, const Artifact& a) {
  const int64_t companyId = Sql::scalar(s, "SELECT company_id FROM job WHERE id = ?", {value(a.jobId)});
  const SealedValue sealed = KeyRepository::sealCurrent(s, _db.keyRing(), a.content, sealContext(companyId, a.jobId, a.filename));
  // Bound as text and cast, byte for byte: Poco::Data binds an empty BLOB
  // as NULL, which the NOT NULL column refuses.
  return Sql::insert(s,
                     "INSERT INTO artifact (job_id, filename, content_type, size, content, content_key_version, note, "
                     "created_at) VALUES (?, ?, ?, ?, CAST(? AS BLOB), ?, ?, ?) RETURNING id",
                     {value(a.jobId), value(a.filename), value(a.contentType), value(static_cast<int64_t>(a.content.size())),
                      value(sealed.text), value(std::optional<int64_t>(sealed.version)), value(a.note), value(nowMs())});
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
  for (std::size_t r = 0; r < rs.rowCount(); ++r) out.push_back(readRow(rs, r));
  return out;
}

std::optional<Artifact> ArtifactRepository::findById(int64_t id) {
  Poco::Data::Session s = _db.session();
  auto rs = Sql::query(s,
                       "SELECT a.*, j.company_id AS company_id FROM artifact a JOIN job j ON j.id = a.job_id "
                       "WHERE a.id = ?",
                       {value(id)});
  if (rs.rowCount() == 0) return std::nullopt;
  Artifact a = readRow(rs, 0);
  const auto blob = rs.value("content", 0).extract<Poco::Data::BLOB>();
  std::string stored;
  if (blob.size() > 0) stored.assign(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
  if (!Sql::optInteger(rs, "content_key_version", 0)) {
    a.content = std::move(stored);  // stored before artifacts were sealed
    return a;
  }
  a.content = _db.keyRing().unseal(stored, sealContext(Sql::integer(rs, "company_id", 0), a.jobId, a.filename));
  return a;
}

}  // namespace MultiFlexi
