"""Ports: what the logic needs from the systems it connects, shaped by their real APIs.

``erp``: the ERP split by role (sales orders, availability, customers, products, changes);
``salesforce``: Salesforce; ``state``: idempotency and version guard; ``queues``: dead letters and
retry back-off. Adapters live in ``sferp.adapters``; flows never import an adapter directly but
get one from ``sferp.adapters.registry`` (or a test passes a fake).
"""

from sferp.ports.erp import (
    AvailabilityPort,
    CustomerPort,
    ErpGateway,
    ProductPort,
    SalesOrderChangesPort,
    SalesOrderPort,
)
from sferp.ports.salesforce import SalesforceGateway

__all__ = [
    "AvailabilityPort",
    "CustomerPort",
    "ErpGateway",
    "ProductPort",
    "SalesOrderChangesPort",
    "SalesOrderPort",
    "SalesforceGateway",
]
