"""The OData adapter as the Lambda functions build it: environment -> settings -> secret -> adapter.

Secrets Manager is moto; the ERP is ``responses`` (what the adapter sends is the assertion).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import responses
from moto import mock_aws

from sferp import names
from sferp.adapters.erp import odata_settings
from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.adapters.registry import build_erp
from sferp.errors import ConfigurationError
from sferp.order_handoff import names as handoff_names
from sferp.settings import ErpConnectionSettings, OrderHandoffSettings

FLOW = {
    names.ENV_ENVIRONMENT: "qa",
    names.ENV_FLOW_MODE: "live",
    handoff_names.ENV_ORDER_STATE_TABLE: "sferp-qa-order-state",
    handoff_names.ENV_DLQ_URL: "https://sqs.eu-central-1.amazonaws.com/123456789012/sferp-qa-order-handoff-dlq.fifo",
    names.ENV_SALESFORCE_ADAPTER: "embedded",
}


SAP = {
    "sales_organization": "1010",
    "distribution_channel": "10",
    "division": "00",
    "order_type": "OR",
    "rejection_reason": "61",
    "company_code": "1010",
}


def _odata_env(secret_arn: str = "arn:secret", **overrides: str) -> dict[str, str]:
    env = {
        **FLOW,
        names.ENV_ERP_ADAPTER: "odata",
        names.ENV_ERP_SECRET_ARN: secret_arn,
        odata_settings.ENV_BASE_URL: "https://my-s4.example.com",
        odata_settings.ENV_ODATA_VERSION: "v2",
        odata_settings.ENV_SAP_CLIENT: "100",
        odata_settings.ENV_SAP: json.dumps(SAP),
        names.ENV_ERP_TIMEOUT_S: "8",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v != ""}


@pytest.fixture
def erp_secret() -> Iterator[str]:
    with mock_aws():
        client = boto3.client("secretsmanager", region_name="us-east-1")
        arn = client.create_secret(
            Name="sferp-qa-erp",
            SecretString=json.dumps({"auth": "basic", "username": "SFERP_COMM", "password": "s3cret"}),
        )["ARN"]
        yield arn


@responses.activate
def test_build_erp_talks_to_the_configured_sap_system(erp_secret: str) -> None:
    # Given the variables the stack sets for an S/4HANA (OData v2) installation
    env = _odata_env(erp_secret)
    settings = OrderHandoffSettings.from_env(env)
    lookup = responses.get(
        "https://my-s4.example.com/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder",
        json={"d": {"results": []}},
    )

    # When the order handoff builds its ERP gateway and looks an order up
    erp = build_erp(settings, env)
    found = erp.get_sales_order("8015g000000ABCDAA4")

    # Then it asked the standard sales order service, for the configured client, with the
    # communication user from the secret, and a read timeout of SFERP_ERP_TIMEOUT_S
    assert found is None
    request = lookup.calls[0].request
    assert "sap-client=100" in request.url
    assert "PurchaseOrderByCustomer" in request.url
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"SFERP_COMM:s3cret").decode()
    assert request.req_kwargs["timeout"][1] == 8.0


@responses.activate
def test_build_erp_uses_one_service_path_when_configured(erp_secret: str) -> None:
    # Given a single custom service (as CAP or a custom SAP gateway service exposes it), OData v4
    env = _odata_env(
        erp_secret,
        **{
            odata_settings.ENV_SERVICE_PATH: "/odata/v4/sales",
            odata_settings.ENV_ODATA_VERSION: "v4",
            odata_settings.ENV_SAP_CLIENT: "",
        },
    )
    settings = ErpConnectionSettings.from_env(env)
    lookup = responses.get("https://my-s4.example.com/odata/v4/sales/A_SalesOrder", json={"value": []})

    # When an order is looked up
    assert build_erp(settings, env).get_sales_order("8015g000000ABCDAA4") is None

    # Then the request went to that service
    assert len(lookup.calls) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {odata_settings.ENV_BASE_URL: "", odata_settings.ENV_ODATA_VERSION: ""},
            "SFERP_ERP_BASE_URL: Field required; SFERP_ERP_ODATA_VERSION: Field required",
        ),
        ({names.ENV_ERP_SECRET_ARN: ""}, "SFERP_ERP_SECRET_ARN required"),
        (
            {odata_settings.ENV_BASE_URL: "https://erp.example.com/sap/opu/odata/sap/API_SALES_ORDER_SRV"},
            "put a service path in SFERP_ERP_SERVICE_PATH",
        ),
        ({odata_settings.ENV_BASE_URL: "http://erp.example.com"}, "must use https://"),
        ({odata_settings.ENV_ODATA_VERSION: "v3"}, "SFERP_ERP_ODATA_VERSION"),
        ({odata_settings.ENV_SAP_CLIENT: "1000"}, "SFERP_ERP_SAP_CLIENT"),
        ({names.ENV_ERP_TIMEOUT_S: "26"}, "SFERP_ERP_TIMEOUT_S"),
        ({odata_settings.ENV_SAP: ""}, "SFERP_ERP_SAP: Field required"),
        (
            {odata_settings.ENV_SAP: json.dumps({**SAP, "sales_organization": "10100"})},
            "SFERP_ERP_SAP.sales_organization",
        ),
        ({odata_settings.ENV_SAP: json.dumps({**SAP, "deep_update": True})}, "SFERP_ERP_SAP.deep_update"),
        (
            {odata_settings.ENV_SAP: json.dumps({**SAP, "extensions": {"source_version": "SourceVersion"}})},
            "SFERP_ERP_SAP.extensions.source_version",
        ),
        (
            {odata_settings.ENV_SAP: json.dumps({**SAP, "price_sync": "conditions"})},
            "SFERP_ERP_SAP.price_sync",
        ),
    ],
)
def test_odata_settings_fail_at_cold_start_naming_the_variable(
    overrides: dict[str, Any], message: str
) -> None:
    # Given / When the OData adapter is configured with something missing or wrong, and the cold
    # start validates the flow's settings and builds the adapter from its own settings
    env = _odata_env(**overrides)
    with pytest.raises(ConfigurationError) as error:
        build_erp(OrderHandoffSettings.from_env(env), env)

    # Then the cold start fails naming it
    assert message in str(error.value)


def test_the_installation_s_sap_settings_reach_the_adapter(erp_secret: str) -> None:
    # Given an installation's sales area, order type, reason, company code and one extension field
    sap = {**SAP, "order_type": "ZOR", "extensions": {"source_version": "YY1_SourceVersion_SDH"}}
    env = _odata_env(erp_secret, **{odata_settings.ENV_SAP: json.dumps(sap)})
    # When the adapter is built / Then its mapping is the installation's
    names_ = build_erp(OrderHandoffSettings.from_env(env), env)._names  # type: ignore[attr-defined]
    assert names_.sales_order.header_defaults == {
        "SalesOrderType": "ZOR",
        "SalesOrganization": "1010",
        "DistributionChannel": "10",
        "OrganizationDivision": "00",
    }
    assert names_.sales_order.source_version == "YY1_SourceVersion_SDH"
    assert names_.sales_order_item.unit_price is None  # not configured: not sent
    assert (names_.sales_order_item.cancel_reason_code, names_.customer.company_code) == ("61", "1010")


def test_embedded_erp_needs_none_of_the_odata_variables() -> None:
    # Given / When the embedded ERP is configured
    env = {**FLOW, names.ENV_ERP_ADAPTER: "embedded"}
    settings = OrderHandoffSettings.from_env(env)

    # Then the adapter builds without them
    assert isinstance(build_erp(settings, env), EmbeddedErp)
