#!/usr/bin/env python3
"""The web console in a real browser: Debian's chromium + chromium-driver over WebDriver
(python3-selenium), against the real `multiflexi up` on a private data dir and a free port.

Parts (--part):
  core   the console's own pages on data the CLI prepares: log in, dashboard, jobs list,
         a job run over the API with its output followed live and its artifact downloaded,
         the admin tabs, a viewer of another company who sees none of it, log out.
  full   the issue's scenario through the forms pages: log in; create a company; import
         the real probe manifest by upload; create a run template and see the cron preview
         (5 times); Run now with an override; watch the output appear while the job runs;
         download the artifact; a viewer of another company sees none of it and no edit
         buttons; log out.
Any SEVERE entry of the browser's log (JavaScript errors, failed loads, CSP violations)
fails the test. Screenshots of each page go to --screenshots.

Exit codes: 0 pass, 1 fail, 77 skipped (chromium, its driver or selenium missing; with
CI=true a missing piece fails instead).
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

SKIP = 77
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BASE = "/api/VitexSoftware/MultiFlexi/1.0.0"
PROBE = "multiflexi/apps/VitexSoftware__multiflexi-probe__probe.multiflexi.app.json"
SCHEMA = "multiflexi/schemas/VitexSoftware__php-vitexsoftware-multiflexi-core__application.json"
WAIT = 15  # seconds any one thing may take to show

# The probe stand-in `up` finds on its PATH: ten lines 0.3 s apart, RESULT_FILE written,
# FORCE_EXITCODE as its exit code. After the third line it waits (at most 60 s) for the test
# to open its gate (a file named after the job), so the page sees it running however slow
# the machine is.
FAKE_PROBE = """#!/bin/sh
echo "probe greeting: ${PROBE_GREETING:-none}"
i=1
while [ "$i" -le 10 ]; do
  echo "probe line $i"
  if [ "$i" -eq 3 ]; then
    n=0
    while [ ! -e "@GATES@/open-$MULTIFLEXI_JOB_ID" ] && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
  fi
  i=$((i + 1))
  sleep 0.3
done
printf '{"probe": "fake", "job": "%s", "greeting": "%s"}\\n' "$MULTIFLEXI_JOB_ID" "${PROBE_GREETING:-none}" \\
  > "${RESULT_FILE:-env_report.json}"
