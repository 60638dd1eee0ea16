"""The customer flow's Salesforce reads through simple-salesforce's real HTTP (``responses``): the
gap re-read is a REST query of at most 200 Ids (``/query``), the merge read goes to ``/queryAll``
(the recycle bin), and both follow Salesforce's paging."""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from sferp.adapters.salesforce.simple import SalesforceSimpleGateway
from sferp.models.salesforce_id import to_18
from sferp.secrets import parse_salesforce_credentials

INSTANCE = "https://acme.my.salesforce.com"
API = f"{INSTANCE}/services/data/v63.0"
TOKEN = {"access_token": "t", "instance_url": INSTANCE, "token_type": "Bearer", "id": "x"}


@pytest.fixture
def gateway() -> SalesforceSimpleGateway:
    credentials = parse_salesforce_credentials(
        {
            "auth": "client_credentials",
            "consumer_key": "key-123456",
            "consumer_secret": "s-123456",
            "domain": "acme.my",
        }
    )
    return SalesforceSimpleGateway(credentials, sleep=lambda _s: None, rng=random.Random(1))


def _soql(call: responses.Call) -> str:
    return parse_qs(urlparse(call.request.url).query)["q"][0]


@responses.activate
def test_gap_rereads_query_200_ids_at_a_time(gateway: SalesforceSimpleGateway) -> None:
    ids = [to_18(f"001{n:012d}") for n in range(1, 251)]
    responses.add(responses.POST, f"{INSTANCE}/services/oauth2/token", json=TOKEN)

    def answer(request: object) -> tuple[int, dict[str, str], str]:
        import json

        soql = parse_qs(urlparse(request.url).query)["q"][0]  # type: ignore[attr-defined]
        asked = [i for i in ids if f"'{i}'" in soql]
        records = [{"attributes": {"type": "Account"}, "Id": i, "Name": f"N{i[-4:]}"} for i in asked]
        return 200, {}, json.dumps({"totalSize": len(records), "done": True, "records": records})

    responses.add_callback(responses.GET, f"{API}/query/", callback=answer)
    found = gateway.get_accounts(ids)
    queries = [c for c in responses.calls if "/query/" in c.request.url]
    assert len(queries) == 2 and len(found) == 250
    assert all(_soql(c).startswith("SELECT Id, Name, BillingStreet") for c in queries)
    assert "ERP_Customer_Number__c" in _soql(queries[0]) and "attributes" not in found[ids[0]]


@responses.activate
def test_merges_are_read_from_the_recycle_bin(gateway: SalesforceSimpleGateway) -> None:
    loser, master, plain = "001000000000001AAA", "001000000000002AAA", "001000000000003AAA"
    responses.add(responses.POST, f"{INSTANCE}/services/oauth2/token", json=TOKEN)
    responses.add(
        responses.GET,
        f"{API}/queryAll/",
        json={
            "totalSize": 2,
            "done": True,
            "records": [
                {"attributes": {"type": "Account"}, "Id": loser, "MasterRecordId": master},
                {"attributes": {"type": "Account"}, "Id": plain, "MasterRecordId": None},
            ],
        },
    )
    assert gateway.merged_into([loser, plain]) == {loser: master}
    [call] = [c for c in responses.calls if "/queryAll/" in c.request.url]
    assert "MasterRecordId" in _soql(call) and "IsDeleted = true" in _soql(call)
