"""``sferp ops reconciliation review list|show|resolve`` against the review table in moto, filled by the
workflow's own writer (``ReviewQueue.put_many``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from sferp_tools.ops import cli as ops_cli

from sferp.reconciliation import names as reconcile_names
from sferp.reconciliation.aws import ReviewQueue
from sferp.reconciliation.compare import RecordClass, ReviewItem
from sferp.reconciliation.rules import Reason

ENV = "test"
TABLE = f"sferp-{ENV}-reconcile-review"
CREDIT = "accounts#0001000000#credit_limit"
DANGLING = "accounts#0009999999#-"
PRODUCT_NAME = "products#SKU-0001#name"


class _Proxy:
    """A moto client with chosen calls replaced (what moto cannot play: denied permissions)."""

    def __init__(self, inner: Any, **overrides: Any) -> None:
        self._inner = inner
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        return self._overrides.get(name) or getattr(self._inner, name)


def _denied(operation: str) -> Any:
    def call(*_args: Any, **_kwargs: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "AccessDeniedException", "Message": "not authorized"}}, operation
        )

    return call


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    """The review table as the stack creates it, with three items the nightly run parked."""
    with mock_aws():
        client = boto3.session.Session(region_name="us-east-1").client("dynamodb")
        client.create_table(
            TableName=TABLE,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": reconcile_names.RECONCILE_TABLE_PARTITION_KEY, "AttributeType": "S"},
                {"AttributeName": reconcile_names.RECONCILE_TABLE_SORT_KEY, "AttributeType": "S"},
            ],
            KeySchema=[
                {"AttributeName": reconcile_names.RECONCILE_TABLE_PARTITION_KEY, "KeyType": "HASH"},
                {"AttributeName": reconcile_names.RECONCILE_TABLE_SORT_KEY, "KeyType": "RANGE"},
            ],
        )
        queue = ReviewQueue(TABLE, client)
        queue.put_many(
            "accounts",
            [
                ReviewItem(
                    "0001000000",
                    RecordClass.FIELD_CONFLICT,
                    Reason.BOTH_CHANGED_SINCE_LAST_RUN,
                    field="credit_limit",
                    salesforce_value="1000",
                    erp_value="2500",
                ),
                ReviewItem("0009999999", RecordClass.ONLY_SALESFORCE, Reason.ONLY_IN_SALESFORCE),
            ],
            run_id="2024-05-01",
            mode="live",
        )
        queue.put_many(
            "products",
            [
                ReviewItem(
                    "SKU-0001",
                    RecordClass.FIELD_CONFLICT,
                    Reason.FIX_FAILS_VALIDATION,
                    field="name",
                    salesforce_value="Widget 1",
                    erp_value="W" * 300,
                )
            ],
            run_id="2024-05-02",
            mode="live",
        )
        yield client


def _item(dynamodb: Any, pk: str, sk: str) -> dict[str, Any]:
    item = dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": pk}, "sk": {"S": sk}})["Item"]
    return {k: next(iter(v.values())) for k, v in item.items()}


def _resolve(run_cli: Any, item_id: str, *argv: str) -> tuple[int, str, str]:
    # Recording decisions only (applying them: test_ops_review_apply.py).
    return run_cli(
        "ops",
        "reconciliation",
        "review",
        "resolve",
        item_id,
        "--env",
        ENV,
        "--region",
        "us-east-1",
        "--record-only",
        *argv,
    )


# --- list and show -----------------------------------------------------------------------------------
def test_list_shows_the_open_items_with_both_values_and_why(dynamodb: Any, run_cli: Any) -> None:
    # Given three open items from two runs
    # When the open items are listed
    code, out, err = run_cli("ops", "reconciliation", "review", "list", "--env", ENV, "--region", "us-east-1")

    # Then each has its id, entity, key, field, both values, reason and run date
    assert code == 0 and err == ""
    assert f"{TABLE}: 3 open item(s)" in out
    lines = out.splitlines()
    assert lines[1].split() == ["ID", "ENTITY", "KEY", "FIELD", "SALESFORCE", "ERP", "REASON", "RUN", "DATE"]
    credit = next(line for line in lines if line.startswith(CREDIT))
    assert credit.split() == [
        CREDIT,
        "accounts",
        "0001000000",
        "credit_limit",
        "1000",
        "2500",
        "both_changed_since_last_run",
        "2024-05-01",
    ]
    dangling = next(line for line in lines if line.startswith(DANGLING))
    assert dangling.split()[3:6] == ["-", "(none)", "(none)"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["--entity", "products"], [PRODUCT_NAME]),
        (["--run-date", "2024-05-01"], [CREDIT, DANGLING]),
        (["--entity", "accounts", "--run-date", "2024-05-02"], []),
        (["--status", "resolved"], []),
    ],
)
def test_list_filters_by_entity_run_date_and_status(
    dynamodb: Any, run_cli: Any, filters: list[str], expected: list[str]
) -> None:
    # Given / When the list is filtered (as JSON)
    code, out, _ = run_cli(
        "ops", "reconciliation", "review", "list", "--env", ENV, "--region", "us-east-1", "--json", *filters
    )

    # Then only the matching items come back
    assert code == 0
    assert sorted(item["id"] for item in json.loads(out)) == sorted(expected)


def test_show_prints_one_item_in_full(dynamodb: Any, run_cli: Any) -> None:
    # Given / When one item is shown
    code, out, _ = run_cli(
        "ops",
        "reconciliation",
        "review",
        "show",
        PRODUCT_NAME,
        "--env",
        ENV,
        "--region",
        "us-east-1",
        "--json",
    )

    # Then every part of it is there, and no decision yet
    assert code == 0
    item = json.loads(out)
    assert item["entity"] == "products" and item["key"] == "SKU-0001" and item["field"] == "name"
    assert (item["salesforce_value"], item["erp_value"]) == ("Widget 1", "W" * 300)
    assert item["reason"] == "fix_fails_validation" and item["run_date"] == "2024-05-02"
    assert item["status"] == "open" and item["resolution"] is None and item["history"] == []


# --- resolve ---------------------------------------------------------------------------------------
def test_resolve_records_who_when_what_and_why_and_closes_the_item(dynamodb: Any, run_cli: Any) -> None:
    # Given an open field conflict
    # When the operator takes the ERP's value
    code, out, _ = _resolve(run_cli, CREDIT, "--take", "erp", "--note", "credit team confirmed 2500")

    # Then the item is resolved with the caller's identity, the value and the note
    assert code == 0
    assert "take erp = 2500" in out and "by hand" in out
    item = _item(dynamodb, "accounts#0001000000", "credit_limit")
    assert item["status"] == "resolved"
    assert item["resolved_by"] == "arn:aws:sts::123456789012:user/moto"
    assert item["resolution_take"] == "erp" and item["resolution_value"] == "2500"
    assert item["resolution_note"] == "credit team confirmed 2500"
    # And it leaves the open list and joins the resolved one
    _, open_items, _ = run_cli(
        "ops", "reconciliation", "review", "list", "--env", ENV, "--region", "us-east-1", "--json"
    )
    _, resolved, _ = run_cli(
        "ops",
        "reconciliation",
        "review",
        "list",
        "--env",
        ENV,
        "--region",
        "us-east-1",
        "--json",
        "--status",
        "resolved",
    )
    assert CREDIT not in {i["id"] for i in json.loads(open_items)}
    assert [i["id"] for i in json.loads(resolved)] == [CREDIT]


def test_a_decision_survives_the_next_run_reopening_the_item(dynamodb: Any, run_cli: Any) -> None:
    # Given a resolved item whose fix was never entered, so the next run parks it again
    _resolve(run_cli, CREDIT, "--take", "value", "--value", "3000", "--note", "agreed with sales")
    ReviewQueue(TABLE, dynamodb).put_many(
        "accounts",
        [
            ReviewItem(
                "0001000000",
                RecordClass.FIELD_CONFLICT,
                Reason.BOTH_CHANGED_SINCE_LAST_RUN,
                field="credit_limit",
                salesforce_value="1000",
                erp_value="2500",
            )
        ],
        run_id="2024-05-03",
        mode="live",
    )

    # When the item is shown
    code, out, _ = run_cli(
        "ops", "reconciliation", "review", "show", CREDIT, "--env", ENV, "--region", "us-east-1", "--json"
    )

    # Then it is open again, and the earlier decision is still in its trail
    item = json.loads(out)
    assert code == 0 and item["status"] == "open" and item["run_date"] == "2024-05-03"
    assert [(d["take"], d["value"], d["note"], d["seen_in_run"]) for d in item["history"]] == [
        ("value", "3000", "agreed with sales", "2024-05-01")
    ]
    # And the trail items never show up as review items
    _, listed, _ = run_cli(
        "ops", "reconciliation", "review", "list", "--env", ENV, "--region", "us-east-1", "--json"
    )
    assert all(not i["id"].startswith("decision#") for i in json.loads(listed))


def test_resolve_dry_run_records_nothing(dynamodb: Any, run_cli: Any) -> None:
    # Given / When a resolution is tried with --dry-run
    code, out, _ = _resolve(run_cli, CREDIT, "--take", "salesforce", "--note", "x", "--dry-run")

    # Then it shows the decision and the item is untouched
    assert code == 0 and "Would record" in out and "take salesforce = 1000" in out
    assert _item(dynamodb, "accounts#0001000000", "credit_limit")["status"] == "open"
    assert dynamodb.scan(TableName=TABLE)["Count"] == 3


@pytest.mark.parametrize(
    ("item_id", "argv", "expected"),
    [
        (
            "accounts#0000000042#credit_limit",
            ["--take", "erp"],
            f"review item accounts#0000000042#credit_limit not found in {TABLE}",
        ),
        ("nonsense", ["--take", "erp"], "not a review item id"),
        (CREDIT, ["--take", "value"], "--take value needs --value V"),
        (CREDIT, ["--take", "erp", "--value", "1"], "--value goes with --take value"),
        (DANGLING, ["--take", "value", "--value", "1"], "is a whole-record difference"),
        (CREDIT, ["--take", "erp", "--note", "  "], "--note must say why"),
    ],
)
def test_resolve_refusals_are_one_line_and_exit_2(
    dynamodb: Any, run_cli: Any, item_id: str, argv: list[str], expected: str
) -> None:
    # Given / When a resolution is asked for with one thing wrong
    note = [] if "--note" in argv else ["--note", "why"]
    code, out, err = _resolve(run_cli, item_id, *argv, *note)

    # Then one line names it and nothing is written
    assert code == 2 and out == ""
    assert (
        err.count("\n") == 1
        and expected in err
        and err.startswith("sferp ops reconciliation review resolve: error: ")
    )
    assert dynamodb.scan(TableName=TABLE)["Count"] == 3


def test_resolving_twice_is_refused_and_names_the_first_decision(dynamodb: Any, run_cli: Any) -> None:
    # Given an item already resolved
    _resolve(run_cli, CREDIT, "--take", "erp", "--note", "first")

    # When someone resolves it again
    code, _, err = _resolve(run_cli, CREDIT, "--take", "salesforce", "--note", "second")

    # Then it is refused with who resolved it, and the first decision stands
    assert code == 2
    assert f"review item {CREDIT} is already resolved by arn:aws:sts::123456789012:user/moto" in err
    assert _item(dynamodb, "accounts#0001000000", "credit_limit")["resolution_note"] == "first"


def test_an_item_resolved_meanwhile_is_not_overwritten(
    dynamodb: Any, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given another operator resolves the item between this command's read and its write
    real = dynamodb.transact_write_items

    def race(**kwargs: Any) -> Any:
        dynamodb.update_item(
            TableName=TABLE,
            Key={"pk": {"S": "accounts#0001000000"}, "sk": {"S": "credit_limit"}},
            UpdateExpression="SET #s = :r, resolved_by = :b, resolved_at = :t",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":r": {"S": "resolved"}, ":b": {"S": "alice"}, ":t": {"S": "T"}},
        )
        return real(**kwargs)

    proxy = _Proxy(dynamodb, transact_write_items=race)
    monkeypatch.setattr(
        ops_cli, "_clients", lambda args, service: proxy if service == "dynamodb" else _real_client(service)
    )

    # When this operator's resolve writes
    code, _, err = _resolve(run_cli, CREDIT, "--take", "salesforce", "--note", "mine")

    # Then it is refused, naming the other decision, and no trail item of its own is written
    assert code == 2 and "already resolved by alice at T" in err
    assert dynamodb.scan(TableName=TABLE)["Count"] == 3


def _real_client(service: str) -> Any:
    return boto3.session.Session(region_name="us-east-1").client(service)


@pytest.mark.parametrize(
    ("service", "operation", "argv", "expected"),
    [
        ("dynamodb", "scan", ["list"], f"no permission for Scan on review table {TABLE}"),
        (
            "dynamodb",
            "transact_write_items",
            ["resolve", CREDIT, "--take", "erp", "--note", "n", "--record-only"],
            f"no permission for TransactWriteItems on review table {TABLE}",
        ),
        (
            "sts",
            "get_caller_identity",
            ["resolve", CREDIT, "--take", "erp", "--note", "n", "--record-only"],
            "no permission for GetCallerIdentity on the caller identity",
        ),
    ],
)
def test_no_permission_is_one_line_and_exit_2(
    dynamodb: Any,
    run_cli: Any,
    monkeypatch: pytest.MonkeyPatch,
    service: str,
    operation: str,
    argv: list[str],
    expected: str,
) -> None:
    # Given credentials without one of the calls a command needs
    name = "".join(part.title() for part in operation.split("_"))
    clients = {"dynamodb": dynamodb, "sts": _real_client("sts")}
    clients[service] = _Proxy(clients[service], **{operation: _denied(name)})
    if operation == "scan":
        # The list pages through a paginator; deny its pages.
        clients[service] = _Proxy(
            dynamodb, get_paginator=lambda _op: _Proxy(object(), paginate=_denied("Scan"))
        )
    monkeypatch.setattr(ops_cli, "_clients", lambda _args, svc: clients[svc])

    # When the command runs
    code, out, err = run_cli("ops", "reconciliation", "review", *argv[:1], *argv[1:], "--env", ENV)

    # Then one line names the missing permission and nothing changed
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err
    assert _item(dynamodb, "accounts#0001000000", "credit_limit")["status"] == "open"


def test_table_must_be_named(run_cli: Any) -> None:
    # Given / When no --env and no --table
    code, _, err = run_cli("ops", "reconciliation", "review", "list")

    # Then the operator is told how to name it
    assert code == 2 and "name the review table: --env ENV" in err


def test_the_review_queue_is_also_sferp_ops_review(dynamodb: Any, run_cli: Any) -> None:
    # Given / When the same listing through both spellings / Then the same answer
    long = run_cli("ops", "reconciliation", "review", "list", "--env", ENV, "--region", "us-east-1", "--json")
    short = run_cli("ops", "review", "list", "--env", ENV, "--region", "us-east-1", "--json")
    assert long == short and long[0] == 0 and json.loads(long[1])
