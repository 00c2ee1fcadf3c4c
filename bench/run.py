#!/usr/bin/python3
"""make bench: apirunner against its peers, measured in the same run on this machine.

Pages are static files served by nginx on 127.0.0.1 (the fetch floor shows what serving costs).
Every figure is one run's wall time and peak RSS (wait4's ru_maxrss) of the whole process.

usage: run.py BUILD_DIR [--records N]
"""
import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PER_PAGE = 1000
# The typed columns a MediaMath user gets; the SQLite floor writes the same columns.
SCHEMA = os.path.join(os.path.dirname(HERE), "schemas", "records", "mediamath", "organizations.json")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(command, cwd, env=None):
    """Runs `command`; returns (seconds, peak RSS in MiB). Fails the benchmark on a non-zero exit."""
    with tempfile.TemporaryFile() as errors:  # a pipe nobody reads while we wait could fill and block
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            sys.exit("bench: %s failed:\n%s" % (" ".join(command), errors.read().decode()))
    return seconds, usage.ru_maxrss / 1024.0


def wait_for_port(port):
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    sys.exit("bench: nothing listens on 127.0.0.1:%d" % port)


def start_nginx(work, pages, port):
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as out:
        out.write("""daemon off; master_process off; worker_processes 1; pid %(work)s/nginx.pid;
error_log %(work)s/nginx.log;
events { worker_connections 64; }
http {
  access_log off; sendfile on; keepalive_requests 1000000; keepalive_timeout 60;
  client_body_temp_path %(work)s; proxy_temp_path %(work)s; fastcgi_temp_path %(work)s;
  uwsgi_temp_path %(work)s; scgi_temp_path %(work)s;
  types { application/json json; }
  server { listen 127.0.0.1:%(port)d; root %(pages)s; }
}
""" % {"work": work, "pages": pages, "port": port})
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", work], stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return nginx


def write_jobs(work, name, provider, job):
    """A jobs file: one provider, the two sinks, and one job `orgs` (YAML blocks, indented)."""
    path = os.path.join(work, name)
    with open(path, "w") as out:
        out.write("version: 1\nstate: state/state.db\nproviders:\n" + provider +
                  "sinks:\n  warehouse: {type: sqlite, path: out/extracts.sqlite}\n"
                  "  files: {type: jsonl, path: \"out/{job}.jsonl\"}\n"
                  "jobs:\n  orgs:\n" + job)
    return path


def jobs_file(work, name, base_url, output, first_path, paging, token="bench-token"):
    """nginx's static pages through the bearer plugin, with the MediaMath record schema."""
    provider = "  bench:\n    plugin: bearer\n    base_url: %s\n    credentials: {token: %s}\n" % (base_url, token)
    job = ("    provider: bench\n    request: {path: %s}\n    paging: %s\n    primary_key: id\n"
           "    record_schema: %s\n    output: %s\n" % (first_path, paging, SCHEMA, output))
    return write_jobs(work, name, provider, job)


def latency_jobs(work, port, concurrency):
    """The sandbox's MediaMath organizations, offset paging with the total, 100 a page."""
    provider = """  mediamath:
    plugin: mediamath
    base_url: http://127.0.0.1:%(port)d/mediamath
    auth_url: http://127.0.0.1:%(port)d/mediamath-auth
    credentials: {username: operator@example.com, password: SENTINEL-mm-password,
                  client_id: mm-sandbox-client, client_secret: SENTINEL-mm-client-secret}
""" % {"port": port}
    job = """    provider: mediamath
    request: {path: /api/v3.0/organizations, params: {sort_by: id}}
    paging: {type: offset, limit: 100, limit_param: page_limit, offset_param: page_offset, records: data,
             total: meta.total_count, concurrency: %d}
    output: {sink: files, mode: replace}
""" % concurrency
    return write_jobs(work, "latency-%d.yaml" % concurrency, provider, job)


def fresh(work):
    for name in ("out", "state", "peer.sqlite", "peer.jsonl"):
        target = os.path.join(work, name)
        if os.path.isdir(target):
            shutil.rmtree(target)
        elif os.path.exists(target):
            os.remove(target)


class Table:
    def __init__(self):
        self.rows = []

    def add(self, workload, who, seconds, rss, records=None, ratio=""):
        rate = "%.0f" % (records / seconds) if records else ""
        self.rows.append((workload, who, "%.2f" % seconds, rate, "%.1f" % rss, ratio))

    def print(self):
        header = ("workload", "program", "seconds", "records/s", "peak RSS MiB", "ratio")
        widths = [max(len(str(row[i])) for row in self.rows + [header]) for i in range(len(header))]
        line = lambda row: "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |"
        print(line(header))
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for row in self.rows:
            print(line(row))


