using { sferp.s4 as s4 } from '../db/schema';

// One service for the slice of the four SAP APIs. Page size comes from cds.query.limit
// (package.json, overridable through CDS_CONFIG), so tests can force server-driven paging.
// Like SAP's communication arrangements: no anonymous access; basic auth users in package.json.
@path: '/odata/v4/sales'
@requires: 'authenticated-user'
service SalesService {
  entity A_SalesOrder       as projection on s4.A_SalesOrder;
  entity A_SalesOrderItem   as projection on s4.A_SalesOrderItem;
  // One availability request must fit one page: a plant holds several rows per material
  // (storage locations, stock types), so this entity pages later than the rest.
  @cds.query.limit: { default: 5000, max: 5000 }
  entity A_MatlStkInAcctMod as projection on s4.A_MatlStkInAcctMod;
  entity A_BusinessPartner  as projection on s4.A_BusinessPartner;
  entity A_Product          as projection on s4.A_Product;
}
