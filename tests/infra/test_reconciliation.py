"""The nightly reconciliation in the synthesized stacks: the state machine is the builder's document,
the schedule follows cdk.json, the bucket is private and encrypted, the functions' environments are
what the handler validates, the alarms read the right metrics, and the roles hold only what the
workflow needs."""

from __future__ import annotations

import copy
import json
from typing import Any

from aws_cdk.assertions import Template
from synth_support import REPO_ROOT, Synth, cdk_context

from infra.constructs.reconciliation import STATE_MACHINE_TIMEOUT_S
from sferp import names
from sferp.adapters.erp.odata_settings import ODataSettings
from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.definition import state_machine_definition
from sferp.reconciliation.settings import ReconcileSettings, StarterSettings

_ARN_PLACEHOLDER = "arn:aws:lambda:eu-central-1:123456789012:function:task"


def _reconcile_schedule(synth: Synth) -> dict[str, Any]:
    """The nightly schedule (the customer flow has a schedule of its own)."""
    (schedule,) = (
        r
        for r in _of_type(synth, "AWS::Scheduler::Schedule").values()
        if r["Properties"]["Name"] == names.resource_name(synth.env_name, reconcile_names.SCHEDULE)
    )
    return schedule


def _of_type(synth: Synth, resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in synth.resources.items() if v["Type"] == resource_type}


def _settings(synth: Synth) -> dict[str, Any]:
    return cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["flows"]["reconciliation"]


def _state_machine(synth: Synth) -> tuple[str, dict[str, Any]]:
    machines = [
        (k, v)
        for k, v in _of_type(synth, "AWS::StepFunctions::StateMachine").items()
        if v["Properties"].get("StateMachineName") == f"sferp-{synth.env_name}-reconciliation"
    ]
    assert len(machines) == 1
    return machines[0]


def _function(synth: Synth, handler: str, env_var: str) -> tuple[str, dict[str, Any]]:
    found = [
        (k, v)
        for k, v in _of_type(synth, "AWS::Lambda::Function").items()
        if v["Properties"]["Handler"] == handler
        and env_var in v["Properties"].get("Environment", {}).get("Variables", {})
    ]
    assert len(found) == 1, [k for k, _ in found]
    return found[0]


def _task_function(synth: Synth) -> tuple[str, dict[str, Any]]:
    return _function(synth, "handler.lambda_handler", reconcile_names.ENV_RECONCILE_RUN_TABLE)


def _starter_function(synth: Synth) -> tuple[str, dict[str, Any]]:
    return _function(synth, "handler.start_handler", reconcile_names.ENV_RECONCILE_STATE_MACHINE_ARN)


def _resolve(value: Any) -> str:
    # Tokens (Ref, Fn::GetAtt) become deploy-time values; any non-empty string stands in.
    return value if isinstance(value, str) else "arn:aws:resolved:at:deploy"


def _role_statements(synth: Synth, role_ref: dict[str, Any]) -> list[dict[str, Any]]:
    role_id = role_ref["Fn::GetAtt"][0]
    return [
        statement
        for policy in _of_type(synth, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
    ]


def _flat(value: Any) -> str:
    """An ARN as text: a literal (prod has its account) or a Fn::Join with pseudo-parameter refs."""
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else "<token>" for part in value["Fn::Join"][1])


def _actions(statement: dict[str, Any]) -> list[str]:
    actions = statement["Action"]
    return [actions] if isinstance(actions, str) else list(actions)


# --- state machine ------------------------------------------------------------------------------


def test_state_machine_is_standard_with_full_logging_and_tracing(synth: Synth) -> None:
    # Given the reconciliation state machine
    _, machine = _state_machine(synth)
    properties = machine["Properties"]
    # Then it is a STANDARD workflow (exactly-once task starts, execution names unique per 90 days)
    assert properties["StateMachineType"] == "STANDARD"
    # And it logs every event without record values, into a KMS-encrypted log group
    logging = properties["LoggingConfiguration"]
    assert logging["Level"] == "ALL"
    assert logging["IncludeExecutionData"] is False
    log_group_id = logging["Destinations"][0]["CloudWatchLogsLogGroup"]["LogGroupArn"]["Fn::GetAtt"][0]
    log_group = synth.resources[log_group_id]["Properties"]
    assert "KmsKeyId" in log_group
    assert (
        log_group["RetentionInDays"]
        == cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["log_retention_days"]
    )
    # And X-Ray tracing is on
    assert properties["TracingConfiguration"] == {"Enabled": True}


