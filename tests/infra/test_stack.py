"""Template assertions on the synthesized dev and prod stacks: what protects production."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aws_cdk.assertions import Match
from synth_support import REPO_ROOT, Synth, cdk_context

from infra.constructs import constants
from sferp import names
from sferp.order_handoff import names as handoff_names


def _of_type(synth: Synth, resource_type: str) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in synth.resources.items() if v["Type"] == resource_type}


def _one(synth: Synth, resource_type: str, **match: Any) -> tuple[str, dict[str, Any]]:
    found = [
        (k, v)
        for k, v in _of_type(synth, resource_type).items()
        if all(v["Properties"].get(p) == value for p, value in match.items())
    ]
    assert len(found) == 1, f"expected one {resource_type} with {match}, got {[k for k, _ in found]}"
    return found[0]


def _ref_id(value: Any) -> str:
    """Logical id behind a {"Fn::GetAtt": [id, ...]} or {"Ref": id}."""
    if "Fn::GetAtt" in value:
        return value["Fn::GetAtt"][0]
    return value["Ref"]


# --- SQS ---------------------------------------------------------------------------------------


def test_order_handoff_queue_is_fifo_dedup_kms_with_fifo_dlq(synth: Synth) -> None:
    # Given the synthesized stack / When the FIFO queue is inspected
    name = f"sferp-{synth.env_name}-order-handoff.fifo"
    # Then it is FIFO, content-dedup, CMK-encrypted and redrives to a FIFO DLQ after >= 5 receives
    synth.template.has_resource_properties(
        "AWS::SQS::Queue",
        {
            "QueueName": name,
            "FifoQueue": True,
            "ContentBasedDeduplication": True,
            "KmsMasterKeyId": {"Fn::GetAtt": [Match.string_like_regexp("SecurityKey"), "Arn"]},
            "RedrivePolicy": {
                "deadLetterTargetArn": Match.any_value(),
                "maxReceiveCount": handoff_names.ORDER_HANDOFF_MAX_RECEIVE_COUNT,
            },
        },
    )
    _, queue = _one(synth, "AWS::SQS::Queue", QueueName=name)
    assert queue["Properties"]["RedrivePolicy"]["maxReceiveCount"] >= 5
    dlq = synth.resources[_ref_id(queue["Properties"]["RedrivePolicy"]["deadLetterTargetArn"])]
    assert dlq["Properties"]["FifoQueue"] is True
    assert dlq["Properties"]["QueueName"].endswith("-dlq.fifo")
    assert "KmsMasterKeyId" in dlq["Properties"]


def test_every_queue_is_encrypted_and_denies_non_tls(synth: Synth) -> None:
    # Given every queue of the stack
    queues = _of_type(synth, "AWS::SQS::Queue")
    # Per routed flow (order handoff, customer sync, erp status): FIFO, FIFO DLQ, buffer, delivery
    # DLQ; the reconciliation's start DLQ; the Salesforce write queue and its DLQ; where the
    # environment has Event Relay, the relay health schedule's DLQ
    assert len(queues) == 15 + (1 if synth.stack.relay_health else 0)
    policies = _of_type(synth, "AWS::SQS::QueuePolicy").values()
    for logical_id, queue in queues.items():
        # Then it uses the environment CMK
        assert "KmsMasterKeyId" in queue["Properties"], logical_id
        # And some queue policy attached to it denies requests without TLS
        denies_tls = [
            statement
            for policy in policies
            if {"Ref": logical_id} in policy["Properties"]["Queues"]
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]
            if statement["Effect"] == "Deny"
            and statement.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
        ]
        assert denies_tls, f"{logical_id} has no aws:SecureTransport deny"


def test_visibility_timeout_is_at_least_six_times_the_function_timeout(synth: Synth) -> None:
    # Given the event source mapping, its queue and its function, read from the template
    _, esm = next(iter(_of_type(synth, "AWS::Lambda::EventSourceMapping").items()))
    queue = synth.resources[_ref_id(esm["Properties"]["EventSourceArn"])]
    function = synth.resources[_ref_id(esm["Properties"]["FunctionName"])]
    # Then the queue's visibility covers six function timeouts
    assert queue["Properties"]["VisibilityTimeout"] >= 6 * function["Properties"]["Timeout"]


def test_event_source_mapping_reports_batch_item_failures(synth: Synth) -> None:
    # Then the ESM uses partial batch responses with the wiring batch size
    synth.template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "BatchSize": handoff_names.ORDER_HANDOFF_BATCH_SIZE,
        },
    )


# --- EventBridge, buffer, pipe -----------------------------------------------------------------


def test_rule_matches_the_wiring_pattern_with_retry_policy_and_dlq(synth: Synth) -> None:
    # Then the rule uses the wiring pattern and its target has EventBridge retry + a DLQ
    synth.template.has_resource_properties(
        "AWS::Events::Rule",
        {
            "EventPattern": handoff_names.order_handoff_event_pattern(),
            "Targets": [
                {
                    "Arn": Match.any_value(),
                    "RetryPolicy": {
                        "MaximumEventAgeInSeconds": handoff_names.RULE_TARGET_MAX_EVENT_AGE_S,
                        "MaximumRetryAttempts": handoff_names.RULE_TARGET_RETRY_ATTEMPTS,
                    },
                    "DeadLetterConfig": {"Arn": Match.any_value()},
                }
            ],
        },
    )
    _, rule = next(iter(_of_type(synth, "AWS::Events::Rule").items()))
    target = rule["Properties"]["Targets"][0]
    buffer = synth.resources[_ref_id(target["Arn"])]
    delivery_dlq = synth.resources[_ref_id(target["DeadLetterConfig"]["Arn"])]
    # And the buffer is a standard queue that redrives to the same delivery DLQ
    assert "FifoQueue" not in buffer["Properties"]
    assert "FifoQueue" not in delivery_dlq["Properties"]
    assert _ref_id(buffer["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]) == _ref_id(
        target["DeadLetterConfig"]["Arn"]
    )
    assert buffer["Properties"]["RedrivePolicy"]["maxReceiveCount"] == handoff_names.BUFFER_MAX_RECEIVE_COUNT


def test_eventbridge_may_send_only_from_its_rule(synth: Synth) -> None:
    # Then the buffer's and the delivery DLQ's policies allow events.amazonaws.com scoped to the rule
    allows = [
        statement
        for policy in _of_type(synth, "AWS::SQS::QueuePolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Allow"
        and statement.get("Principal") == {"Service": "events.amazonaws.com"}
    ]
    # Buffer and delivery DLQ, per routed flow (three); and the customer flow's two direct rules
    # (overflow, ERP events) -> its FIFO queue and delivery DLQ
    assert len(allows) == 3 * 2 + 2 * 2
    for statement in allows:
        assert statement["Action"] == "sqs:SendMessage"
        assert "aws:SourceArn" in statement["Condition"]["ArnEquals"]


def test_pipe_sets_the_message_group_from_the_order_id(synth: Synth) -> None:
    # Then the pipe forwards the event body and groups by the wiring path
    synth.template.has_resource_properties(
        "AWS::Pipes::Pipe",
        {
            "TargetParameters": {
                "InputTemplate": handoff_names.PIPE_INPUT_TEMPLATE,
                "SqsQueueParameters": {"MessageGroupId": handoff_names.MESSAGE_GROUP_ID_PATH},
            },
            "SourceParameters": {"SqsQueueParameters": {"BatchSize": handoff_names.PIPE_BATCH_SIZE}},
        },
    )
    _, pipe = next(iter(_of_type(synth, "AWS::Pipes::Pipe").items()))
    target = synth.resources[_ref_id(pipe["Properties"]["Target"])]
    assert target["Properties"]["FifoQueue"] is True


def test_archive_retention_comes_from_config(synth: Synth) -> None:
    # Given the environment's configured retention
    expected = cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["flows"]["order_handoff"][
        "archive_retention_days"
    ]
    # Then the archive keeps the order-handoff events that long
    synth.template.has_resource_properties(
        "AWS::Events::Archive",
        {"RetentionDays": expected, "EventPattern": handoff_names.order_handoff_event_pattern()},
    )


def test_dev_gets_a_custom_bus_and_prod_the_partner_bus(dev: Synth, prod: Synth) -> None:
    # Then dev (no Event Relay) has the custom bus, prod the bus matched to the partner source
    dev.template.has_resource_properties(
        "AWS::Events::EventBus", {"Name": "sferp-dev-salesforce", "EventSourceName": Match.absent()}
    )
    source = cdk_context("prod")["sferp:environments"]["prod"]["event_bus"]["partner_event_source_name"]
    prod.template.has_resource_properties(
        "AWS::Events::EventBus", {"Name": source, "EventSourceName": source}
    )


# --- Lambda ------------------------------------------------------------------------------------


def test_function_runtime_architecture_tracing_and_json_logs(synth: Synth) -> None:
    retention = cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["log_retention_days"]
    # Then the function is Python 3.13 on ARM64 with active tracing and JSON logs
    synth.template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Runtime": "python3.13",
            "Architectures": ["arm64"],
            "Handler": "handler.lambda_handler",
            "TracingConfig": {"Mode": "Active"},
            "LoggingConfig": Match.object_like({"LogFormat": "JSON", "LogGroup": Match.any_value()}),
            "Timeout": handoff_names.ORDER_HANDOFF_FUNCTION_TIMEOUT_S,
            "MemorySize": handoff_names.ORDER_HANDOFF_FUNCTION_MEMORY_MB,
        },
    )
    _, function = next(iter(_of_type(synth, "AWS::Lambda::Function").items()))
    assert len(function["Properties"]["Layers"]) == 2  # dependency layer + sferp package layer
    # And its log group has the configured retention and is CMK-encrypted
    synth.template.has_resource_properties(
        "AWS::Logs::LogGroup",
        {
            "LogGroupName": f"/aws/lambda/sferp-{synth.env_name}-order-handoff",
            "RetentionInDays": retention,
            "KmsKeyId": Match.any_value(),
        },
    )


def test_function_environment_holds_names_and_arns_never_secrets(synth: Synth) -> None:
    _, function = next(iter(_of_type(synth, "AWS::Lambda::Function").items()))
    variables = function["Properties"]["Environment"]["Variables"]
    # Then every wiring variable is set
    for name in (
        names.ENV_ENVIRONMENT,
        names.ENV_FLOW_MODE,
        handoff_names.ENV_ORDER_STATE_TABLE,
        handoff_names.ENV_DLQ_URL,
        names.ENV_SALESFORCE_SECRET_ARN,
        names.ENV_ERP_SECRET_ARN,
        names.ENV_ERP_ADAPTER,
        names.ENV_ERP_TIMEOUT_S,
        names.ENV_SALESFORCE_ADAPTER,
    ):
        assert name in variables, name
    assert variables["POWERTOOLS_SERVICE_NAME"] == names.SERVICE_NAME
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == names.METRICS_NAMESPACE
    assert variables[names.ENV_ENVIRONMENT] == synth.env_name
    # And the secret variables are references to the secrets (ARNs), not values
    for name in (names.ENV_SALESFORCE_SECRET_ARN, names.ENV_ERP_SECRET_ARN):
        secret = synth.resources[_ref_id(variables[name])]
        assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert not any("private_key" in str(v) or "consumer_secret" in str(v) for v in variables.values())


def test_order_state_table(synth: Synth) -> None:
    synth.template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "KeySchema": [{"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "KeyType": "HASH"}],
            "AttributeDefinitions": [
                {"AttributeName": handoff_names.ORDER_STATE_PARTITION_KEY, "AttributeType": "S"}
            ],
            "TimeToLiveSpecification": {
                "AttributeName": handoff_names.ORDER_STATE_TTL_ATTRIBUTE,
                "Enabled": True,
            },
            "BillingMode": "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "SSESpecification": Match.object_like({"SSEEnabled": True, "SSEType": "KMS"}),
        },
    )


def test_secrets_are_cmk_encrypted_placeholders(synth: Synth) -> None:
    secrets = _of_type(synth, "AWS::SecretsManager::Secret")
    assert len(secrets) == 2
    for secret in secrets.values():
        properties = secret["Properties"]
        assert "KmsKeyId" in properties
        # Generated, never a literal value in the template
        assert "SecretString" not in properties
        assert properties["GenerateSecretString"]["GenerateStringKey"] == "placeholder"


def test_key_rotation_and_removal_policy(dev: Synth, prod: Synth) -> None:
    dev.template.has_resource(
        "AWS::KMS::Key", {"Properties": {"EnableKeyRotation": True}, "DeletionPolicy": "Delete"}
    )
    prod.template.has_resource(
        "AWS::KMS::Key", {"Properties": {"EnableKeyRotation": True}, "DeletionPolicy": "Retain"}
    )
    prod.template.has_resource("AWS::DynamoDB::Table", {"DeletionPolicy": "Retain"})


# --- IAM ---------------------------------------------------------------------------------------


def _statements(node: Any) -> Iterator[dict[str, Any]]:
    """Every statement of every policy document anywhere in the template (roles, policies, key
    policy, queue and topic policies)."""
    if isinstance(node, dict):
        if isinstance(node.get("Statement"), list):
            yield from node["Statement"]
        for value in node.values():
            yield from _statements(value)
    elif isinstance(node, list):
        for value in node:
            yield from _statements(value)


def test_no_policy_statement_has_a_wildcard_action(synth: Synth) -> None:
    statements = list(_statements(synth.resources))
    assert len(statements) > 20  # the walk really found the documents
    for statement in statements:
        assert "NotAction" not in statement, statement
        actions = statement["Action"]
        actions = [actions] if isinstance(actions, str) else actions
        if statement["Effect"] == "Deny":
            # The one place a wildcard belongs: denying *every* action over plain HTTP. Any other
            # deny names its actions (the inventory API's "nobody but the invoker role").
            if statement.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}:
                continue
            assert all("*" not in action for action in actions), statement
            continue
        # Then no Allow grants a wildcard action
        for action in actions:
            assert "*" not in action, f"wildcard action {action!r} in {statement}"


def test_function_role_has_only_what_the_handler_needs(synth: Synth) -> None:
    _, function = next(iter(_of_type(synth, "AWS::Lambda::Function").items()))
    role_id = _ref_id(function["Properties"]["Role"])
    role = synth.resources[role_id]
    # Then the role carries no managed policy (no AWSLambdaBasicExecutionRole on every log group)
    assert "ManagedPolicyArns" not in role["Properties"]
    actions = {
        action
        for policy in _of_type(synth, "AWS::IAM::Policy").values()
        if {"Ref": role_id} in policy["Properties"]["Roles"]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        for action in ([statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"])
    }
    assert {
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "sqs:SendMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "secretsmanager:GetSecretValue",
        "kms:Decrypt",
        "kms:GenerateDataKey",
    } <= actions
    assert (
        not {"dynamodb:Scan", "dynamodb:Query", "sqs:PurgeQueue", "secretsmanager:PutSecretValue"} & actions
    )


# --- Alarms and topics -------------------------------------------------------------------------

_EXPECTED_THRESHOLDS = {
    "processing-dlq-not-empty": 0,
    "delivery-dlq-not-empty": 0,
    "rule-failed-invocations": 0,
    "oldest-message-age": constants.OLDEST_MESSAGE_AGE_S,
    "handler-error-rate": constants.HANDLER_ERROR_RATE_PCT,
    "erp-latency-p95": constants.ERP_LATENCY_P95_MS,
    "pipe-execution-failed": 0,
}


def test_every_alarm_exists_with_threshold_and_a_runbook_on_disk(synth: Synth) -> None:
    for suffix, threshold in _EXPECTED_THRESHOLDS.items():
        name = f"sferp-{synth.env_name}-{suffix}"
        _, alarm = _one(synth, "AWS::CloudWatch::Alarm", AlarmName=name)
        properties = alarm["Properties"]
        # Then the threshold is the seed's number, breached when greater
        assert properties["Threshold"] == threshold, name
        assert properties["ComparisonOperator"] == "GreaterThanThreshold"
        # And the description names a runbook that exists in the repository
        description = properties["AlarmDescription"]
        runbook = description.split("Runbook: ", 1)[1].strip()
        assert runbook.startswith(f"{names.RUNBOOK_BASE}/"), description
        assert (REPO_ROOT / runbook).is_file(), f"{name}: runbook {runbook} is missing"
        # And it notifies a topic
        assert properties["AlarmActions"], name


def test_every_alarm_in_the_stack_names_an_existing_runbook(synth: Synth) -> None:
    # Every alarm of every flow, not only the order-handoff ones above
    alarms = _of_type(synth, "AWS::CloudWatch::Alarm")
    assert len(alarms) >= len(_EXPECTED_THRESHOLDS)
    for logical_id, alarm in alarms.items():
        description = alarm["Properties"].get("AlarmDescription", "")
        assert "Runbook: " in description, logical_id
        runbook = description.split("Runbook: ", 1)[1].strip()
        assert (REPO_ROOT / runbook).is_file(), f"{logical_id}: runbook {runbook} is missing"
        assert alarm["Properties"].get("AlarmActions"), logical_id


def test_error_rate_alarm_is_errors_over_invocations(synth: Synth) -> None:
    synth.template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "AlarmName": f"sferp-{synth.env_name}-handler-error-rate",
            "Metrics": Match.array_with(
                [
                    Match.object_like({"Expression": Match.string_like_regexp("errors / invocations")}),
                    Match.object_like(
                        {
                            "Id": "errors",
                            "MetricStat": Match.object_like(
                                {"Metric": Match.object_like({"MetricName": "Errors"})}
                            ),
                        }
                    ),
                    Match.object_like(
                        {
                            "Id": "invocations",
                            "MetricStat": Match.object_like(
                                {"Metric": Match.object_like({"MetricName": "Invocations"})}
                            ),
                        }
                    ),
                ]
            ),
        },
    )


def test_erp_latency_alarm_reads_the_handlers_metric_and_dimensions(synth: Synth) -> None:
    synth.template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "AlarmName": f"sferp-{synth.env_name}-erp-latency-p95",
            "Namespace": names.METRICS_NAMESPACE,
            "MetricName": handoff_names.METRIC_ERP_LATENCY_MS,
            "ExtendedStatistic": "p95",
        },
    )
    _, alarm = _one(synth, "AWS::CloudWatch::Alarm", AlarmName=f"sferp-{synth.env_name}-erp-latency-p95")
    # The exact dimension set the handler emits: one more or less and the alarm reads nothing.
    dimensions = {d["Name"]: d["Value"] for d in alarm["Properties"]["Dimensions"]}
    assert dimensions == names.metric_dimensions(synth.env_name, handoff_names.FLOW_ORDER_HANDOFF)


def test_topics_are_encrypted_tls_only_and_subscribed_from_config(synth: Synth) -> None:
    subscriptions = cdk_context(synth.env_name)["sferp:environments"][synth.env_name]["alarm_subscriptions"]
    for severity in ("critical", "warning"):
        synth.template.has_resource_properties(
            "AWS::SNS::Topic",
            {"TopicName": f"sferp-{synth.env_name}-{severity}", "KmsMasterKeyId": Match.any_value()},
        )
    synth.template.resource_properties_count_is(
        "AWS::SNS::TopicPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {"Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
                        )
                    ]
                )
            }
        },
        2,
    )
    endpoints = sorted(
        s["Properties"]["Endpoint"] for s in _of_type(synth, "AWS::SNS::Subscription").values()
    )
    assert endpoints == sorted(subscriptions["critical"] + subscriptions["warning"])


def test_every_name_the_ops_commands_resolve_is_in_the_template(synth: Synth) -> None:
    # Given the physical names sferp ops derives from --env (the flows' names modules)
    from sferp_tools.ops.aws import ARCHIVE_SUFFIX, QUEUE_SUFFIXES, RULE_SUFFIX
    from sferp_tools.ops.reconciliation import RUN_TABLE_SUFFIX, STATE_MACHINE_SUFFIX, TASK_FUNCTION_SUFFIX
    from sferp_tools.ops.review import REVIEW_TABLE_SUFFIX

    def named(kind: str, prop: str) -> set[str]:
        return {r["Properties"].get(prop) for r in synth.resources.values() if r["Type"] == kind}

    def full(suffix: str) -> str:
        return names.resource_name(synth.env_name, suffix)

    # Then the stack creates each of them under exactly that name
    assert {full(s) for s in QUEUE_SUFFIXES.values()} <= named("AWS::SQS::Queue", "QueueName")
    assert full(ARCHIVE_SUFFIX) in named("AWS::Events::Archive", "ArchiveName")
    assert full(RULE_SUFFIX) in named("AWS::Events::Rule", "Name")
    assert {full(RUN_TABLE_SUFFIX), full(REVIEW_TABLE_SUFFIX)} <= named("AWS::DynamoDB::Table", "TableName")
    assert full(STATE_MACHINE_SUFFIX) in named("AWS::StepFunctions::StateMachine", "StateMachineName")
    assert full(TASK_FUNCTION_SUFFIX) in named("AWS::Lambda::Function", "FunctionName")


def test_the_queue_depth_alarms_take_the_environments_threshold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Given dev with a queue-depth threshold of its own
    import copy

    from aws_cdk.assertions import Template
    from synth_support import cdk_context

    from infra.app import build_app

    context = copy.deepcopy(cdk_context("dev"))
    context["sferp:environments"]["dev"]["alarm_subscriptions"]["queue_depth_messages"] = 250
    _, stack = build_app(context=context, outdir=str(tmp_path), nag=False)
    alarms = Template.from_stack(stack).find_resources("AWS::CloudWatch::Alarm")
    depth = {
        a["Properties"]["AlarmName"]: a["Properties"]["Threshold"]
        for a in alarms.values()
        if a["Properties"]["AlarmName"].endswith("queue-depth")
    }
    # Then every flow's main-queue alarm uses it (order handoff, customer flow, ERP status, writer)
    assert len(depth) == 4 and set(depth.values()) == {250}, depth
