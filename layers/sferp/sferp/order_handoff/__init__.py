"""Order handoff: Salesforce Order_Handoff__e -> ERP sales order, with the write-back."""
