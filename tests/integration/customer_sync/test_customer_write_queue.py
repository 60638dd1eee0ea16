"""The customer flow with ``flows.customer_sync.write_queue`` on: the Accounts' sync status and the
ERP poll's changes reach Salesforce through the shared write queue and the writer function."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest
from moto import mock_aws
from sferp_tools.embedded_org import EmbeddedSalesforceOrg
from sferp_tools.local.customer_sync import LOCAL_INTEGRATION_USER, LocalCustomerSync
from sferp_tools.local.environment import MOTO_ENV, environment
from sferp_tools.local.write_queue import LocalWriteQueue
from sferp_tools.synthetic.customer_sync import ChangeStream

from sferp.adapters.erp.embedded import EmbeddedErp
from sferp.models.records import RecordUpdate
from sferp.settings import FlowMode

ACCOUNT = "001000000000201AAA"


@pytest.fixture
def world() -> Iterator[tuple[LocalCustomerSync, LocalWriteQueue, EmbeddedErp, EmbeddedSalesforceOrg]]:
    erp, org = EmbeddedErp(), EmbeddedSalesforceOrg()
    with environment(MOTO_ENV), mock_aws():
        session = boto3.session.Session(region_name=MOTO_ENV["AWS_REGION"])
        queue = LocalWriteQueue(session=session, org=org)
        sync = LocalCustomerSync(
            session=session,
            erp=erp,
            org=org,
            mode=FlowMode.LIVE,
            integration_user_id=LOCAL_INTEGRATION_USER,
            write_queue=queue,
        )
        try:
            yield sync, queue, erp, org
        finally:
            sync.close()
            queue.close()


def _drain(sync: LocalCustomerSync, queue: LocalWriteQueue) -> None:
    for _ in range(200):
        if not sync.step() and not queue.step() and sync.idle():
            return
    raise AssertionError("did not drain")


def test_account_status_and_erp_owned_fields_arrive_through_the_write_queue(world: Any) -> None:
    sync, queue, erp, org = world
    # Given a new Account, whose change event makes it an ERP customer
    fields = {
        "Name": "Westwind KG",
        "BillingCity": "Bremen",
        "BillingCountryCode": "DE",
        "Phone": "+49 421 1",
    }
    org.add_account(ACCOUNT, **fields)
    sync.publish([ChangeStream().event("CREATE", [ACCOUNT], fields)])
    sync.step()
    sync.step()
    # Then nothing reached the Account before the writer function ran: the status waits on the queue
    assert not (org.get_record("Account", ACCOUNT) or {}).get("ERP_Customer_Number__c")
    _drain(sync, queue)
    customer = erp.customer_for_account(ACCOUNT)
    assert customer is not None
    assert org.get_record("Account", ACCOUNT)["ERP_Customer_Number__c"] == customer.customer_number
    # When finance raises the credit limit in the ERP and the poll runs
    erp.update_customers(
        [RecordUpdate(key=customer.customer_number, fields={"credit_limit": Decimal("50000")})]
    )
    polled = sync.poll_erp()
    assert polled["written"] == 1  # handed to the write queue: the poll is done with it
    _drain(sync, queue)
    # Then the writer function wrote it, and the poll's watermark does not bring it again
    assert org.get_record("Account", ACCOUNT)["Credit_Limit__c"] == Decimal("50000")
    assert queue.counts["written"] >= 2
    assert sync.poll_erp()["written"] == 0