echo "probe done"
exit "${FORCE_EXITCODE:-0}"
"""


def skip_or_fail(reason):
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        print(f"FAIL: {reason}; with CI=true the browser test must run", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {reason} -- the browser test did NOT run (install with scripts/install-deps.sh --tests)",
          file=sys.stderr)
    sys.exit(SKIP)


try:
    from selenium import webdriver
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:
    skip_or_fail(f"python3-selenium is missing ({e})")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    """A private data dir, the CLI on it, and `multiflexi up` serving the console."""

    def __init__(self, binary, source_dir, fixtures):
        self.binary = binary
        self.fixtures = fixtures
        self.dir = tempfile.mkdtemp(prefix="mfx-browser-")
        os.chmod(self.dir, 0o755)  # the job's user (multiflexi-job, when root) reaches its job dir
        self.data = os.path.join(self.dir, "data")
        self.bin = os.path.join(self.dir, "bin")
        os.makedirs(self.bin)
        self.gates = os.path.join(self.dir, "gates")
        os.makedirs(self.gates)
        os.chmod(self.gates, 0o755)
        probe = os.path.join(self.bin, "multiflexi-probe")
        with open(probe, "w") as f:
            f.write(FAKE_PROBE.replace("@GATES@", self.gates))
        os.chmod(probe, 0o755)
        os.chmod(self.bin, 0o755)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ)
        self.env.update({
            "PATH": self.bin + ":" + os.environ.get("PATH", "/usr/bin:/bin"),
            "MULTIFLEXI_APP_SCHEMA": os.path.join(fixtures, SCHEMA),
            "MULTIFLEXI_LISTEN": f"127.0.0.1:{self.port}",
            "MULTIFLEXI_WEB_ROOT": os.path.join(source_dir, "host", "web"),
            "MULTIFLEXI_CYCLE_PAUSE": "1",
            "API_RATE_LIMIT_REQUESTS": "100000",
        })
        self.process = None
        self.log = None

    def cli(self, *args):
        cmd = [self.binary, args[0], "--data-dir", self.data, *args[1:], "-f", "json"]
        r = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise Failure(f"{' '.join(args[:1])} failed ({r.returncode}): {r.stderr.strip()}")
        return json.loads(r.stdout) if r.stdout.strip() else None

    def start(self):
        self.log = open(os.path.join(self.dir, "up.log"), "w")
        self.process = subprocess.Popen([self.binary, "up", "--data-dir", self.data], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            check(self.process.poll() is None, f"multiflexi up exited with {self.process.returncode}: {self.tail()}")
            try:
                with urllib.request.urlopen(self.url + BASE + "/ping", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise Failure("multiflexi up did not answer /ping in 30 s: " + self.tail())

    def tail(self):
        try:
            with open(os.path.join(self.dir, "up.log")) as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def open_gate(self, job_id):
        """Lets the fake probe of job `job_id` go on past its third line."""
        open(os.path.join(self.gates, f"open-{job_id}"), "w").close()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Browser:
    def __init__(self, base_url, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--window-size=1280,800", "--disable-gpu",
                    "--disable-dev-shm-usage", "--lang=en-US"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_window_size(1280, 800)
        self.base = base_url
        self.screenshots = screenshots
        self.severe = []

    def quit(self):
        self.driver.quit()

    # -- the browser's log: any SEVERE entry fails the test ------------------------------
    def drain_log(self, step):
        for entry in self.driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                self.severe.append(f"[{step}] {entry.get('message')}")
                print(f"  SEVERE in the browser log: {entry.get('message')}", file=sys.stderr)

    def expect_failed_load(self, step, url_part, status):
        """Drains the log allowing only the failed load asked for (`url_part` answered
        `status`, which Chromium logs as SEVERE); anything else SEVERE still counts."""
        for entry in self.driver.get_log("browser"):
            message = entry.get("message", "")
            if entry.get("level") != "SEVERE":
                continue
            if url_part in message and f"status of {status}" in message:
                continue
            self.severe.append(f"[{step}] {message}")
            print(f"  SEVERE in the browser log: {message}", file=sys.stderr)

    def shot(self, name):
        os.makedirs(self.screenshots, exist_ok=True)
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}.png"))

    # -- finding and waiting ---------------------------------------------------------------
    def wait(self, condition, message, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(condition)
        except TimeoutException:
            raise Failure(f"{message} (after {timeout} s; at {self.driver.current_url})") from None

    def css(self, selector, timeout=WAIT):
        return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)), f"no visible {selector}", timeout)

    def gone(self, selector):
        return not self.driver.find_elements(By.CSS_SELECTOR, selector)

    def go(self, hash_path):
        self.driver.get(f"{self.base}/#{hash_path}")

    def text(self, selector="#view"):
        return self.driver.find_element(By.CSS_SELECTOR, selector).text

    def wait_text(self, needle, selector="#view", timeout=WAIT):
        return self.wait(lambda d: needle in d.find_element(By.CSS_SELECTOR, selector).text,
                         f"'{needle}' did not show in {selector}", timeout)

    def input_labelled(self, label, scope="#view"):
        """The control a <label> with this exact text points at, once the page shows it."""
        def find(d):
            try:
                for lab in d.find_elements(By.CSS_SELECTOR, f"{scope} label"):
                    if lab.text.strip().rstrip("*").strip() == label and lab.get_attribute("for"):
                        return d.find_element(By.ID, lab.get_attribute("for"))
            except (StaleElementReferenceException, NoSuchElementException):  # the page was redrawn
                pass
            return False
        return self.wait(find, f"no field labelled '{label}'")

    def fill(self, label, value, scope="#view"):
        field = self.input_labelled(label, scope)
        field.clear()
        field.send_keys(value)
        return field

    def choose(self, label, visible_text=None, value=None, scope="#view"):
        select = Select(self.input_labelled(label, scope))
        if value is not None:
            select.select_by_value(str(value))
        else:
            select.select_by_visible_text(visible_text)

    def button(self, text, scope="#view"):
        for b in self.driver.find_elements(By.CSS_SELECTOR, f"{scope} button, {scope} a.btn"):
            if b.text.strip() == text and b.is_displayed():
                return b
        raise Failure(f"no button '{text}' at {self.driver.current_url}")

    def fetch(self, url):
        """GET `url` in the page (its cookie), as {status, text}."""
        return self.driver.execute_async_script(
            "const [url, done] = arguments;"
            "fetch(url, {credentials: 'same-origin'}).then((r) => r.text().then((t) => done({status: r.status, text: t})))"
            ".catch((e) => done({status: 0, text: String(e)}));", url)

    def api(self, method, path, body=None):
        """A call through the console's own api.js (its cookie and X-CSRF-Token)."""
        return self.driver.execute_async_script(
            "const [method, path, body, done] = arguments;"
            "import('/js/api.js').then((api) => api.request(method, path, {body}))"
            ".then((r) => done({ok: true, body: r}), (e) => done({ok: false, status: e.status, message: e.message}));",
            method, path, body)

    # -- the console's own flows -------------------------------------------------------------
    def login(self, login, password):
        self.go("/login")
        self.css("#login-form")
        if login == "demo":
            self.shot("login")
        self.fill("Login", login)
        self.fill("Password", password)
        self.css("#login-submit").click()
        self.css("#logout")
        self.wait(lambda d: "/login" not in d.current_url, "the login form stayed")
        check(self.text("#nav-login").startswith(login), f"the navbar does not name {login}")

    def logout(self):
        self.css("#logout").click()
        self.css("#login-form")
        check(self.gone("#logout"), "the navbar still shows a user after logout")
        # The session is over on the server too.
        self.drain_log("logout")
        r = self.fetch(BASE + "/session")
        check(r["status"] == 401, f"GET /session after logout answered {r['status']}")
        self.expect_failed_load("after logout", "/session", 401)


