// The slice of SAP S/4HANA's OData APIs that sferp's ODataErpGateway uses, with SAP's entity and
// property names so the adapter's default mapping works unchanged against this server.
//   A_SalesOrder / A_SalesOrderItem     API_SALES_ORDER_SRV
//   A_MatlStkInAcctMod                  API_MATERIAL_STOCK_SRV
//   A_BusinessPartner                   API_BUSINESS_PARTNER (flattened, see docs/erp_odata.md)
//   A_Product                           API_PRODUCT_SRV (flattened)
// Properties named YY1_*_SDH / _SDI / _bus / _PRD are key-user extension fields, the way an
// installation adds the Salesforce references SAP has no standard field for.
namespace sferp.s4;

entity A_SalesOrder {
  key SalesOrder                    : String(10); // assigned by the server (srv/service.js), like SAP's number range
      SalesOrderType                : String(4);
      SalesOrganization             : String(4);
      DistributionChannel           : String(2);
      OrganizationDivision          : String(2);
      // SAP: the sold-to customer number (10). sferp sends the Salesforce Account Id by default.
      SoldToParty                   : String(18);
      // The external reference: the Salesforce Order Id (SAP allows 35 characters).
      PurchaseOrderByCustomer       : String(35);
      TransactionCurrency           : String(5);
      RequestedDeliveryDate         : Date;
      // A not yet processed, B partially processed, C completely processed.
      OverallSDProcessStatus        : String(1) default 'A';
      // Read-only in SAP: A nothing rejected, B partially, C all items rejected (= cancelled).
      OverallSDDocumentRejectionSts : String(1) default 'A';
      YY1_SourceVersion_SDH         : Integer;
      // The ETag: SAP's API_SALES_ORDER_SRV derives its ETag from LastChangeDateTime as well.
      LastChangeDateTime            : Timestamp @cds.on.insert: $now  @cds.on.update: $now  @odata.etag;
      to_Item                       : Composition of many A_SalesOrderItem
                                        on to_Item.SalesOrder = SalesOrder;
}

entity A_SalesOrderItem {
  key SalesOrder               : String(10);
  key SalesOrderItem           : String(6);
      Material                 : String(40);
      RequestedQuantity        : Decimal(15, 3);
      RequestedQuantityUnit    : String(3);
      // Set on every item of a cancelled order; SAP's way to cancel is to reject the items.
      SalesDocumentRjcnReason  : String(2);
      YY1_UnitPrice_SDI        : Decimal(18, 4);
      YY1_SalesforceLineId_SDI : String(80);
      to_SalesOrder            : Association to A_SalesOrder
                                   on to_SalesOrder.SalesOrder = SalesOrder;
}

entity A_MatlStkInAcctMod {
  key Material                     : String(40);
  key Plant                        : String(4);
  key StorageLocation              : String(4);
      // 01 unrestricted-use, 02 quality inspection, 07 blocked
  key InventoryStockType           : String(2);
      MaterialBaseUnit             : String(3);
      MatlWrhsStkQtyInMatlBaseUnit : Decimal(31, 14);
}

entity A_BusinessPartner {
  key BusinessPartner                : String(10);
      BusinessPartnerFullName        : String(81);
      StreetName                     : String(60);
      CityName                       : String(40);
      PostalCode                     : String(10);
      Country                        : String(3);
      PhoneNumber                    : String(30);
      CreditLimitAmount              : Decimal(15, 2);
      CustomerPaymentTerms           : String(4);
      YY1_SalesforceAccountId_bus    : String(18);
      IsMarkedForArchiving           : Boolean default false;
      LastChangeDateTime             : Timestamp @cds.on.insert: $now  @cds.on.update: $now  @odata.etag;
}

entity A_Product {
  key Product                   : String(40);
      ProductDescription        : String(40);
      YY1_ListPrice_PRD         : Decimal(18, 4);
      YY1_ListPriceCurrency_PRD : String(5);
      IsMarkedForDeletion       : Boolean default false;
      LastChangeDateTime        : Timestamp @cds.on.insert: $now  @cds.on.update: $now;
}
