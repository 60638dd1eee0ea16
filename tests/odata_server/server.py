"""Start and stop the CAP OData v4 test peer (``@sap/cds`` 9 + ``@cap-js/sqlite``, in-memory).

Used by the OData contract tests, the OData integration tests, the benchmark and (through
``start_server``) ``make demo ERP=odata``. Run it by hand with::

    python tests/odata_server/server.py [--page-size N]   # prints the service URL, Ctrl-C stops

Dependencies come from the committed ``package-lock.json`` (``npm ci --ignore-scripts``: the
SQLite driver is sql.js, WebAssembly, so no native build and no binary download is needed).
Node.js missing is an error with a clear message, never a silent skip.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import requests

PROJECT_DIR: Final = Path(__file__).resolve().parent
SERVICE_PATH: Final = "/odata/v4/sales"
SUPPORT_PATH: Final = "/odata/v4/test-support"
# The basic-auth user declared in package.json (cds.requires.auth.users); local tests only.
USERNAME: Final = "sferp-integration"
PASSWORD: Final = "local-test-only"
MIN_NODE_MAJOR: Final = 20
NPM_CI: Final = ("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
_LISTENING = re.compile(r"server listening on \{ url: 'http://[^:]+:(\d+)' \}")


class ODataServerError(RuntimeError):
    """The test peer cannot be installed or started (Node.js missing, npm failed, no answer)."""


@dataclass
class ODataTestServer:
    """A running CAP server. ``service_url`` is what the adapter's ``ServicePaths.single`` takes."""

    process: subprocess.Popen[str]
    port: int
    log: list[str] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.auth = (USERNAME, PASSWORD)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        return self.base_url + SERVICE_PATH

    def reset(self) -> None:
        """Delete every record: a fresh, empty ERP."""
        self._action("reset", {})

    def load(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> int:
        """Insert (or replace, by key) rows of one entity, bypassing the adapter."""
        rows = list(rows)
        loaded = 0
        # CAP's default request body limit is 100 KB; 500 rows stay well under it.
        for start in range(0, len(rows), 500):
            chunk = json.dumps(rows[start : start + 500], default=str)
            loaded += int(self._action("load", {"entity": entity, "rows": chunk}))
        return loaded

    def _action(self, name: str, body: dict[str, Any]) -> Any:
        response = self.session.post(f"{self.base_url}{SUPPORT_PATH}/{name}", json=body, timeout=60)
        if response.status_code >= 400:
            raise ODataServerError(
                f"test-support {name} failed: {response.status_code} {response.text[:300]}"
            )
        return response.json().get("value")

    def stop(self) -> None:
        self.session.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def check_node() -> str:
    """Path of ``node`` (>= 20); ``ODataServerError`` with what to install otherwise."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        raise ODataServerError(
            "Node.js >= 20 with npm is required for the OData tests (the CAP test peer in "
            "tests/odata_server). Install Node.js 20 LTS, e.g. `apt-get install nodejs npm` or "
            "from https://nodejs.org, then rerun."
        )
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    match = re.match(r"v(\d+)\.", version)
    if not match or int(match.group(1)) < MIN_NODE_MAJOR:
        raise ODataServerError(f"Node.js >= {MIN_NODE_MAJOR} is required for @sap/cds 9; found {version!r}")
    return node


def ensure_node_modules(project_dir: Path = PROJECT_DIR) -> bool:
    """Run ``npm ci`` when ``node_modules`` is missing or older than the lock file.

    Returns True when it installed. A file lock keeps parallel test workers from installing
    into the same directory at once.
    """
    check_node()
    marker = project_dir / "node_modules" / ".package-lock.json"
    lock_file = project_dir / "package-lock.json"
    # The lock lives outside the repository so it never shows up as an untracked file.
    with open(Path(tempfile.gettempdir()) / "sferp-odata-npm-ci.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if marker.exists() and marker.stat().st_mtime >= lock_file.stat().st_mtime:
            return False
        result = subprocess.run(NPM_CI, cwd=project_dir, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ODataServerError(f"`{' '.join(NPM_CI)}` failed in {project_dir}:\n{result.stderr[-2000:]}")
        return True


def start_server(
    *,
    page_size: int = 1000,
    startup_timeout_s: float = 60.0,
    project_dir: Path = PROJECT_DIR,
) -> ODataTestServer:
    """Install if needed, start the CAP server on a free loopback port, wait until it answers.

    ``page_size`` is CAP's ``cds.query.limit`` (default and max): the server-driven page size of
    every entity except the stock, which pages at 5,000 so one availability request is one page.
    """
    node = check_node()
    ensure_node_modules(project_dir)
    env = {
        **os.environ,
        "CDS_CONFIG": json.dumps({"query": {"limit": {"default": page_size, "max": page_size}}}),
        "NODE_ENV": "development",  # basic-auth users from package.json are a development feature
        "FORCE_COLOR": "0",
        "NO_COLOR": "1",
    }
    serve = project_dir / "node_modules" / "@sap" / "cds" / "bin" / "serve.js"
    # Port 0: the OS picks a free port and CAP prints it; no race between probing and binding.
    process = subprocess.Popen(
        [node, str(serve), "--port", "0"],
        cwd=project_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line.rstrip())
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, name="cds-serve-log", daemon=True).start()
    deadline = time.monotonic() + startup_timeout_s
    port: int | None = None
    while port is None:
        remaining = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(0.1, remaining))
        except queue.Empty:
            line = ""
        if line is None or remaining <= 0:
            process.kill()
            raise ODataServerError("CAP server did not start:\n" + "\n".join(log[-40:]))
        match = _LISTENING.search(line or "")
        if match:
            port = int(match.group(1))
    server = ODataTestServer(process=process, port=port, log=log)
    _wait_until_answering(server, deadline)
    return server


def _wait_until_answering(server: ODataTestServer, deadline: float) -> None:
    while True:
        with contextlib.suppress(requests.RequestException):
            if server.session.get(server.service_url + "/$metadata", timeout=5).status_code == 200:
                return
        if time.monotonic() > deadline or server.process.poll() is not None:
            server.stop()
            raise ODataServerError("CAP server does not answer:\n" + "\n".join(server.log[-40:]))
        time.sleep(0.1)


@contextlib.contextmanager
def running_server(**kwargs: Any) -> Iterator[ODataTestServer]:
    server = start_server(**kwargs)
    try:
        yield server
    finally:
        server.stop()


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Run the CAP OData test peer until Ctrl-C.")
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args(argv)
    with running_server(page_size=args.page_size) as server:
        print(server.service_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
