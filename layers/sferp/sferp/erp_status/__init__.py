"""ERP -> Salesforce order status: fulfilment and invoicing of the ERP's sales orders reach their
Salesforce Orders (``ERP_Order_Status__c`` and its fields, a queryable status history), through a
scheduled change poller and the ERP's business events, one FIFO queue grouped by ERP order, and the
shared Salesforce writer. See docs/erp_status.md."""