def watch_job(b, host, job_id, expect_exit, greeting):
    """The job page while the job runs: output lines appear before it ends; then the
    outcome, and the artifact downloads with the bytes the probe wrote."""
    b.go(f"/job/{job_id}")
    b.css("#job-details")
    # While it runs: some lines, not yet the last one.
    b.wait(lambda d: "probe line" in d.find_element(By.ID, "job-output").text
           and "probe done" not in d.find_element(By.ID, "job-output").text,
           "no output showed while the job ran", timeout=30)
    check(b.text("#job-status") in ("running", "pending"), f"status while output streams: {b.text('#job-status')}")
    b.shot("job-running")
    first = b.text("#job-output").count("probe line")
    host.open_gate(job_id)  # the probe goes on
    b.wait(lambda d: "probe done" in d.find_element(By.ID, "job-output").text, "the output did not end", timeout=30)
    check(b.text("#job-output").count("probe line") == 10, "every output line shows once")
    check(first < 10, "the lines came while the job ran, not all at the end")
    check(f"probe greeting: {greeting}" in b.text("#job-output"), "the override reached the job")
    want = "success" if expect_exit == 0 else "failed"
    b.wait(lambda d: d.find_element(By.ID, "job-status").text == want, f"the job did not end {want}")
    b.wait_text(str(expect_exit), "#job-exitcode")
    check(b.gone("#job-cancel"), "Cancel is offered for an ended job")
    link = b.css("a.mfx-artifact-link")
    check(link.text.strip() == "env_report.json", f"artifact listed as {link.text!r}")
    got = b.fetch(link.get_attribute("href"))
    check(got["status"] == 200, f"artifact download answered {got['status']}")
    report = json.loads(got["text"])
    check(report == {"probe": "fake", "job": str(job_id), "greeting": greeting}, f"artifact bytes: {got['text']!r}")
    b.shot("job")


def viewer_sees_nothing(b, foreign_company, foreign_job, foreign_template):
    """A viewer of another company: none of it, and no edit buttons."""
    b.login("viewer", "viewer-password")
    b.css("#dashboard-companies")
    check(foreign_company not in b.text(), "the viewer's dashboard names the other company")
    b.shot("viewer-dashboard")
    check(b.gone('#nav-links a[data-nav="/admin"]'), "the viewer is offered Admin")
    b.go("/jobs")
    b.css("#jobs-filter")
    check(b.gone(f'a[href="#/job/{foreign_job}"]'), "the viewer's job list shows the other company's job")
    b.drain_log("viewer jobs")
    b.go(f"/job/{foreign_job}")
    b.css("#view .alert-danger")
    b.expect_failed_load("viewer job", f"/job/{foreign_job}", 404)
    check(b.gone("#job-cancel") and b.gone("#job-output .mfx-stderr"), "the viewer sees the other company's job")
    check("probe line" not in b.text(), "the viewer sees the other company's output")
    b.go("/admin")
    b.wait(lambda d: "/admin" not in d.current_url, "the viewer reached the admin page")
    b.go("/companies")
    b.wait_text("Other s.r.o.")  # the viewer's own company: the list has loaded
    check(foreign_company not in b.text(), "the viewer's company list names the other company")
    check(b.gone("#company-new"), "the viewer is offered New company")
    if foreign_template is not None:
        b.go("/templates")
        b.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#view table, #view .mfx-empty"),
               "the viewer's template list did not load")
        check(b.gone("#template-new"), "the viewer is offered New run template")
        check(foreign_template not in b.text(), "the viewer's templates name the other company's")
    b.logout()


