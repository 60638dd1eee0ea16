// What the peer adds on top of SAP's imported service definitions, kept small. Everything here is
// something the published EDMX says in a form `cds import` does not carry over, or behaviour a
// real S/4HANA has that a metadata file cannot express. Nothing here renames or widens a property.
const cds = require('@sap/cds')

const SO = 'API_SALES_ORDER_SRV'
const BP = 'API_BUSINESS_PARTNER'
const PRD = 'API_PRODUCT_SRV'

// The EDMX files have no ReferentialConstraint, so the imported associations have no keys and
// CAP cannot expand or deep-insert them. These are SAP's documented key relationships.
const ON_CONDITIONS = [
  // [entity, association, composition?, [[target element, source element], ...]]
  [`${SO}.A_SalesOrder`, 'to_Item', true, [['SalesOrder', 'SalesOrder']]],
  [`${SO}.A_SalesOrderItem`, 'to_SalesOrder', false, [['SalesOrder', 'SalesOrder']]],
  [`${BP}.A_BusinessPartner`, 'to_BusinessPartnerAddress', true, [['BusinessPartner', 'BusinessPartner']]],
  [`${BP}.A_BusinessPartner`, 'to_Customer', true, [['Customer', 'BusinessPartner']]],
  [`${BP}.A_BusinessPartnerAddress`, 'to_PhoneNumber', true, [['AddressID', 'AddressID']]],
  [`${BP}.A_Customer`, 'to_CustomerCompany', true, [['Customer', 'Customer']]],
  [`${BP}.A_Customer`, 'to_CustomerSalesArea', true, [['Customer', 'Customer']]],
  [`${PRD}.A_Product`, 'to_Description', true, [['Product', 'Product']]],
]

// Key-user extension fields, present only in the "extended" variant (SFERP_SAP_PEER_VARIANT=extended):
// what an installation adds in "Custom Fields and Logic" to carry Salesforce references.
const EXTENSIONS = {
  [`${SO}.A_SalesOrder`]: { YY1_SourceVersion_SDH: { type: 'cds.Integer' } },
  [`${SO}.A_SalesOrderItem`]: {
    YY1_SalesforceLineId_SDI: { type: 'cds.String', length: 80 },
    YY1_UnitPrice_SDI: { type: 'cds.Decimal', precision: 18, scale: 4 },
  },
}

function variant() {
  const value = process.env.SFERP_SAP_PEER_VARIANT || 'standard'
  if (!['standard', 'extended'].includes(value)) throw new Error(`unknown SFERP_SAP_PEER_VARIANT ${value}`)
  return value
}

function patch(csn) {
  const defs = csn.definitions || {}
  if (!defs[`${SO}.A_SalesOrder`] || defs[`${SO}.A_SalesOrder`]['@sferp.patched']) return
  for (const [entity, name, composition, pairs] of ON_CONDITIONS) {
    const element = defs[entity].elements[name]
    if (!element) throw new Error(`${entity} has no ${name}`)
    delete element.keys
    element.type = composition ? 'cds.Composition' : 'cds.Association'
    element.on = pairs.flatMap(([target, source], i) => [
      ...(i ? ['and'] : []),
      { ref: [name, target] },
      '=',
      { ref: [source] },
    ])
  }
  // SAP's ETag: ConcurrencyMode="Fixed" on A_SalesOrder.LastChangeDateTime (dropped by the import),
  // and the timestamps SAP maintains itself on every change.
  const header = defs[`${SO}.A_SalesOrder`].elements
  Object.assign(header.LastChangeDateTime, {
    '@odata.etag': true,
    '@cds.on.insert': { '=': '$now' },
    '@cds.on.update': { '=': '$now' },
  })
  Object.assign(defs[`${PRD}.A_Product`].elements.LastChangeDateTime, {
    '@cds.on.insert': { '=': '$now' },
    '@cds.on.update': { '=': '$now' },
  })
  // Billing documents: SAP stamps LastChangeDateTime (UTC, ConcurrencyMode="Fixed") itself.
  Object.assign(defs['API_BILLING_DOCUMENT_SRV.A_BillingDocument'].elements.LastChangeDateTime, {
    '@odata.etag': true,
    '@cds.on.insert': { '=': '$now' },
    '@cds.on.update': { '=': '$now' },
  })
  if (variant() === 'extended') {
    for (const [entity, elements] of Object.entries(EXTENSIONS)) Object.assign(defs[entity].elements, elements)
  }
  defs[`${SO}.A_SalesOrder`]['@sferp.patched'] = true
}

module.exports = { patch, variant, SO, BP, PRD }

cds.on('loaded', patch)
