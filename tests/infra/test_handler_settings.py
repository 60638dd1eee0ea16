"""The stack and the handler agree: the variables CDK sets on the order-handoff function are exactly
what ``OrderHandoffSettings`` validates at cold start, so a renamed variable fails here, not in prod."""

from __future__ import annotations

from typing import Any

from synth_support import Synth

from sferp.inventory_lookup import names as inventory_names
from sferp.order_handoff import names as handoff_names
from sferp.settings import OrderHandoffSettings


def _order_handoff_function(synth: Synth) -> dict[str, Any]:
    for resource in synth.resources.values():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        variables = resource["Properties"].get("Environment", {}).get("Variables", {})
        if (
            variables.get(handoff_names.ENV_ORDER_STATE_TABLE) is not None
            and resource["Properties"]["Handler"] == "handler.lambda_handler"
        ):
            return resource
    raise AssertionError("no order-handoff function in the template")


def _resolve(value: Any) -> str:
    # Tokens (Ref, Fn::GetAtt, Fn::Join) become deploy-time values; any non-empty string stands in.
    return value if isinstance(value, str) else "arn:aws:resolved:at:deploy"


def test_function_environment_validates_as_handler_settings(synth: Synth) -> None:
    variables = _order_handoff_function(synth)["Properties"]["Environment"]["Variables"]
    settings = OrderHandoffSettings.from_env({k: _resolve(v) for k, v in variables.items()})
    assert settings.environment == synth.env_name
    assert settings.salesforce_adapter == "simple_salesforce"
    assert settings.salesforce_secret_arn


def test_no_secret_values_in_the_environment(synth: Synth) -> None:
    variables = _order_handoff_function(synth)["Properties"]["Environment"]["Variables"]
    for name, value in variables.items():
        if "SECRET" in name:
            # Only a reference to the secret (its ARN), never a value.
            assert not isinstance(value, str) or value.startswith("arn:"), name
    assert not any(k.lower() in {"password", "private_key", "consumer_secret"} for k in variables)


def test_flow_mode_off_disables_the_event_source_mapping(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Given dev with the order handoff switched off
    import copy

    from aws_cdk.assertions import Template
    from synth_support import cdk_context

    from infra.app import build_app

    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["flows"]["order_handoff"]["mode"] = "off"
    _, stack = build_app(context=context, outdir=str(tmp_path), nag=False)
    # Then the mapping exists but consumes nothing: events wait in the queue
    Template.from_stack(stack).has_resource_properties("AWS::Lambda::EventSourceMapping", {"Enabled": False})


def test_live_and_shadow_consume(synth: Synth, cdk_json_context: dict[str, Any]) -> None:
    # Every mapping consumes unless its flow is off in cdk.json (the customer and status flows start
    # off in prod)
    flows = cdk_json_context["sferp:environments"][synth.env_name]["flows"]
    for resource in synth.resources.values():
        if resource["Type"] == "AWS::Lambda::EventSourceMapping":
            function = str(resource["Properties"]["FunctionName"])
            flow = (
                "customer_sync"
                if "CustomerSync" in function
                else "erp_status"
                if "ErpStatus" in function
                else "order_handoff"
            )
            assert resource["Properties"].get("Enabled", True) is (flows[flow]["mode"] != "off")


def test_inventory_function_environment_validates_as_its_settings(synth: Synth) -> None:
    from sferp.inventory_lookup.settings import InventorySettings

    functions = [
        r
        for r in synth.resources.values()
        if r["Type"] == "AWS::Lambda::Function"
        and inventory_names.ENV_INVENTORY_TABLE in r["Properties"].get("Environment", {}).get("Variables", {})
    ]
    assert len(functions) == 1
    variables = functions[0]["Properties"]["Environment"]["Variables"]
    settings = InventorySettings.from_env({k: _resolve(v) for k, v in variables.items()})
    assert settings.environment == synth.env_name
