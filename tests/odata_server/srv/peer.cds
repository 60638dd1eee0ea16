// The SAP test peer: SAP's own service definitions (srv/external, imported from sap-metadata/ by
// `npm run import`), mocked by CAP on an in-memory database and served as OData v2 at SAP's
// paths. The v4 paths exist only because CAP serves v4 natively and the v2 adapter translates to
// them; sferp never calls them.
using from './external/API_SALES_ORDER_SRV';
using from './external/API_BUSINESS_PARTNER';
using from './external/API_PRODUCT_SRV';
using from './external/API_MATERIAL_STOCK_SRV';
using from './external/API_OUTBOUND_DELIVERY_SRV';
using from './external/API_BILLING_DOCUMENT_SRV';

annotate API_SALES_ORDER_SRV with @protocol: [
  { kind: 'odata', path: '/v4/API_SALES_ORDER_SRV' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_SALES_ORDER_SRV' }
];
annotate API_BUSINESS_PARTNER with @protocol: [
  { kind: 'odata', path: '/v4/API_BUSINESS_PARTNER' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_BUSINESS_PARTNER' }
];
annotate API_PRODUCT_SRV with @protocol: [
  { kind: 'odata', path: '/v4/API_PRODUCT_SRV' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_PRODUCT_SRV' }
];
annotate API_MATERIAL_STOCK_SRV with @protocol: [
  { kind: 'odata', path: '/v4/API_MATERIAL_STOCK_SRV' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV' }
];
annotate API_OUTBOUND_DELIVERY_SRV with @protocol: [
  { kind: 'odata', path: '/v4/API_OUTBOUND_DELIVERY_SRV' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV' }
];
annotate API_BILLING_DOCUMENT_SRV with @protocol: [
  { kind: 'odata', path: '/v4/API_BILLING_DOCUMENT_SRV' },
  { kind: 'odata-v2', path: '/sap/opu/odata/sap/API_BILLING_DOCUMENT_SRV' }
];

// Test-only hooks, not part of SAP's API surface: a real ERP is loaded by its own processes, and
// the tests need a fresh, empty ERP per test and fast bulk seeding.
@path: '/test-support'
@protocol: 'odata'
@requires: 'authenticated-user'
service TestSupportService {
  // Delete every row of every SAP entity.
  action reset() returns Integer;
  // Upsert rows (a JSON array of objects, matched by key) into one entity, named as
  // "<service>.<entity>" (e.g. API_BUSINESS_PARTNER.A_BusinessPartner); returns how many.
  action load(entity : String, rows : LargeString) returns Integer;
  // Whether the peer runs with the installation's YY1_* extension fields.
  function variant() returns String;
}

// One availability request must fit one page here: a plant holds several rows per material
// (storage locations, stock types, special stocks), so the stock pages later than the rest.
annotate API_MATERIAL_STOCK_SRV.A_MatlStkInAcctMod with @cds.query.limit: { default: 5000, max: 5000 };
