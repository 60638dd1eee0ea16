"""The customer-master step of ``make demo``: both flows in one local stack (moto), the strict
embedded ERP and the embedded org, told as the story an integration team would check.

A new Account becomes an ERP customer and its order is handed off with that customer number; an
order for an Account the ERP does not know yet waits (policy ``wait``) and goes through once the
customer flow has created the customer; an ERP credit-limit change reaches the Account, and the
change event of that write is recognised as the integration's own echo; a gap event is re-read
from Salesforce; an overflow starts a targeted reconciliation.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from sferp.models.records import RecordUpdate
from sferp.settings import FlowMode
from sferp_tools.local.customer_sync import LOCAL_INTEGRATION_USER, LocalCustomerSync
from sferp_tools.synthetic.customer_sync import ChangeStream
from sferp_tools.synthetic.order_handoff import order_event

NORDWIND = "001000000000101AAA"
SUEDWIND = "001000000000102AAA"
GAP_ACCOUNTS = ("001000000000103AAA", "001000000000104AAA", "001000000000105AAA")
ORDER_1, ORDER_2 = "801000000000101AAA", "801000000000102AAA"


def _order_event(order_id: str, account: str) -> dict[str, Any]:
    return order_event(
        order_id,
        account,
        lines=[{"line_id": "L1", "product_code": "MAT-1", "quantity": 3, "unit_price": 12.5}],
    )


def _line(label: str, value: Any) -> None:
    print(f"  {label:<58} {value}")


def demo_step(*, out: Path, seed: int) -> None:
    import boto3
    from moto import mock_aws

    from sferp.adapters.aws.stepfunctions import StepFunctionsReconciliationTrigger
    from sferp.adapters.erp.embedded import EmbeddedErp
    from sferp.customer_sync import app as sync_app
    from sferp.order_handoff import app as handoff_app
    from sferp.settings import OrderHandoffSettings
    from sferp_tools.embedded_org import EmbeddedSalesforceOrg
    from sferp_tools.local.environment import MOTO_ENV, environment
    from sferp_tools.local.harness import load_handler, logs_to
    from sferp_tools.local.order_handoff import LocalOrderHandoffStack, LocalRuntime

    print("\n== Customer master data (Change Data Capture <-> ERP customers, both ways) ==")
    erp = EmbeddedErp()
    erp.seed_master_data(skus=["MAT-1"])  # materials only: the customers come through the flow
    org = EmbeddedSalesforceOrg()
    stream = ChangeStream()
    log = (Path(out) / "customer-sync-demo.log").open("w", encoding="utf-8")
    with environment(MOTO_ENV), mock_aws(), logs_to(log), contextlib.closing(log):
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        handoff_stack = LocalOrderHandoffStack(session=session)
        handoff_stack.create()
        # Policy "wait": an order for an Account without an ERP customer waits for the customer flow.
        variables = {**handoff_stack.handler_environment(FlowMode.LIVE), "SFERP_UNCOUPLED_ACCOUNT": "wait"}
        with environment(variables):
            handoff_app.set_dependencies(
                handoff_app.build_dependencies(
                    OrderHandoffSettings.from_env(variables), boto_session=session, erp=erp, salesforce=org
                )
            )
            handoff = LocalRuntime(
                stack=handoff_stack,
                handler=load_handler("order_handoff").lambda_handler,
                outcome_source=lambda: handoff_app.get_processor().last_outcome,
                rng=random.Random(seed),  # noqa: S311 - not cryptography
            )
            sync = LocalCustomerSync(
                session=session,
                erp=erp,
                org=org,
                mode=FlowMode.LIVE,
                integration_user_id=LOCAL_INTEGRATION_USER,
            )
            # The handoff resolves customers through the customer flow's coupling, as deployed.
            handoff_app.set_dependencies(
                dataclasses.replace(handoff_app.get_dependencies(), coupling=sync.coupling)
            )
            sfn = session.client("stepfunctions")
            machine = sfn.create_state_machine(
                name="sferp-local-reconciliation",
                definition=json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}),
                roleArn="arn:aws:iam::123456789012:role/local",
            )["stateMachineArn"]
            sync_app.get_dependencies().reconciliation = StepFunctionsReconciliationTrigger(sfn, machine)
            try:
                _story(erp, org, stream, handoff, sync, sfn, machine)
            finally:
                sync.close()
                handoff_app.set_dependencies(None)


def _drain(sync: LocalCustomerSync) -> None:
    while sync.step():
        pass


def _story(
    erp: Any, org: Any, stream: ChangeStream, handoff: Any, sync: LocalCustomerSync, sfn: Any, machine: str
) -> None:
    # 1. A new Account becomes an ERP customer, and its order goes out with that customer number.
    nordwind = {
        "Name": "Nordwind AG",
        "BillingCity": "Hamburg",
        "BillingCountryCode": "DE",
        "Phone": "+49 40 1",
    }
    org.add_account(NORDWIND, **nordwind)
    org.add_order(ORDER_1, account_id=NORDWIND)
    sync.publish([stream.event("CREATE", [NORDWIND], nordwind)])
    _drain(sync)
    customer = erp.customer_for_account(NORDWIND)
    _line("new Account Nordwind AG -> ERP customer", customer.customer_number)
    _line(
        "  the Account shows ERP_Customer_Number__c",
        org.get_record("Account", NORDWIND)["ERP_Customer_Number__c"],
    )
    handoff.publish([_order_event(ORDER_1, NORDWIND)])
    handoff.drain()
    record = erp.get_sales_order(ORDER_1)
    _line("its order -> ERP sales order, sold-to", f"{record.erp_order_id}, {record.customer_reference}")

    # 2. An order for an Account the ERP does not know yet waits, then goes through.
    suedwind = {"Name": "Suedwind GmbH", "BillingCity": "Munich", "BillingCountryCode": "DE"}
    org.add_account(SUEDWIND, **suedwind)
    org.add_order(ORDER_2, account_id=SUEDWIND)
    handoff.publish([_order_event(ORDER_2, SUEDWIND)])
    handoff.pump_pipe()
    handoff.consume_once()  # first attempt: no ERP customer yet
    status = org.get_record("Order", ORDER_2) or {}
    _line("order for uncoupled Suedwind GmbH, first attempt", status.get("ERP_Sync_Status__c"))
    _line("  ERP_Sync_Message__c", str(status.get("ERP_Sync_Message__c"))[:52] + "...")
    sync.publish([stream.event("UPDATE", [SUEDWIND], {"Phone": "+49 89 2"})])  # a rep edits the Account
    _drain(sync)
    handoff.drain()  # the retry finds the customer the flow created from the whole Account
    record = erp.get_sales_order(ORDER_2)
    _line(
        "  after the customer flow created its customer",
        f"{record.erp_order_id}, sold-to {record.customer_reference}",
    )
    _line("  the Order shows", (org.get_record("Order", ORDER_2) or {}).get("ERP_Sync_Status__c"))

    # 3. ERP -> Salesforce: finance raises the credit limit; the echo of that write is suppressed.
    erp.update_customers(
        [RecordUpdate(key=customer.customer_number, fields={"credit_limit": Decimal("50000")})]
    )
    polled = sync.poll_erp()
    _line(
        "ERP credit limit 50000 -> Account Credit_Limit__c",
        org.get_record("Account", NORDWIND)["Credit_Limit__c"],
    )
    _line(
        "  Accounts written by the poll (Salesforce API calls)",
        f"{polled['written']} ({polled['salesforce_api_calls']})",
    )
    calls = sum(erp.calls.values())
    sync.publish(
        [stream.event("UPDATE", [NORDWIND], {"Credit_Limit__c": 50000}, commit_user=LOCAL_INTEGRATION_USER)]
    )
    _drain(sync)
    _line("  its change event (by the integration user) -> ERP calls", sum(erp.calls.values()) - calls)

    # 4. A gap: Salesforce names the records but sends no data; they are re-read in one query.
    for n, account in enumerate(GAP_ACCOUNTS, start=1):
        org.add_account(account, Name=f"Gap Customer {n}", BillingCountryCode="AT")
    api_calls = org.api_calls
    sync.publish([stream.event("GAP_CREATE", list(GAP_ACCOUNTS))])
    _drain(sync)
    created = [erp.customer_for_account(a) for a in GAP_ACCOUNTS]
    _line(
        "GAP_CREATE for 3 Accounts -> re-read, ERP customers", ", ".join(c.customer_number for c in created)
    )
    _line("  Salesforce calls (1 re-read query + 1 status write)", org.api_calls - api_calls)

    # 5. An overflow: no record ids; a targeted reconciliation of the Accounts changed since.
    sync.publish([stream.event("GAP_OVERFLOW", [], commit_ms=1_764_576_000_000)])
    _drain(sync)
    [execution] = sfn.list_executions(stateMachineArn=machine)["executions"]
    _line("GAP_OVERFLOW -> targeted reconciliation started", execution["name"])
    report = sync.report(erp)
    _line("couplings (Account -> ERP customer)", len(report["couplings"]))
    _line("outcomes", ", ".join(f"{k} {v}" for k, v in report["outcomes"].items()))