def test_deployed_definition_is_the_builders_document(synth: Synth) -> None:
    # Given the definition in the template, with the task function's ARN token replaced
    task_id, _ = _task_function(synth)
    _, machine = _state_machine(synth)
    parts = machine["Properties"]["DefinitionString"]["Fn::Join"][1]
    rendered = "".join(
        _ARN_PLACEHOLDER if part == {"Fn::GetAtt": [task_id, "Arn"]} else part for part in parts
    )
    # Then the only substituted value is the task function's ARN (no other token slipped in)
    assert all(isinstance(part, str) or part == {"Fn::GetAtt": [task_id, "Arn"]} for part in parts)
    # And the document equals what the builder produces with the environment's settings
    expected = state_machine_definition(
        _ARN_PLACEHOLDER,
        max_concurrency=_settings(synth)["max_concurrency"],
        timeout_s=STATE_MACHINE_TIMEOUT_S,
    )
    assert json.loads(rendered) == expected
    assert json.loads(rendered)["States"]["Compare"]["MaxConcurrency"] == _settings(synth)["max_concurrency"]


def test_state_machine_role_is_least_privilege(synth: Synth) -> None:
    # Given the state machine's role
    task_id, _ = _task_function(synth)
    _, machine = _state_machine(synth)
    role_id = machine["Properties"]["RoleArn"]["Fn::GetAtt"][0]
    role = synth.resources[role_id]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "states.amazonaws.com"
    }
    assert "ManagedPolicyArns" not in role
    statements = _role_statements(synth, machine["Properties"]["RoleArn"])
    by_action: dict[str, list[Any]] = {}
    for statement in statements:
        assert statement["Effect"] == "Allow"
        resources = (
            statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        )
        for action in _actions(statement):
            by_action.setdefault(action, []).extend(resources)
    # Then it may invoke only the task function
    assert by_action["lambda:InvokeFunction"] == [{"Fn::GetAtt": [task_id, "Arn"]}]
    # And start only itself (Distributed Map children), and see/stop only its own executions
    name = f"sferp-{synth.env_name}-reconciliation"
    (start,) = by_action["states:StartExecution"]
    assert _flat(start).endswith(f":stateMachine:{name}")
    for action in ("states:DescribeExecution", "states:StopExecution"):
        (executions,) = by_action[action]
        assert _flat(executions).endswith(f":execution:{name}/*"), action
    # And read only the run artifacts (the ItemReader's manifest) and nothing else of S3
    assert {a for a in by_action if a.startswith("s3:")} == {"s3:GetObject", "s3:ListBucket"}
    assert all("/runs/*" in json.dumps(r) for r in by_action["s3:GetObject"])
    # And nothing else: no writes to data stores, no secrets, no other state machines
    allowed = {
        "lambda:InvokeFunction",
        "states:StartExecution",
        "states:DescribeExecution",
        "states:StopExecution",
        "s3:GetObject",
        "s3:ListBucket",
        "kms:Decrypt",
    }
    # What CDK adds for logging (vended log delivery) and tracing; AWS requires Resource "*" there.
    service_managed = {a for a in by_action if a.startswith(("logs:", "xray:"))}
    assert set(by_action) - service_managed == allowed
    for action in service_managed:
        assert by_action[action] == ["*"], action


# --- schedule and starter -------------------------------------------------------------------------


