"""Start and stop the SAP test peer: SAP's published EDMX for API_SALES_ORDER_SRV,
API_BUSINESS_PARTNER, API_PRODUCT_SRV and API_MATERIAL_STOCK_SRV (``sap-metadata/``), imported
with CAP (``srv/external``) and served as OData v2 at SAP's paths by ``@sap/cds`` 9 with
``@cap-js-community/odata-v2-adapter``, strict where SAP is strict (``server.js``).

Used by the ERP contract tests, the OData integration tests, the benchmark and (through
``start_server``) ``make demo ERP=odata``. Run it by hand with::

    python tests/odata_server/server.py [--page-size N] [--variant extended]   # Ctrl-C stops

Dependencies come from the committed ``package-lock.json`` (``npm ci --omit=dev
--ignore-scripts``: the SQLite driver is sql.js, WebAssembly, so no native build and no binary
download is needed; ``@sap/cds-dk``, the importer, is a dev dependency only ``npm run import``
needs). Node.js missing is an error with a clear message, never a silent skip.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import requests

PROJECT_DIR: Final = Path(__file__).resolve().parent
# SAP's service paths, as on a real system (the adapter's ServicePaths defaults).
SAP_ROOT: Final = "/sap/opu/odata/sap"
SERVICE_PATH: Final = SAP_ROOT + "/API_SALES_ORDER_SRV"
SUPPORT_PATH: Final = "/test-support"
# standard: SAP's metadata as published; extended: plus an installation's YY1_* extension fields.
VARIANTS: Final = ("standard", "extended")
# The basic-auth user declared in package.json (cds.requires.auth.users); local tests only.
USERNAME: Final = "sferp-integration"
PASSWORD: Final = "local-test-only"
MIN_NODE_MAJOR: Final = 20
NPM_CI: Final = ("npm", "ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund")
_LISTENING = re.compile(r"server listening on \{ url: 'http://[^:]+:(\d+)' \}")


class ODataServerError(RuntimeError):
    """The test peer cannot be installed or started (Node.js missing, npm failed, no answer)."""


@dataclass
class ODataTestServer:
    """A running SAP peer. ``base_url`` is what the adapter takes; the services sit at SAP's paths."""

    process: subprocess.Popen[str]
    port: int
    log: list[str] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)
    home: str | None = None  # the peer's private HOME (see start_server), removed on stop
    documents: int = 0  # deliveries and billing documents numbered so far

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

    # --- SAP-shaped master data, as SAP's own processes would create it ---------------------------
    def customer(
        self,
        number: str,
        *,
        name: str,
        salesforce_account_id: str | None = None,
        changed: datetime | None = None,
        sales_area: tuple[str, str, str] = ("1710", "10", "00"),
        company_code: str = "1710",
        payment_terms: str = "0001",
        phone: str = "+49 30 0",
    ) -> str:
        """A business partner with its customer role, extended to one sales area and company
        code, with a standard address and phone number; coupled to ``salesforce_account_id``
        through BusinessPartnerIDByExtSystem. ``changed`` is its LastChangeDate/LastChangeTime."""
        stamp = (changed or datetime.now(UTC)).astimezone(UTC)
        address = "9" + number[-9:]
        organisation, channel, division = sales_area
        self.load(
            "API_BUSINESS_PARTNER.A_BusinessPartner",
            [
                {
                    "BusinessPartner": number,
                    "Customer": number,
                    "BusinessPartnerCategory": "2",
                    "OrganizationBPName1": name[:40],
                    "OrganizationBPName2": name[40:80],
                    "BusinessPartnerFullName": name,
                    "BusinessPartnerIDByExtSystem": salesforce_account_id or "",
                    "LastChangeDate": stamp.date().isoformat(),
                    "LastChangeTime": stamp.strftime("%H:%M:%S"),
                }
            ],
        )
        self.load("API_BUSINESS_PARTNER.A_Customer", [{"Customer": number}])
        self.load(
            "API_BUSINESS_PARTNER.A_CustomerSalesArea",
            [
                {
                    "Customer": number,
                    "SalesOrganization": organisation,
                    "DistributionChannel": channel,
                    "Division": division,
                }
            ],
        )
        self.load(
            "API_BUSINESS_PARTNER.A_CustomerCompany",
            [{"Customer": number, "CompanyCode": company_code, "PaymentTerms": payment_terms}],
        )
        self.load(
            "API_BUSINESS_PARTNER.A_BusinessPartnerAddress",
            [
                {
                    "BusinessPartner": number,
                    "AddressID": address,
                    "StreetName": "Hauptstr. 1",
                    "CityName": "Berlin",
                    "PostalCode": "10115",
                    "Country": "DE",
                }
            ],
        )
        self.load(
            "API_BUSINESS_PARTNER.A_AddressPhoneNumber",
            [
                {
                    "AddressID": address,
                    "Person": "",
                    "OrdinalNumber": "1",
                    "PhoneNumber": phone,
                    "IsDefaultPhoneNumber": True,
                }
            ],
        )
        return number

    def product(self, sku: str, *, name: str | None = None, language: str = "EN") -> None:
        """A material with its description (API_PRODUCT_SRV has no list price)."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.load(
            "API_PRODUCT_SRV.A_Product", [{"Product": sku, "BaseUnit": "PC", "LastChangeDateTime": now}]
        )
        if name is not None:
            self.load(
                "API_PRODUCT_SRV.A_ProductDescription",
                [{"Product": sku, "Language": language, "ProductDescription": name}],
            )

    def stock(
        self,
        sku: str,
        plant: str,
        quantity: Any,
        *,
        location: str = "0001",
        stock_type: str = "01",
        special: str = "",
        sales_order: str = "",
        supplier: str = "",
    ) -> None:
        """One A_MatlStkInAcctMod row; every key SAP has, "" where it does not apply."""
        self.load(
            "API_MATERIAL_STOCK_SRV.A_MatlStkInAcctMod",
            [
                {
                    "Material": sku,
                    "Plant": plant,
                    "StorageLocation": location,
                    "Batch": "",
                    "Supplier": supplier,
                    "Customer": "",
                    "WBSElementInternalID": "",
                    "SDDocument": sales_order,
                    "SDDocumentItem": "10" if sales_order else "",
                    "InventorySpecialStockType": special,
                    "InventoryStockType": stock_type,
                    "MaterialBaseUnit": "PC",
                    "MatlWrhsStkQtyInMatlBaseUnit": str(quantity),
                }
            ],
        )

    # --- what SAP's logistics and billing create (API_OUTBOUND_DELIVERY_SRV, API_BILLING_DOCUMENT_SRV)
    def delivery(
        self,
        sales_order: str,
        items: Sequence[tuple[str, Any, str]],
        *,
        goods_issued: bool = True,
        bill_of_lading: str = "",
        number: str | None = None,
    ) -> str:
        """An outbound delivery of a sales order: ``items`` are (sales order item, quantity, unit).
        With ``goods_issued`` its goods issue is posted today (status C), as VL02N / the API's
        PostGoodsIssue would. Returns the delivery number (8xxxxxxx, SAP's internal range)."""
        number = number or str(80000000 + self._next_document())
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        header: dict[str, Any] = {
            "DeliveryDocument": number,
            "CreationDate": now,
            "OverallGoodsMovementStatus": "C" if goods_issued else "A",
            "BillOfLading": bill_of_lading,
            # Nullable="false" in SAP's metadata: SAP fills the time zones of both locations.
            "Shippinglocationtimezone": "UTC",
            "Receivinglocationtimezone": "UTC",
        }
        if goods_issued:
            header |= {"ActualGoodsMovementDate": now, "LastChangeDate": now}
        self.load("API_OUTBOUND_DELIVERY_SRV.A_OutbDeliveryHeader", [header])
        self.load(
            "API_OUTBOUND_DELIVERY_SRV.A_OutbDeliveryItem",
            [
                {
                    "DeliveryDocument": number,
                    "DeliveryDocumentItem": str(10 * (n + 1)).zfill(6),
                    "ReferenceSDDocument": sales_order,
                    "ReferenceSDDocumentItem": str(item).zfill(6),
                    "ActualDeliveryQuantity": str(quantity),
                    "DeliveryQuantityUnit": unit,
                    "GoodsMovementStatus": "C" if goods_issued else "A",
                    "CreationDate": now,
                }
                for n, (item, quantity, unit) in enumerate(items)
            ],
        )
        return number

    def billing_document(
        self, sales_order: str, *, category: str = "M", cancelled: bool = False, number: str | None = None
    ) -> str:
        """A billing document for a sales order, billed today: an invoice (category M) unless
        told otherwise; SAP stamps its LastChangeDateTime. Returns its number (9xxxxxxx)."""
        number = number or str(90000000 + self._next_document())
        today = datetime.now(UTC).date().isoformat()
        self.load(
            "API_BILLING_DOCUMENT_SRV.A_BillingDocument",
            [
                {
                    "BillingDocument": number,
                    "SDDocumentCategory": category,
                    "BillingDocumentDate": today,
                    "BillingDocumentIsCancelled": cancelled,
                    "CreationDate": today,
                }
            ],
        )
        self.load(
            "API_BILLING_DOCUMENT_SRV.A_BillingDocumentItem",
            [{"BillingDocument": number, "BillingDocumentItem": "000010", "SalesDocument": sales_order}],
        )
        return number

    def _next_document(self) -> int:
        self.documents += 1
        return self.documents

    def expire_sessions(self) -> None:
        """Drop every server session: the next write meets an expired CSRF token (403 Required)."""
        self.session.post(f"{self.base_url}/peer/expire-sessions", timeout=10).raise_for_status()

    def load(self, entity: str, rows: Sequence[Mapping[str, Any]]) -> int:
        """Insert (or replace, by key) rows of one entity (``API_BUSINESS_PARTNER.A_Customer``),
        bypassing the adapter and the gateway's rules: what a real system's own processes create."""
        rows = list(rows)
        loaded = 0
        # CAP's default request body limit is 100 KB; 200 rows of SAP's wide entities stay under it.
        for start in range(0, len(rows), 200):
            chunk = json.dumps(rows[start : start + 200], default=str)
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
        if self.home:
            shutil.rmtree(self.home, ignore_errors=True)


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
    variant: str = "standard",
    startup_timeout_s: float = 60.0,
    project_dir: Path = PROJECT_DIR,
) -> ODataTestServer:
    """Install if needed, start the CAP server on a free loopback port, wait until it answers.

    ``page_size`` is CAP's ``cds.query.limit`` (default and max): the server-driven page size of
    every entity except the stock, which pages at 5,000 so one availability request is one page.
    """
    if variant not in VARIANTS:
        raise ODataServerError(f"unknown peer variant {variant!r} (known: {', '.join(VARIANTS)})")
    node = check_node()
    ensure_node_modules(project_dir)
    env = {
        **os.environ,
        # A HOME of its own: CAP registers served services in ~/.cds-services.json and a second
        # peer (the other variant, a parallel test worker) would bind to the first one's services
        # instead of mocking its own.
        "HOME": (home := tempfile.mkdtemp(prefix="sferp-sap-peer-")),
        "SFERP_SAP_PEER_VARIANT": variant,
        "CDS_CONFIG": json.dumps({"query": {"limit": {"default": page_size, "max": page_size}}}),
        "NODE_ENV": "development",  # basic-auth users from package.json are a development feature
        "FORCE_COLOR": "0",
        "NO_COLOR": "1",
    }
    serve = project_dir / "node_modules" / "@sap" / "cds" / "bin" / "serve.js"
    # Port 0: the OS picks a free port and CAP prints it; no race between probing and binding.
    process = subprocess.Popen(
        # --with-mocks: CAP serves the imported (external) SAP services itself.
        [node, str(serve), "--with-mocks", "--port", "0"],
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
    server = ODataTestServer(process=process, port=port, log=log, home=home)
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
    parser.add_argument("--variant", choices=VARIANTS, default="standard")
    args = parser.parse_args(argv)
    with running_server(page_size=args.page_size, variant=args.variant) as server:
        print(server.service_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.process.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
