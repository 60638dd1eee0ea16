"""Template assertions for the inventory API: what protects production."""

from __future__ import annotations

import json
from typing import Any

from aws_cdk.assertions import Match
from synth_support import REPO_ROOT, Synth, cdk_context

from infra.constructs import constants
from sferp.inventory_lookup import names as inventory_names


def _of_type(synth: Synth, resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in synth.resources.items() if v["Type"] == resource_type}


def _inventory_settings(synth: Synth) -> dict[str, Any]:
    return cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["flows"]["inventory_lookup"]


def test_every_method_requires_iam_auth(synth: Synth) -> None:
    # Given the API's methods
    methods = _of_type(synth, "AWS::ApiGateway::Method")
    # Then there are the two routes, and every method (no OPTIONS left open) uses AWS_IAM
    assert {m["Properties"]["HttpMethod"] for m in methods.values()} == {"POST", "GET"}
    for logical_id, method in methods.items():
        assert method["Properties"]["AuthorizationType"] == "AWS_IAM", logical_id
        assert "RequestValidatorId" in method["Properties"], logical_id
    # And GET requires the plant query parameter at the gateway already
    synth.template.has_resource_properties(
        "AWS::ApiGateway::Method",
        {
            "HttpMethod": "GET",
            "RequestParameters": {"method.request.path.sku": True, "method.request.querystring.plant": True},
        },
    )


def test_only_the_invoker_role_may_call_the_api(synth: Synth) -> None:
    # Given the API's resource policy
    (api,) = _of_type(synth, "AWS::ApiGateway::RestApi").values()
    allow, deny = api["Properties"]["Policy"]["Statement"]
    role_arn = allow["Principal"]["AWS"]
    assert f":role/sferp-{synth.env_name}-inventory-invoker" in json.dumps(role_arn)
    # Then the invoker role (temporary credentials) may invoke, and only invoke
    assert allow["Effect"] == "Allow" and allow["Action"] == "execute-api:Invoke"
    # And every other principal is denied outright, the account's own users with long-lived keys too
    assert deny["Effect"] == "Deny" and deny["Principal"]["AWS"] == "*"
    assert set(deny["Condition"]) == {"ArnNotEquals"}
    assert f":role/sferp-{synth.env_name}-inventory-invoker" in json.dumps(deny["Condition"]["ArnNotEquals"])
    assert api["Properties"]["EndpointConfiguration"]["Types"] == ["REGIONAL"]


def test_the_invoker_role_is_assumed_only_by_the_named_base_principals(synth: Synth) -> None:
    # Given the role Salesforce's external credential assumes through STS
    (role,) = [
        r
        for r in _of_type(synth, "AWS::IAM::Role").values()
        if r["Properties"].get("RoleName") == f"sferp-{synth.env_name}-inventory-invoker"
    ]
    trust = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    principals = _inventory_settings(synth)["invoker_principal_arns"]
    # Then the named base principals may assume it for at most an hour, and it has no policy of its own
    assert [s["Action"] for s in trust] == ["sts:AssumeRole"]
    if principals:
        assert trust[0]["Principal"]["AWS"] in (principals[0], principals)
    assert role["Properties"]["MaxSessionDuration"] == 3600
    assert "Policies" not in role["Properties"] and "ManagedPolicyArns" not in role["Properties"]


def test_stage_throttling_tracing_and_access_logs(synth: Synth) -> None:
    settings = _inventory_settings(synth)
    # Then the stage throttles at the configured rate and burst, traces, and logs access as JSON
    synth.template.has_resource_properties(
        "AWS::ApiGateway::Stage",
        {
            "StageName": synth.env_name,
            "TracingEnabled": True,
            "MethodSettings": Match.array_with(
                [
                    Match.object_like(
                        {
                            "ThrottlingRateLimit": settings["throttling_rate_limit"],
                            "ThrottlingBurstLimit": settings["throttling_burst_limit"],
                            "MetricsEnabled": True,
                        }
                    )
                ]
            ),
            "AccessLogSetting": Match.object_like(
                {"DestinationArn": Match.any_value(), "Format": Match.string_like_regexp("requestId")}
            ),
        },
    )


def test_log_groups_have_retention_and_kms(synth: Synth) -> None:
    retention = cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["log_retention_days"]
    for name in (
        f"/aws/lambda/sferp-{synth.env_name}-inventory-lookup",
        f"/aws/apigateway/sferp-{synth.env_name}-inventory-api",
    ):
        synth.template.has_resource_properties(
            "AWS::Logs::LogGroup",
            {"LogGroupName": name, "RetentionInDays": retention, "KmsKeyId": Match.any_value()},
        )