def test_schedule_follows_config_and_invokes_only_the_starter(synth: Synth) -> None:
    settings = _settings(synth)
    starter_id, _ = _starter_function(synth)
    schedule = _reconcile_schedule(synth)
    properties = schedule["Properties"]
    # Then the cron and time zone come from cdk.json, with no flexible window
    assert properties["ScheduleExpression"] == settings["schedule"]
    assert properties["ScheduleExpressionTimezone"] == settings["time_zone"]
    assert properties["FlexibleTimeWindow"] == {"Mode": "OFF"}
    assert properties["State"] == ("DISABLED" if settings["mode"] == "off" else "ENABLED")
    # And the target is the starter, with the scheduled time the starter turns into the run date
    target = properties["Target"]
    assert target["Arn"] == {"Fn::GetAtt": [starter_id, "Arn"]}
    assert json.loads(target["Input"]) == {"scheduled_time": "<aws.scheduler.scheduled-time>"}
    # And failed invokes are retried, then dead-lettered to a queue that is alarmed
    assert target["RetryPolicy"]["MaximumRetryAttempts"] > 0
    dlq_id = target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
    assert "KmsMasterKeyId" in synth.resources[dlq_id]["Properties"]
    # And the schedule's role can invoke the starter and nothing else
    statements = _role_statements(synth, target["RoleArn"])
    invoke = [s for s in statements if "lambda:InvokeFunction" in _actions(s)]
    assert [s["Resource"] for s in invoke] == [{"Fn::GetAtt": [starter_id, "Arn"]}]
    assert {a for s in statements for a in _actions(s)} == {
        "lambda:InvokeFunction",
        "sqs:SendMessage",
        "kms:Decrypt",
        "kms:GenerateDataKey",
    }


def test_mode_off_disables_the_schedule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Given dev with the reconciliation switched off
    from infra.app import build_app

    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["flows"]["reconciliation"]["mode"] = "off"
    context["sferp:environments"]["dev"]["flows"]["reconciliation"]["schedule"] = "cron(0 4 ? * MON-FRI *)"
    context["sferp:environments"]["dev"]["flows"]["reconciliation"]["time_zone"] = "America/New_York"
    _, stack = build_app(context=context, outdir=str(tmp_path), nag=False)
    template = Template.from_stack(stack)
    # Then the schedule exists but never fires, with the configured cron and zone
    template.has_resource_properties(
        "AWS::Scheduler::Schedule",
        {
            "State": "DISABLED",
            "ScheduleExpression": "cron(0 4 ? * MON-FRI *)",
            "ScheduleExpressionTimezone": "America/New_York",
        },
    )
    # And the starter derives run dates in the same zone
    starters = template.find_resources(
        "AWS::Lambda::Function", {"Properties": {"Handler": "handler.start_handler"}}
    )
    (starter,) = starters.values()
    assert (
        starter["Properties"]["Environment"]["Variables"][reconcile_names.ENV_RECONCILE_TIME_ZONE]
        == "America/New_York"
    )


def test_starter_environment_validates_and_it_may_only_start_this_state_machine(synth: Synth) -> None:
    machine_id, _ = _state_machine(synth)
    _, starter = _starter_function(synth)
    variables = starter["Properties"]["Environment"]["Variables"]
    # Then its environment is what StarterSettings validates, pointing at this state machine
    settings = StarterSettings.from_env({k: _resolve(v) for k, v in variables.items()})
    assert settings.time_zone == _settings(synth)["time_zone"]
    assert variables[reconcile_names.ENV_RECONCILE_STATE_MACHINE_ARN] == {"Ref": machine_id}
    # And it cannot build the task context (no run table): the handler's cold-start check skips it
    assert reconcile_names.ENV_RECONCILE_RUN_TABLE not in variables
    # And its role starts executions of this state machine only
    statements = _role_statements(synth, starter["Properties"]["Role"])
    start = [s for s in statements if "states:StartExecution" in _actions(s)]
    assert [s["Resource"] for s in start] == [{"Ref": machine_id}]
    # And a failed asynchronous invocation lands in the same alarmed DLQ as the scheduler's
    schedule = _reconcile_schedule(synth)
    assert (
        starter["Properties"]["DeadLetterConfig"]["TargetArn"]
        == schedule["Properties"]["Target"]["DeadLetterConfig"]["Arn"]
    )


# --- task function ------------------------------------------------------------------------------