def prepare_users(host):
    host.cli("user:create", "--login", "demo", "--admin", "--password", "demo-password")
    host.cli("user:create", "--login", "viewer", "--password", "viewer-password")
    host.cli("company:create", "--name", "Other s.r.o.", "--slug", "other")
    host.cli("user-company:assign", "--user", "viewer", "--company", "other", "--role", "viewer")


def part_core(host, b):
    """The console's own pages on data the CLI made."""
    app = host.cli("application:import-json", "--file", os.path.join(host.fixtures, PROBE))
    app_id = str(app[0]["id"])
    host.cli("company:create", "--name", "Demo s.r.o.", "--slug", "demo")
    template = host.cli("run-template:create", "--name", "Probe by hand", "--app_id", app_id, "--company", "demo",
                        "--interv", "n")
    template_id = template["id"]

    b.login("demo", "demo-password")
    b.css("#dashboard-outcomes canvas")
    b.drain_log("dashboard")
    b.shot("dashboard")

    # Run now over the console's api.js (cookie + CSRF), with an override.
    run = b.api("POST", "/job/", {"runtemplate_id": template_id, "env": {"PROBE_GREETING": "from-the-browser"}})
    check(run["ok"], f"POST /job/ through api.js: {run}")
    job_id = run["body"]["id"]
    # Without the CSRF header a change is refused (the session part's rule).
    raw = b.driver.execute_async_script(
        "const [url, done] = arguments; fetch(url, {method: 'POST', credentials: 'same-origin',"
        " headers: {'Content-Type': 'application/json'}, body: '{}'}).then((r) => done(r.status));",
        f"{BASE}/job/{job_id}/cancel")
    check(raw == 403, f"a change without X-CSRF-Token answered {raw}")
    b.expect_failed_load("csrf", f"/job/{job_id}/cancel", 403)
    watch_job(b, host, job_id, 0, "from-the-browser")
    b.drain_log("job")

    b.go("/jobs")
    b.css(f'a[href="#/job/{job_id}"]')
    b.shot("jobs")
    b.choose("Status", value="failed")
    b.button("Filter").click()
    b.wait(lambda d: "status=failed" in d.current_url, "the filter did not go into the address")
    b.css(".mfx-empty")
    b.drain_log("jobs")

    for tab in ("users", "roles", "tokens", "plugins", "audit"):
        b.go(f"/admin/{tab}")
        b.css(f"#admin-{tab} table, #admin-{tab} .mfx-empty")
        b.shot(f"admin-{tab}")
    b.go("/admin/plugins")
    b.wait_text("loaded")
    b.go("/admin/tokens")
    b.fill("Name", "browser")
    b.button("Create token").click()
    value = b.css("#token-value").text
    check(len(value) > 20, "the new token's value is shown")
    b.drain_log("admin")

    # Phone width: the navigation folds behind its toggler, which opens it; nothing is wider than the screen.
    b.driver.set_window_size(390, 844)
    try:
        b.go("/jobs")
        b.css("#jobs-filter")
        check(b.gone("#nav-links a:not([tabindex='-1'])") or not b.driver.find_element(
            By.CSS_SELECTOR, "#nav-links").is_displayed(), "the navigation is not folded at phone width")
        b.css("button.navbar-toggler").click()
        b.css('#nav-links a[data-nav="/jobs"]')
        overflow = b.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        check(overflow <= 1, f"the jobs page is {overflow} px wider than a phone's screen")
        b.shot("phone-jobs")
    finally:
        b.driver.set_window_size(1280, 800)
    b.drain_log("phone")
    b.logout()
    viewer_sees_nothing(b, "Demo s.r.o.", job_id, None)
    b.drain_log("viewer")


