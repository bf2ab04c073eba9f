// Store errors on a real SQLite file: a full database is transient and an
// environment error named for the operator, a constraint refusal permanent;
// a transaction SQLite already ended is not rolled back again.
#define BOOST_TEST_MODULE store_errors
#include <boost/test/unit_test.hpp>

#include "TempDir.h"
#include "common/Exceptions.h"
#include "store/Database.h"
#include "store/StoreErrors.h"
#include "store/Transaction.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>

#include <mutex>
#include <vector>

using namespace MultiFlexi;
BOOST_TEST_DONT_PRINT_LOG_VALUE(MultiFlexi::StoreErrorKind)
using MultiFlexi::Testing::TempDir;
using namespace Poco::Data::Keywords;

namespace {

/// Keeps what is logged.
class Recorder : public Poco::Channel {
 public:
  void log(const Poco::Message& m) override {
    std::lock_guard<std::mutex> lock(_mutex);
    lines.push_back(m.getText());
  }
  std::vector<std::string> lines;

 private:
  std::mutex _mutex;
};

struct ErrorsFixture {
  TempDir dir;
  std::string path = dir.file("errors.db");
  std::unique_ptr<Database> db = Database::openSqlite(path);

  ErrorsFixture() {
    Poco::Data::Session s = db->session();
    s << "CREATE TABLE t (v TEXT NOT NULL)", now;
  }

  /// The exception a statement throws.
  template <class Work>
  std::unique_ptr<Poco::Exception> thrownBy(Work work) {
    try {
      work();
    } catch (const Poco::Exception& e) {
      return std::unique_ptr<Poco::Exception>(e.clone());
    }
    return nullptr;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_errors, ErrorsFixture)

BOOST_AUTO_TEST_CASE(a_full_database_is_transient_and_named_for_the_operator) {
  Poco::Data::Session s = db->session();
  int pages = 0;
  s << "PRAGMA page_count", into(pages), now;
  s << "PRAGMA max_page_count = " + std::to_string(pages), now;  // SQLite's own "disk full"
  const std::string big(64 * 1024, 'x');
  auto e = thrownBy([&] { s << "INSERT INTO t (v) VALUES (?)", useRef(big), now; });
  s << "PRAGMA max_page_count = 1073741823", now;
  BOOST_REQUIRE(e);
  BOOST_TEST(classifyStoreError(*e) == StoreErrorKind::Transient);
  BOOST_TEST(storeUnavailableReason(*e).value_or("") == "disk full");
  try {
    throwIfStoreUnavailable(*e, path);
    BOOST_FAIL("a full disk must throw StoreUnavailableException");
  } catch (const StoreUnavailableException& unavailable) {
    BOOST_TEST(unavailable.message() == "the database " + path + " cannot be written: disk full");
    BOOST_TEST(dynamic_cast<const StoreException*>(&unavailable) != nullptr);
  }
}

BOOST_AUTO_TEST_CASE(a_constraint_or_a_trigger_refusal_is_permanent) {
  Poco::Data::Session s = db->session();
  auto notNull = thrownBy([&] { s << "INSERT INTO t (v) VALUES (NULL)", now; });
  BOOST_REQUIRE(notNull);
  BOOST_TEST(classifyStoreError(*notNull) == StoreErrorKind::Permanent);
  BOOST_TEST(!storeUnavailableReason(*notNull));
  BOOST_CHECK_NO_THROW(throwIfStoreUnavailable(*notNull, path));
  s << "CREATE TRIGGER refuse BEFORE INSERT ON t WHEN NEW.v = 'bad' BEGIN SELECT RAISE(ABORT, 'bad value'); END", now;
  auto trigger = thrownBy([&] { s << "INSERT INTO t (v) VALUES ('bad')", now; });
  BOOST_REQUIRE(trigger);
  BOOST_TEST(classifyStoreError(*trigger) == StoreErrorKind::Permanent);
  BOOST_TEST(trigger->displayText().find("bad value") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_locked_database_is_transient_and_the_lock_wait_is_bounded) {
  Poco::Data::Session holder = db->session();
  holder << "BEGIN IMMEDIATE", now;
  const auto started = std::chrono::steady_clock::now();
  auto e = thrownBy([&] {
    inTransaction(*db, [](Poco::Data::Session& s) { s << "INSERT INTO t (v) VALUES ('x')", now; },
                  std::chrono::milliseconds(200));
  });
  const auto waited = std::chrono::steady_clock::now() - started;
  holder << "ROLLBACK", now;
  BOOST_REQUIRE(e);
  BOOST_TEST(classifyStoreError(*e) == StoreErrorKind::Transient);
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() < 5000);
  // The connection goes back to the pool with the default wait.
  Poco::Data::Session s = db->session();
  int timeout = 0;
  s << "PRAGMA busy_timeout", into(timeout), now;
  BOOST_TEST(timeout == 30000);
}

BOOST_AUTO_TEST_CASE(a_transaction_sqlite_already_ended_is_not_rolled_back_again) {
  Poco::AutoPtr<Recorder> recorder(new Recorder);
  Poco::Logger& store = Poco::Logger::get("multiflexi.store");
  Poco::Channel::Ptr previous = store.getChannel();
  store.setChannel(recorder);
  BOOST_CHECK_THROW(inTransaction(*db,
                                  [](Poco::Data::Session& s) {
                                    s << "INSERT INTO t (v) VALUES ('x')", now;
                                    s << "ROLLBACK", now;  // as SQLite does on a full disk or an I/O error
                                    throw Poco::IOException("disk full");
                                  }),
                    Poco::IOException);
  store.setChannel(previous);
  BOOST_TEST(recorder->lines.empty());
  Poco::Data::Session s = db->session();
  int rows = -1;
  s << "SELECT COUNT(*) FROM t", into(rows), now;
  BOOST_TEST(rows == 0);
}

BOOST_AUTO_TEST_SUITE_END()
