"""Runtime settings of the SAP OData adapter, its own (not part of every flow's ERP settings).

The stack sets these variables from the environment's ``erp.odata`` block in cdk.json
(``infra/config.py`` validates the same rules at synth); ``sferp.adapters.registry`` reads them
when it builds the adapter at cold start, so a wrong value fails the cold start naming it.
Credentials stay in the ERP secret.
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator

from sferp.settings import EnvSettings

ENV_BASE_URL: Final = "SFERP_ERP_BASE_URL"  # scheme + host (+ port), no path
ENV_ODATA_VERSION: Final = "SFERP_ERP_ODATA_VERSION"  # v2 (S/4HANA API_*_SRV) | v4
ENV_SERVICE_PATH: Final = "SFERP_ERP_SERVICE_PATH"  # optional: one service for every entity set
ENV_SAP_CLIENT: Final = "SFERP_ERP_SAP_CLIENT"  # optional: the sap-client query parameter

_LOCAL_HOSTS: Final = frozenset({"localhost", "127.0.0.1", "::1"})


class ODataSettings(EnvSettings):
    _label: ClassVar[str] = "OData ERP adapter"

    base_url: str = Field(alias=ENV_BASE_URL)
    odata_version: Literal["v2", "v4"] = Field(alias=ENV_ODATA_VERSION)
    # Absent: SAP's standard path per API (/sap/opu/odata/sap/API_SALES_ORDER_SRV, ...).
    service_path: str | None = Field(default=None, pattern=r"^/\S*$", alias=ENV_SERVICE_PATH)
    sap_client: str | None = Field(default=None, pattern=r"^[0-9]{3}$", alias=ENV_SAP_CLIENT)

    @field_validator("base_url")
    @classmethod
    def _origin_only(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("must be an https:// URL of the ERP host")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise ValueError(
                f"must be scheme and host only, e.g. https://my-s4.example.com; put a service path in {ENV_SERVICE_PATH}"
            )
        if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
            raise ValueError("must use https:// (http:// only for a local test server)")
        return value.strip().rstrip("/")