def mean_of(runs, command, cwd):
    """(mean seconds, highest peak RSS) over `runs` runs."""
    figures = [measure(command, cwd) for _ in range(runs)]
    return sum(f[0] for f in figures) / runs, max(f[1] for f in figures)


def memory_rss(work, apirunner, plugins, most, table):
    """apirunner to SQLite for 100k, 1M and `most` records: the pages hold `most`; a smaller run
    starts further on and walks to the last page (the audit notes the total it did not reach)."""
    pages_dir = os.path.join(work, "memory-pages")
    subprocess.check_call([sys.executable, os.path.join(HERE, "make_pages.py"), pages_dir, str(most), str(PER_PAGE)])
    port = free_port()
    nginx_dir = os.path.join(work, "memory-nginx")
    os.makedirs(nginx_dir)
    nginx = start_nginx(nginx_dir, pages_dir, port)
    try:
        last_page = (most + PER_PAGE - 1) // PER_PAGE
        for records in sorted({min(100_000, most), min(1_000_000, most), most}):
            fresh(work)
            first = last_page - records // PER_PAGE + 1
            jobs = jobs_file(work, "memory.yaml", "http://127.0.0.1:%d" % port,
                             "{sink: warehouse, table: orgs, mode: merge}", "/page-%d.json" % first,
                             "{type: next_url, next: meta.next_page, records: data, limit_param: ''}")
            seconds, rss = measure(apirunner + ["run", "--config", jobs, "--quiet"] + plugins, work)
            table.add("memory: %dk records to SQLite" % (records // 1000), "apirunner", seconds, rss, records,
                      "flat if streamed")
    finally:
        nginx.terminate()
        nginx.wait()
        shutil.rmtree(pages_dir)


def nightly(work, build, apirunner, plugins, records, table):
    """An incremental job with a token bookmark (the sandbox's Zendesk export): the first night reads
    `records` tickets, then 1,000 change (500 edited, 500 new) and the second night reads those."""
    port = free_port()
    sandbox = subprocess.Popen([os.path.join(build, "bin", "apirunner-sandbox"), "--port", str(port), "--records",
                                str(records)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        fresh(work)
        provider = ("  zendesk:\n    plugin: basic\n    base_url: http://127.0.0.1:%d/zendesk\n"
                    "    credentials: {username: ada@example.test/token, password: SENTINEL-zendesk-api-token}\n"
                    % port)
        job = """    provider: zendesk
    request: {path: /api/v2/incremental/tickets/cursor.json}
    paging: {type: cursor, limit: 1000, limit_param: per_page, cursor: after_cursor, cursor_param: cursor,
             last_page: end_of_stream, records: tickets}
    incremental: {token: after_cursor, param: start_time, format: epoch_s, start: '1970-01-01'}
    primary_key: id
    output: {sink: warehouse, table: tickets, mode: merge}
"""
        run = apirunner + ["run", "--config", write_jobs(work, "nightly.yaml", provider, job), "--quiet"] + plugins
        first, first_rss = measure(run, work)
        table.add("nightly: first night, %dk records" % (records // 1000), "apirunner", first, first_rss, records)
        urllib.request.urlopen(urllib.request.Request(
            "http://127.0.0.1:%d/zendesk/_sandbox/changes?updated=500&added=500" % port, method="POST"))
        second, second_rss = measure(run, work)
        table.add("nightly: then 1,000 changed", "apirunner", second, second_rss, 1000,
                  "%.2f%% of the first night" % (100 * second / first))
    finally:
        sandbox.terminate()
        sandbox.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--memory-records", type=int, default=5_000_000, help="0 leaves the memory workload out")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    apirunner = [os.path.join(build, "bin", "apirunner")]
    plugins = ["--plugin-path", os.path.join(build, "lib", "apirunner")]
    work = tempfile.mkdtemp(prefix="apirunner-bench-")
    records = args.records
    table = Table()
    print("bench: %d records, %d a page, in %s" % (records, PER_PAGE, work), flush=True)
    subprocess.check_call([sys.executable, os.path.join(HERE, "make_pages.py"), os.path.join(work, "pages"),
                           str(records), str(PER_PAGE)])
    pages = (records + PER_PAGE - 1) // PER_PAGE
    port = free_port()
    nginx = start_nginx(work, os.path.join(work, "pages"), port)
    base = "http://127.0.0.1:%d" % port
    paging = "{type: next_url, next: meta.next_page, records: data, total: meta.total_count, limit_param: ''}"
    try:
        # 1. throughput
        with open(os.path.join(work, "curl.cfg"), "w") as out:
            for page in range(1, pages + 1):
                out.write('url = "%s/page-%d.json"\noutput = "/dev/null"\n' % (base, page))
        fetch, fetch_rss = measure(["curl", "-s", "-K", os.path.join(work, "curl.cfg")], work)
        table.add("fetch %d pages" % pages, "curl (fetch floor)", fetch, fetch_rss, records)

        floor, floor_rss = measure([os.path.join(build, "bench", "sqlite_floor"), "floor.sqlite", str(records),
                                    str(PER_PAGE)], work)
        table.add("SQLite upsert", "SQLite C API (floor)", floor, floor_rss, records)
        # apirunner then the Python peer, to each output; the ratios against the floor and the peer
        outputs = [("to SQLite (merge)", "sqlite", "{sink: warehouse, table: orgs, mode: merge}", floor, "floor"),
                   ("to JSONL", "jsonl", "{sink: files, mode: replace}", fetch, "fetch floor")]
        for workload, kind, output, floor_seconds, floor_name in outputs:
            fresh(work)
            jobs = jobs_file(work, kind + ".yaml", base, output, "/page-1.json", paging)
            ours, ours_rss = measure(apirunner + ["run", "--config", jobs, "--quiet"] + plugins, work)
            table.add(workload, "apirunner", ours, ours_rss, records,
                      "%.2fx %s" % (ours / floor_seconds, floor_name))
            peer, peer_rss = measure([sys.executable, os.path.join(HERE, "peer_requests_sqlite.py"), base, kind,
                                      "peer." + kind], work)
            table.add(workload, "Python requests" + ("+sqlite3" if kind == "sqlite" else ""), peer, peer_rss,
                      records, "apirunner %.1fx as fast" % (peer / ours))

        # 4. start-up: validate, a one-page job, and what the peer's imports cost before its first request
        validate = apirunner + ["validate", "--config", os.path.join(work, "sqlite.yaml")] + plugins
        table.add("start-up: validate", "apirunner", *mean_of(10, validate, work), None, "mean of 10")
        fresh(work)
        one_page = jobs_file(work, "one-page.yaml", base, "{sink: files, mode: replace}", "/page-1.json",
                             "{type: none, records: data}")
        run_one = apirunner + ["run", "--config", one_page, "--quiet"] + plugins
        table.add("start-up: one-page job", "apirunner", *mean_of(10, run_one, work), None, "mean of 10")
        imports = [sys.executable, "-c", "import requests, sqlite3"]
        table.add("start-up: one-page job", "Python peer, imports only", *mean_of(10, imports, work), None,
                  "import requests, sqlite3; mean of 10")
    finally:
        nginx.terminate()
        nginx.wait()

    # 2. latency-bound: the sandbox waits 20 ms before each answer; 500 pages of 100 records
    port = free_port()
    sandbox = subprocess.Popen([os.path.join(build, "bin", "apirunner-sandbox"), "--port", str(port), "--records",
                                "50000", "--latency-ms", "20"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
        ideal = 500 * 0.020
        for concurrency in (1, 8):
            fresh(work)
            jobs = latency_jobs(work, port, concurrency)
            seconds, peak = measure(apirunner + ["run", "--config", jobs, "--quiet"] + plugins, work)
            who = "apirunner (sequential)" if concurrency == 1 else "apirunner (concurrency: %d)" % concurrency
            table.add("latency-bound: 500 pages x 20 ms", who, seconds, peak, 50000,
                      "%.2fx pages x latency / %d" % (seconds / (ideal / concurrency), concurrency))
    finally:
        sandbox.terminate()
        sandbox.wait()

    # 5. nightly: an incremental job's second night costs what changed, not the size
    nightly(work, build, apirunner, plugins, records, table)

    # 3. memory: peak RSS as the records grow, from one set of pages walked from different starts
    if args.memory_records:
        memory_rss(work, apirunner, plugins, args.memory_records, table)
    print()
    table.print()
    print("\nmachine: %s, %d cores; %s" % (os.uname().machine, os.cpu_count(),
                                          subprocess.check_output(["uname", "-sr"]).decode().strip()))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