def part_full(host, b):
    """The issue's scenario, through the forms pages."""
    b.login("demo", "demo-password")
    b.css("#dashboard-outcomes")
    b.shot("dashboard")

    # A company.
    b.go("/company/new")
    b.fill("Name", "Browser s.r.o.")
    b.fill("Slug (code)", "browser")
    b.shot("company-new")
    b.css("#company-save").click()
    b.wait(lambda d: "/company/" in d.current_url and "/company/new" not in d.current_url, "the company was not created")
    company_id = b.driver.current_url.rsplit("/", 1)[1]
    b.drain_log("company")

    # The real manifest, uploaded.
    b.go("/app/import")
    upload = b.driver.find_element(By.CSS_SELECTOR, "#view input[type=file]")
    upload.send_keys(os.path.join(host.fixtures, PROBE))
    b.css("#app-import-submit").click()
    b.wait(lambda d: "/app/" in d.current_url and "/app/import" not in d.current_url, "the manifest was not imported")
    b.wait_text("MultiFlexi Probe")
    app_id = b.driver.current_url.rsplit("/", 1)[1]
    b.shot("app")
    b.drain_log("app")

    # A run template with a cron schedule and its preview.
    b.go(f"/template/new?app_id={app_id}&company_id={company_id}")
    b.fill("Name", "Probe from the browser")
    b.choose("Interval", value="c")
    b.fill("Cron expression", "*/15 * * * *")
    b.wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".mfx-cron-next li")) == 5, "the cron preview did not show 5 runs")
    b.shot("template-new")
    b.css("#template-save").click()
    b.wait(lambda d: "/template/new" not in d.current_url and "/template/" in d.current_url, "the template was not created")
    b.drain_log("template")
    b.css("#template-run-now")
    b.shot("template")

    # Run now with an override: a row of the one-off environment.
    run_form = b.css("#template-run-now").find_element(By.XPATH, "ancestor::form")
    add = [x for x in run_form.find_elements(By.CSS_SELECTOR, "button") if x.text.strip().lower().startswith("add")]
    if add:
        add[0].click()
    names = run_form.find_elements(By.CSS_SELECTOR, "input[placeholder=NAME]")
    values = run_form.find_elements(By.CSS_SELECTOR, "input[placeholder=value]")
    check(names and values, "the Run now form has no row for a one-off variable")
    names[-1].send_keys("PROBE_GREETING")
    values[-1].send_keys("from-the-browser")
    b.css("#template-run-now").click()
    b.wait(lambda d: "/job/" in d.current_url, "Run now did not open the job")
    job_id = int(b.driver.current_url.rsplit("/", 1)[1])
    watch_job(b, host, job_id, 0, "from-the-browser")
    b.drain_log("job")

    b.go("/jobs")
    b.css(f'a[href="#/job/{job_id}"]')
    b.shot("jobs")
    for tab in ("users", "plugins", "audit"):
        b.go(f"/admin/{tab}")
        b.css(f"#admin-{tab} table, #admin-{tab} .mfx-empty")
        b.shot(f"admin-{tab}")
    for page in ("companies", "apps", "templates", "credentials"):
        b.go(f"/{page}")
        b.css("#view h1")
        time.sleep(0.5)
        b.shot(page)
    b.drain_log("lists")
    b.logout()
    viewer_sees_nothing(b, "Browser s.r.o.", job_id, "Probe from the browser")
    b.drain_log("viewer")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--part", choices=("core", "full"), default="full")
    p.add_argument("--binary", required=True)
    p.add_argument("--source-dir", required=True)
    p.add_argument("--fixtures", required=True)
    p.add_argument("--screenshots", required=True)
    p.add_argument("--keep", action="store_true", help="keep the data dir (its up.log) after the test")
    args = p.parse_args()

    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            skip_or_fail(f"{path} is missing (Debian's {package})")
    if not os.path.exists(os.path.join(args.fixtures, PROBE)):
        print(f"FAIL: the fixture {PROBE} is not under {args.fixtures}", file=sys.stderr)
        return 1

    host = Host(os.path.abspath(args.binary), os.path.abspath(args.source_dir), os.path.abspath(args.fixtures))
    browser = None
    ok = False
    try:
        prepare_users(host)
        host.start()
        browser = Browser(host.url, os.path.join(os.path.abspath(args.screenshots), args.part))
        (part_core if args.part == "core" else part_full)(host, browser)
        browser.drain_log("end")
        check(not browser.severe, "the browser logged SEVERE entries:\n  " + "\n  ".join(browser.severe))
        ok = True
        print(f"PASS: the console's {args.part} scenario; screenshots in {browser.screenshots}")
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        if browser:
            try:
                browser.drain_log("failure")
                browser.shot("failure")
            except Exception:  # the browser itself may be gone
                pass
    except Exception:
        traceback.print_exc()
    finally:
        try:
            if browser:
                browser.quit()
        except Exception as e:  # a crashed driver must not keep `up` running
            print(f"the browser did not quit cleanly: {e}", file=sys.stderr)
        host.stop()
        if not ok:
            print("--- multiflexi up's log (tail) ---\n" + host.tail(), file=sys.stderr)
        if args.keep:
            print(f"data dir kept: {host.dir}")
        else:
            host.cleanup()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