def test_function_settings_and_mode(synth: Synth) -> None:
    settings = _inventory_settings(synth)
    synth.template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "FunctionName": f"sferp-{synth.env_name}-inventory-lookup",
            "Runtime": "python3.13",
            "Architectures": ["arm64"],
            "TracingConfig": {"Mode": "Active"},
            "Timeout": inventory_names.INVENTORY_FUNCTION_TIMEOUT_S,
            "Environment": {
                "Variables": Match.object_like(
                    {
                        inventory_names.ENV_INVENTORY_MODE: settings["mode"],
                        inventory_names.ENV_INVENTORY_BUDGET_MS: str(settings["budget_ms"]),
                        inventory_names.ENV_INVENTORY_FRESH_TTL_S: str(settings["cache_fresh_ttl_s"]),
                        inventory_names.ENV_INVENTORY_MAX_STALE_AGE_S: str(settings["max_stale_age_s"]),
                    }
                )
            },
        },
    )


def test_cache_table_is_kms_encrypted_with_ttl(synth: Synth) -> None:
    synth.template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "TableName": f"sferp-{synth.env_name}-inventory",
            "KeySchema": [
                {"AttributeName": inventory_names.INVENTORY_TABLE_PARTITION_KEY, "KeyType": "HASH"}
            ],
            "TimeToLiveSpecification": {
                "AttributeName": inventory_names.INVENTORY_TABLE_TTL_ATTRIBUTE,
                "Enabled": True,
            },
            "SSESpecification": Match.object_like({"SSEEnabled": True, "SSEType": "KMS"}),
        },
    )


def test_inventory_role_has_explicit_actions_only(synth: Synth) -> None:
    # Given the inventory function's role policy
    policies = [
        p
        for p in _of_type(synth, "AWS::IAM::Policy").values()
        if any("InventoryApiRole" in r.get("Ref", "") for r in p["Properties"]["Roles"])
    ]
    assert policies
    actions: set[str] = set()
    for policy in policies:
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            found = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            actions.update(found)
    # Then no action is a wildcard, and nothing beyond what the lookup needs is granted
    assert not [a for a in actions if "*" in a]
    assert {"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:PutItem"} <= actions
    assert not {"dynamodb:Scan", "dynamodb:DeleteTable", "sqs:SendMessage"} & actions


_INVENTORY_ALARMS = {
    "inventory-latency-p99": (constants.INVENTORY_LATENCY_P99_MS, "GreaterThanThreshold"),
    "inventory-5xx-rate": (constants.INVENTORY_5XX_RATE_PCT, "GreaterThanThreshold"),
    "inventory-cache-hit-ratio-low": (constants.INVENTORY_CACHE_HIT_RATIO_MIN_PCT, "LessThanThreshold"),
    "inventory-stale-answers": (constants.INVENTORY_STALE_ANSWERS_MAX, "GreaterThanThreshold"),
    "inventory-breaker-opened": (0, "GreaterThanThreshold"),
}


def test_inventory_alarms_with_thresholds_and_runbooks(synth: Synth) -> None:
    alarms = {
        a["Properties"]["AlarmName"]: a["Properties"]
        for a in _of_type(synth, "AWS::CloudWatch::Alarm").values()
    }
    for suffix, (threshold, comparison) in _INVENTORY_ALARMS.items():
        properties = alarms[f"sferp-{synth.env_name}-{suffix}"]
        assert (properties["Threshold"], properties["ComparisonOperator"]) == (threshold, comparison), suffix
        runbook = properties["AlarmDescription"].split("Runbook: ", 1)[1].strip()
        assert (REPO_ROOT / runbook).is_file(), f"{suffix}: runbook {runbook} is missing"
        assert properties["AlarmActions"], suffix


def test_latency_alarm_reads_api_gateway_p99(synth: Synth) -> None:
    synth.template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "AlarmName": f"sferp-{synth.env_name}-inventory-latency-p99",
            "MetricName": "Latency",
            "Namespace": "AWS/ApiGateway",
            "ExtendedStatistic": "p99",
        },
    )


def test_waf_follows_config(synth: Synth) -> None:
    acls = _of_type(synth, "AWS::WAFv2::WebACL")
    associations = _of_type(synth, "AWS::WAFv2::WebACLAssociation")
    if _inventory_settings(synth)["waf_enabled"]:
        assert len(acls) == 1 and len(associations) == 1
    else:
        assert not acls and not associations
