"""The customer flow end to end against moto: AccountChangeEvents put on the Salesforce bus, the
rule, the buffer, the pipe grouping by Account Id, the FIFO queue and the real handler with its
DynamoDB coupling store, version guard and Powertools idempotency, the embedded ERP (strict) and
the embedded org; GAP_OVERFLOW starting a Step Functions execution."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.customer_sync import CustomerSyncRuntime, LocalCustomerSyncStack
from sferp_tools.local.harness import handler_path, load_handler_module
from sferp_tools.synthetic.customer_sync import ChangeStream

from sferp.adapters.aws.coupling import DynamoCouplingStore
from sferp.adapters.aws.stepfunctions import StepFunctionsReconciliationTrigger
from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.customer_sync import app
from sferp.customer_sync import names as sync_names
from sferp.customer_sync.settings import CustomerSyncSettings
from sferp.ports.coupling import CouplingConflictError, CouplingHow
from sferp.ports.queues import REASON_ATTRIBUTE
from sferp.settings import FlowMode

INTEGRATION_USER = "005000000000009AAA"
A1, A2, A3 = "001000000000001AAA", "001000000000002AAA", "001000000000003AAA"
ACME = {"Name": "Acme GmbH", "BillingCity": "Berlin", "BillingCountryCode": "DE", "Phone": "+49 30 1"}


@dataclass
class Flow:
    session: Any
    stack: LocalCustomerSyncStack
    runtime: CustomerSyncRuntime
    erp: EmbeddedErp
    org: EmbeddedSalesforceOrg
    coupling: DynamoCouplingStore
    stream: ChangeStream
    state_machine_arn: str
    handler: Any

    def send(self, *events: dict[str, Any]) -> None:
        self.runtime.publish(events)
        self.runtime.drain()

    def dlq_reasons(self) -> list[str]:
        return [m["MessageAttributes"][REASON_ATTRIBUTE]["StringValue"] for m in self.runtime.dead_letters()]


@pytest.fixture
def flow() -> Iterator[Flow]:
    with mock_aws():
        session = boto3.session.Session(region_name="us-east-1")
        stack = LocalCustomerSyncStack(session=session)
        stack.create()
        sfn = session.client("stepfunctions")
        role = "arn:aws:iam::123456789012:role/sfn"
        machine = sfn.create_state_machine(
            name="sferp-local-reconciliation",
            definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
            roleArn=role,
        )["stateMachineArn"]
        erp, org = EmbeddedErp(), EmbeddedSalesforceOrg()
        settings = CustomerSyncSettings.from_env(
            stack.handler_environment(FlowMode.LIVE, integration_user_id=INTEGRATION_USER)
        )
        dependencies = app.build_dependencies(settings, boto_session=session, erp=erp, salesforce=org)
        app.set_dependencies(
            dataclasses.replace(dependencies, reconciliation=StepFunctionsReconciliationTrigger(sfn, machine))
        )
        module = load_handler_module(handler_path("customer_sync"), "sferp_test_customer_sync_handler")
        runtime = CustomerSyncRuntime(stack=stack, handler=module.lambda_handler)
        coupling = DynamoCouplingStore(
            stack.table,
            session.client("dynamodb"),
            key_prefix=sync_names.COUPLING_PREFIX,
            partition_key=sync_names.PARTITION_KEY,
        )
        try:
            yield Flow(
                session, stack, runtime, erp, org, coupling, ChangeStream(), machine, module.lambda_handler
            )
        finally:
            app.set_dependencies(None)


def test_a_new_account_reaches_the_erp_through_the_route_and_is_coupled_in_dynamodb(flow: Flow) -> None:
    flow.org.add_account(A1, **ACME)
    flow.send(flow.stream.event("CREATE", [A1], ACME))
    customer = flow.erp.customer_for_account(A1)
    assert customer is not None and customer.name == "Acme GmbH"
    coupling = flow.coupling.for_account(A1)
    assert coupling is not None and coupling.customer_number == customer.customer_number
    assert flow.coupling.for_customer(customer.customer_number) == coupling
    assert flow.org.get_record("Account", A1)["ERP_Customer_Number__c"] == customer.customer_number


def test_a_replayed_change_makes_no_second_erp_call_and_an_older_one_is_ignored(flow: Flow) -> None:
    flow.send(flow.stream.event("CREATE", [A1], ACME))
    newer = flow.stream.event("UPDATE", [A1], {"BillingCity": "Hamburg"}, commit_number=20_000_000_000_000)
    flow.send(newer)
    calls = flow.erp.calls["update_customers"]
    # An archive replay (new EventBridge id, same change) and an older change arriving late
    replay = dict(newer, id="replayed")
    older = flow.stream.event("UPDATE", [A1], {"BillingCity": "Munich"}, commit_number=19_000_000_000_000)
    flow.send(replay, older)
    assert flow.erp.calls["update_customers"] == calls
    assert flow.erp.customer_for_account(A1).city == "Hamburg"


def test_a_change_for_two_accounts_reaches_both(flow: Flow) -> None:
    flow.send(flow.stream.event("CREATE", [A1], ACME), flow.stream.event("CREATE", [A2], ACME))
    flow.send(flow.stream.event("UPDATE", [A1, A2], {"Phone": "+49 40 2"}))
    assert flow.erp.customer_for_account(A1).phone == flow.erp.customer_for_account(A2).phone == "+49 40 2"


def test_a_change_the_erp_cannot_take_lands_in_the_dlq_with_its_reason(flow: Flow) -> None:
    flow.org.add_account(A1, **ACME)
    flow.send(flow.stream.event("CREATE", [A1], ACME))
    flow.send(flow.stream.event("UPDATE", [A1], {"BillingCountryCode": "D1"}))
    [reason] = flow.dlq_reasons()
    assert "BillingCountryCode: not an ISO 3166-1 alpha-2 country code" in reason
    assert flow.org.get_record("Account", A1)["ERP_Sync_Status__c"] == "Error"


def test_an_overflow_reaches_the_handler_by_its_own_rule_and_starts_one_targeted_run(flow: Flow) -> None:
    # Salesforce's GAP_OVERFLOW names no record: the pipe (grouping by recordIds[0]) could not
    # forward it; its own rule puts it into the FIFO queue with a static group
    overflow = flow.stream.event("GAP_OVERFLOW", [], commit_ms=1_764_576_000_000)
    flow.send(overflow)
    flow.send(dict(overflow, id="redelivered"))
    sfn = flow.session.client("stepfunctions")
    [execution] = sfn.list_executions(stateMachineArn=flow.state_machine_arn)["executions"]
    document = json.loads(sfn.describe_execution(executionArn=execution["executionArn"])["input"])
    assert document["entities"] == ["accounts"]
    assert document["since"] == {"accounts": "2025-12-01T08:00:00+00:00"}
    assert document["run_id"].startswith("2025-12-01-cdc-gap-overflow-accounts-")
    assert execution["name"] == document["run_id"]


def test_the_coupling_store_refuses_a_second_partner_on_either_side(flow: Flow) -> None:
    store = flow.coupling
    store.couple(A1, "0001000001", by="test", how=CouplingHow.MANUAL)
    assert store.couple(A1, "0001000001", by="again", how=CouplingHow.MANUAL).coupled_by == "test"
    with pytest.raises(CouplingConflictError, match="coupled to ERP customer 0001000001 already"):
        store.couple(A1, "0001000002", by="test", how=CouplingHow.MANUAL)
    with pytest.raises(CouplingConflictError, match="is coupled to Account"):
        store.couple(A2, "0001000001", by="test", how=CouplingHow.MANUAL)
    moved = store.move(A1, A3, by="merge")
    assert moved.how is CouplingHow.MERGED and store.for_account(A1) is None
    assert store.for_customer("0001000001").account_id == A3
    store.couple(A2, "0001000002", by="test", how=CouplingHow.MANUAL)
    with pytest.raises(CouplingConflictError, match="the target has a coupling"):
        store.move(A3, A2, by="merge")
    assert {c.account_id for c in store.all()} == {A2, A3}


def test_the_scheduled_poll_writes_erp_owned_fields_through_the_same_handler(flow: Flow) -> None:
    from decimal import Decimal

    from sferp_tools.local.lambda_context import LocalLambdaContext

    from sferp.models.records import RecordUpdate

    flow.org.add_account(A1, **ACME)
    flow.send(flow.stream.event("CREATE", [A1], ACME))
    number = flow.erp.customer_for_account(A1).customer_number
    flow.erp.update_customers([RecordUpdate(key=number, fields={"credit_limit": Decimal("2500")})])
    context = LocalLambdaContext(function_name="sferp-local-customer-sync")
    answer = flow.handler({"task": sync_names.ERP_POLL_TASK}, context)
    assert answer["written"] == 1
    assert flow.org.get_record("Account", A1)["Credit_Limit__c"] == Decimal("2500")
    # The watermark is in DynamoDB: the next poll (a new cold start would read it too) writes nothing
    assert flow.handler({"task": sync_names.ERP_POLL_TASK}, context)["written"] == 0
    with pytest.raises(ValueError, match="does not know"):
        flow.handler({"detail-type": "Scheduled Event"}, context)


def test_an_erp_business_event_on_the_erp_bus_reaches_the_account(flow: Flow) -> None:

    from sferp_tools.synthetic.customer_sync import business_partner_event

    from sferp.models.records import RecordUpdate

    flow.org.add_account(A1, **ACME)
    flow.send(flow.stream.event("CREATE", [A1], ACME))
    number = flow.erp.customer_for_account(A1).customer_number
    flow.erp.update_customers([RecordUpdate(key=number, fields={"payment_terms": "NT45"})])
    flow.send(business_partner_event(number))
    assert flow.org.get_record("Account", A1)["Payment_Terms__c"] == "NT45"
