"""sferp: the shared package of the Salesforce <-> ERP integration.

Layers (see docs/architecture.md): ``models`` (contracts), ``mapping`` and the flow packages
(pure logic), ``ports`` (what logic needs from the outside), ``adapters`` (the only code that
touches boto3, simple-salesforce or HTTP), ``local`` (the in-process runtime behind ``sferp local``).
"""

__version__ = "0.1.0"
