/* checksum : 5a85c86182a3b9544360ea688fa75955 */
@cds.external : true
@m.IsDefaultEntityContainer : 'true'
@sap.message.scope.supported : 'true'
@sap.supported.formats : 'atom json xlsx'
service API_MATERIAL_STOCK_SRV {
  @cds.external : true
  @cds.persistence.skip : true
  @sap.creatable : 'false'
  @sap.updatable : 'false'
  @sap.deletable : 'false'
  @sap.content.version : '1'
  @sap.label : 'Material Stock'
  entity A_MatlStkInAcctMod {
    @sap.display.format : 'UpperCase'
    @sap.label : 'Stock Material'
    @sap.quickinfo : 'Material in Respect of Which Stock is Managed'
    key Material : String(40) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Plant'
    key Plant : String(4) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Storage Location'
    key StorageLocation : String(4) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Batch SID'
    @sap.quickinfo : 'Batch Number (Stock Identifier)'
    key Batch : String(10) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Supplier SID'
    @sap.quickinfo : 'Supplier for Special Stock'
    key Supplier : String(10) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Customer SID'
    @sap.quickinfo : 'Customer for Special Stock'
    key Customer : String(10) not null;
    @sap.display.format : 'NonNegative'
    @sap.label : 'WBS Internal ID'
    @sap.quickinfo : 'WBS Element'
    key WBSElementInternalID : String(8) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Sales order'
    @sap.quickinfo : 'Sales order number of valuated sales order stock'
    key SDDocument : String(10) not null;
    @sap.display.format : 'NonNegative'
    @sap.label : 'Sales order item'
    @sap.quickinfo : 'Sales Order Item of Valuated Sales Order Stock'
    key SDDocumentItem : String(6) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Special Stock Type'
    key InventorySpecialStockType : String(1) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'Stock Type'
    @sap.quickinfo : 'Stock Type of Goods Movement (Stock Identifier)'
    key InventoryStockType : String(2) not null;
    @sap.display.format : 'UpperCase'
    @sap.label : 'WBS Element'
    @sap.quickinfo : 'Work Breakdown Structure Element (WBS Element) Edited'
    WBSElementExternalID : String(24);
    @sap.label : 'Base Unit of Measure'
    @sap.semantics : 'unit-of-measure'
    MaterialBaseUnit : String(3);
    @sap.unit : 'MaterialBaseUnit'
    MatlWrhsStkQtyInMatlBaseUnit : Decimal(31, 14);
  };
};