def test_task_function_environment_validates_as_the_workflow_settings(synth: Synth) -> None:
    settings_config = _settings(synth)
    _, function = _task_function(synth)
    properties = function["Properties"]
    variables = properties["Environment"]["Variables"]
    # When the handler validates the variables CDK sets
    settings = ReconcileSettings.from_env({k: _resolve(v) for k, v in variables.items()})
    # Then mode, lookback and partitions are the environment's, secrets are referenced by ARN
    assert settings.environment == synth.env_name
    assert settings.mode.value == settings_config["mode"]
    assert settings.lookback_minutes == settings_config["lookback_minutes"]
    assert settings.partitions == settings_config["partitions"]
    assert settings.salesforce_adapter == "simple_salesforce"
    for name in (names.ENV_SALESFORCE_SECRET_ARN, names.ENV_ERP_SECRET_ARN):
        assert synth.resources[variables[name]["Ref"]]["Type"] == "AWS::SecretsManager::Secret"
    # And the ERP connection is the one the adapter factory needs (OData host in prod)
    erp = cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["erp"]
    assert settings.erp_adapter == erp["adapter"]
    if erp["adapter"] == "odata":
        odata = ODataSettings.from_env({k: _resolve(v) for k, v in variables.items()})
        assert odata.base_url == erp["odata"]["base_url"]
    # And it is the shared runtime: ARM64, Python 3.13, JSON logs, tracing, explicit log group
    assert properties["Runtime"] == "python3.13"
    assert properties["Architectures"] == ["arm64"]
    assert properties["TracingConfig"] == {"Mode": "Active"}
    assert properties["LoggingConfig"]["LogFormat"] == "JSON"
    assert properties["Timeout"] == reconcile_names.RECONCILE_TASK_TIMEOUT_S
    assert properties["MemorySize"] == reconcile_names.RECONCILE_TASK_MEMORY_MB
    log_group = synth.resources[properties["LoggingConfig"]["LogGroup"]["Ref"]]["Properties"]
    assert log_group["LogGroupName"] == f"/aws/lambda/sferp-{synth.env_name}-reconcile-task"
    assert "KmsKeyId" in log_group


def test_task_role_reaches_only_the_workflows_stores(synth: Synth) -> None:
    _, function = _task_function(synth)
    role = synth.resources[function["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]
    assert "ManagedPolicyArns" not in role
    actions = {a for s in _role_statements(synth, function["Properties"]["Role"]) for a in _actions(s)}
    # Then it has what the tasks call, and no Scan, no deletes, no state machine control
    assert {
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:BatchWriteItem",
        "s3:GetObject",
        "s3:PutObject",
        "s3:ListBucket",
        "secretsmanager:GetSecretValue",
        "kms:Decrypt",
        "kms:GenerateDataKey",
    } <= actions
    assert not {"dynamodb:DeleteItem", "s3:DeleteObject", "states:StartExecution"} & actions
    # And its one Scan is of the customer flow's coupling (the accounts' key map), nothing else
    scans = [
        s for s in _role_statements(synth, function["Properties"]["Role"]) if "dynamodb:Scan" in _actions(s)
    ]
    assert len(scans) == 1 and _actions(scans[0]) == ["dynamodb:Scan"]
    table_id = scans[0]["Resource"]["Fn::GetAtt"][0]
    assert synth.resources[table_id]["Properties"]["TableName"] == f"sferp-{synth.env_name}-customer-sync"


def test_tables_have_the_keys_the_stores_use(synth: Synth) -> None:
    tables = {
        v["Properties"]["TableName"]: v["Properties"]
        for v in _of_type(synth, "AWS::DynamoDB::Table").values()
        if "reconcile" in v["Properties"]["TableName"]
    }
    assert set(tables) == {
        f"sferp-{synth.env_name}-reconcile-runs",
        f"sferp-{synth.env_name}-reconcile-review",
    }
    for properties in tables.values():
        # Then both use the (pk, sk) string keys of stores.py, KMS and PITR
        assert properties["KeySchema"] == [
            {"AttributeName": reconcile_names.RECONCILE_TABLE_PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": reconcile_names.RECONCILE_TABLE_SORT_KEY, "KeyType": "RANGE"},
        ]
        assert {d["AttributeName"]: d["AttributeType"] for d in properties["AttributeDefinitions"]} == {
            reconcile_names.RECONCILE_TABLE_PARTITION_KEY: "S",
            reconcile_names.RECONCILE_TABLE_SORT_KEY: "S",
        }
        assert properties["SSESpecification"]["SSEType"] == "KMS"
        assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    # And run items expire, open review items do not
    runs = tables[f"sferp-{synth.env_name}-reconcile-runs"]
    assert runs["TimeToLiveSpecification"] == {
        "AttributeName": reconcile_names.RECONCILE_TABLE_TTL_ATTRIBUTE,
        "Enabled": True,
    }
    assert "TimeToLiveSpecification" not in tables[f"sferp-{synth.env_name}-reconcile-review"]
    # And the function gets exactly these table names
    _, function = _task_function(synth)
    variables = function["Properties"]["Environment"]["Variables"]
    names = {
        synth.resources[variables[v]["Ref"]]["Properties"]["TableName"]
        for v in (reconcile_names.ENV_RECONCILE_RUN_TABLE, reconcile_names.ENV_RECONCILE_REVIEW_TABLE)
    }
    assert names == set(tables)


# --- bucket -------------------------------------------------------------------------------------


def test_artifact_bucket_is_kms_encrypted_private_tls_only_and_expires_extracts(synth: Synth) -> None:
    _, function = _task_function(synth)
    bucket_id = function["Properties"]["Environment"]["Variables"][reconcile_names.ENV_RECONCILE_BUCKET][
        "Ref"
    ]
    bucket = synth.resources[bucket_id]["Properties"]
    # Then objects are encrypted with the environment key
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert "KMSMasterKeyID" in rule["ServerSideEncryptionByDefault"]
    # And all public access is blocked
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    # And it is versioned, access-logged, and extracts and reports expire
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert "DestinationBucketName" in bucket["LoggingConfiguration"]
    prefixes = {r.get("Prefix"): r for r in bucket["LifecycleConfiguration"]["Rules"]}
    assert prefixes["runs/"]["ExpirationInDays"] < prefixes["reports/"]["ExpirationInDays"]
    # And its policy denies every request without TLS
    policies = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in _of_type(synth, "AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket_id}
    ]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for statements in policies
        for s in statements
    )


# --- alarms -------------------------------------------------------------------------------------


def _alarm(synth: Synth, suffix: str) -> dict[str, Any]:
    name = f"sferp-{synth.env_name}-{suffix}"
    found = [
        v["Properties"]
        for v in _of_type(synth, "AWS::CloudWatch::Alarm").values()
        if v["Properties"]["AlarmName"] == name
    ]
    assert len(found) == 1, name
    return found[0]


def test_run_failure_alarms_on_the_state_machine_are_critical(synth: Synth) -> None:
    machine_id, _ = _state_machine(synth)
    critical = next(
        k
        for k, v in _of_type(synth, "AWS::SNS::Topic").items()
        if v["Properties"]["TopicName"] == f"sferp-{synth.env_name}-critical"
    )
    for suffix, metric in (
        ("reconcile-executions-failed", "ExecutionsFailed"),
        ("reconcile-executions-timed-out", "ExecutionsTimedOut"),
        ("reconcile-executions-aborted", "ExecutionsAborted"),
    ):
        alarm = _alarm(synth, suffix)
        # Then one failed execution is enough, on this state machine
        assert alarm["Namespace"] == "AWS/States"
        assert alarm["MetricName"] == metric
        assert alarm["Dimensions"] == [{"Name": "StateMachineArn", "Value": {"Ref": machine_id}}]
        assert alarm["Threshold"] == 0
        assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
        # And it pages the critical topic and names the run-failed runbook
        assert alarm["AlarmActions"] == [{"Ref": critical}]
        assert alarm["AlarmDescription"].endswith("Runbook: docs/runbooks/reconciliation-run-failed.md")


def test_drift_alarm_reads_the_report_metric_with_the_configured_threshold(synth: Synth) -> None:
    alarm = _alarm(synth, "reconcile-drift-high")
    # Then it reads the metric the report step publishes, with its exact dimensions
    assert alarm["Namespace"] == names.METRICS_NAMESPACE
    assert alarm["MetricName"] == reconcile_names.METRIC_RECONCILE_DRIFT_PCT
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    assert dimensions == names.metric_dimensions(synth.env_name, reconcile_names.FLOW_RECONCILIATION)
    # And the threshold is the environment's (the seed: > 10 %)
    assert alarm["Threshold"] == _settings(synth)["drift_alarm_threshold_pct"]
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    # And one nightly data point keeps the state until the next run
    assert alarm["TreatMissingData"] == "ignore"
    runbook = alarm["AlarmDescription"].split("Runbook: ", 1)[1]
    assert runbook == "docs/runbooks/reconciliation-drift-high.md"
    assert (REPO_ROOT / runbook).is_file()


def test_start_dlq_alarm_fires_on_the_first_message(synth: Synth) -> None:
    schedule = _reconcile_schedule(synth)
    dlq_id = schedule["Properties"]["Target"]["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
    alarm = _alarm(synth, "reconcile-start-dlq-not-empty")
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": [dlq_id, "QueueName"]}}]
    assert alarm["Threshold"] == 0
    assert alarm["AlarmActions"]


def test_every_wildcard_resource_of_the_state_machine_role_is_explained(synth: Synth) -> None:
    # Given the statements on Resource "*" of the state machine's role
    (policy,) = [
        r
        for logical_id, r in synth.resources.items()
        if r["Type"] == "AWS::IAM::Policy" and "StateMachineRole" in logical_id
    ]
    actions = set()
    for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
        if statement["Resource"] == "*":
            actions |= set(
                statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            )
    # Then they are the X-Ray and log-delivery actions, and the acknowledgement's reason names each kind
    assert actions and all(a.startswith(("xray:", "logs:")) for a in actions)
    construct = synth.stack.reconciliation.state_machine_role.node.find_child("DefaultPolicy")
    acknowledged = [m.data for m in construct.node.metadata if m.type == "aws:cdk:acknowledged-rules"]
    reason = next(
        d["Annotation::AwsSolutions-IAM5[Resource::*]"]
        for d in acknowledged
        if "Annotation::AwsSolutions-IAM5[Resource::*]" in d
    )
    assert "X-Ray" in reason and "vended-log delivery" in reason and "logs:CreateLogDelivery" in reason


def test_the_columnar_engine_layer_ships_with_the_reconciliation_task_only(synth: Synth):
    # Given the synthesized stack: the layer whose description names DuckDB
    layers = {
        k
        for k, v in _of_type(synth, "AWS::Lambda::LayerVersion").items()
        if "DuckDB" in v["Properties"].get("Description", "")
    }
    assert len(layers) == 1
    [duckdb_layer] = layers
    task_id, _ = _task_function(synth)
    # When each function's layers are listed / Then only the reconciliation task carries DuckDB
    carriers = {
        k
        for k, v in _of_type(synth, "AWS::Lambda::Function").items()
        if {"Ref": duckdb_layer} in v["Properties"].get("Layers", [])
    }
    assert carriers == {task_id}


def test_the_reconciliation_layer_is_built_for_arm64_and_fits_lambda():
    # Given the layer the synth built (pip, manylinux2014_aarch64 wheels, no Docker)
    from infra import layer_build

    layer = layer_build.build_reconciliation_layer()
    shared = layer_build.build_dependency_layer()
    # Then it holds DuckDB's extension module built for AArch64 (ELF e_machine 183), not for this
    # machine's x86-64
    modules = list((layer / "python").rglob("_duckdb*.so"))
    assert modules
    for module in modules:
        header = module.read_bytes()[:20]
        assert header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == 183, module
    assert (layer / "python" / "duckdb").is_dir()
    # And the shared layer does not carry it; together with the sferp layer they stay well below
    # Lambda's 250 MB unzipped limit
    assert not list((shared / "python").glob("duckdb*"))
    total = layer_build.layer_size_mib(layer) + layer_build.layer_size_mib(shared)
    assert total < 200, total
