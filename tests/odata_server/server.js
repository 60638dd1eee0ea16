// The SAP test peer's bootstrap (tests only). CAP mocks SAP's imported services on an in-memory
// database; this file adds what SAP's gateway and business logic do that a mock does not:
//   - the gateway's protocol rules, in an express middleware in front of the OData v2 adapter
//     (CSRF token, If-Match, no deep update, no unknown or read-only properties, SAP error bodies);
//   - the business rules of the sales order and business partner APIs, as CAP handlers
//     (number assignment, existing sold-to party in the sales area, existing material, item
//     rejection deriving the header status, change timestamps).
// It listens on loopback only.
const crypto = require('node:crypto')
const express = require('express')
const cds = require('@sap/cds')
const model = require('./srv/sap-model')

const V2_ROOT = '/sap/opu/odata/sap'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE'])
const sessions = new Map() // session id -> CSRF token

// --- SAP-shaped errors --------------------------------------------------------------------------
function sapError(res, status, code, message, details = []) {
  res.status(status).type('application/json').send(
    JSON.stringify({
      error: {
        code,
        message: { lang: 'en', value: message },
        innererror: {
          application: { component_id: 'SD-SLS-API', service_namespace: '/SAP/', service_id: 'sferp-peer' },
          transactionid: crypto.randomUUID().replace(/-/g, '').toUpperCase(),
          errordetails: [{ code, message, propertyref: '', severity: 'error', target: '' }, ...details],
        },
      },
    }),
  )
}

class SapReject extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

// --- the gateway's rules --------------------------------------------------------------------------
function parseResource(path) {
  // "/A_SalesOrder('1')/to_Item" -> { set: 'A_SalesOrder', key: "'1'", nav: 'to_Item' }
  const match = /^\/([A-Za-z0-9_]+)(?:\(([^)]*)\))?(?:\/([A-Za-z0-9_]+))?\/?$/.exec(path)
  return match ? { set: match[1], key: match[2], nav: match[3] } : null
}

function parseKey(text) {
  // "'1'" or "SalesOrder='1',SalesOrderItem='10'" -> { ... } (single keys under '')
  if (text === undefined) return {}
  const out = {}
  for (const part of text.split(',')) {
    const [name, value] = part.includes('=') ? part.split('=') : ['', part]
    out[name] = decodeURIComponent(value).replace(/^'(.*)'$/, '$1').replace(/''/g, "'")
  }
  return out
}

function checkProperties(entity, body, { create, where }) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SapReject(400, '/IWBEP/CM_MGW_RT/004', `Malformed request body for ${entity.name}`)
  }
  for (const [name, value] of Object.entries(body)) {
    if (name === '__metadata') continue
    const element = entity.elements[name]
    if (!element) {
      throw new SapReject(400, '/IWBEP/CM_MGW_RT/020', `Property '${name}' is invalid (entity ${short(entity)})`)
    }
    if (element.isAssociation) {
      if (!create) {
        throw new SapReject(
          400,
          '/IWBEP/CM_MGW_RT/021',
          `Deep update is not supported: navigation property '${name}' in an update of ${short(entity)}`,
        )
      }
      const rows = Array.isArray(value) ? value : value && Array.isArray(value.results) ? value.results : [value]
      for (const row of rows) checkProperties(element._target, row, { create: true, where: `${where}/${name}` })
      continue
    }
    const flag = create ? '@sap.creatable' : '@sap.updatable'
    if (element[flag] === 'false' || element[flag] === false) {
      throw new SapReject(
        400,
        '/IWBEP/CM_MGW_RT/022',
        `Property '${name}' of ${short(entity)} is read-only and cannot be ${create ? 'set on create' : 'changed'}`,
      )
    }
  }
}

const short = (entity) => entity.name.split('.').pop()

function gateway(req, res, next) {
  const serviceMatch = /^\/([A-Z0-9_]+)(\/.*)?$/.exec(req.path)
  if (!serviceMatch) return next()
  const [, serviceName, rest = '/'] = serviceMatch
  const method = req.method.toUpperCase()
  // CSRF: SAP binds the token to the session cookie it sets with the fetch.
  const cookies = Object.fromEntries(
    (req.headers.cookie || '').split(';').map((c) => c.trim().split('=')).filter((p) => p.length === 2),
  )
  let session = cookies.SAP_SESSIONID_PEER
  if (!WRITE_METHODS.has(method)) {
    if ((req.headers['x-csrf-token'] || '').toLowerCase() === 'fetch') {
      if (!session || !sessions.has(session)) {
        session = crypto.randomUUID()
        res.append('Set-Cookie', `SAP_SESSIONID_PEER=${session}; Path=/; HttpOnly`)
        sessions.set(session, crypto.randomBytes(18).toString('base64'))
      }
      res.set('x-csrf-token', sessions.get(session))
    }
    return next()
  }
  const token = req.headers['x-csrf-token']
  if (!token || !session || sessions.get(session) !== token) {
    res.set('x-csrf-token', 'Required')
    return res.status(403).type('text/plain').send('CSRF token validation failed')
  }
  try {
    const service = cds.model.definitions[serviceName]
    if (!service || service.kind !== 'service') throw new SapReject(404, '/IWFND/MED/170', `No service found for namespace '', name '${serviceName}'`)
    if (rest === '/$batch') throw new SapReject(400, 'SFERP/PEER', 'the peer does not implement $batch')
    const resource = parseResource(rest)
    let entity = resource && cds.model.definitions[`${serviceName}.${resource.set}`]
    if (!entity || entity.kind !== 'entity') throw new SapReject(404, '/IWBEP/CM_MGW_RT/025', `Resource not found for segment '${rest}'`)
    if (method !== 'POST' && !req.headers['if-match']) {
      throw new SapReject(428, '/IWBEP/CM_MGW_RT/053', 'Precondition required: send If-Match with the ETag (or *)')
    }
    if (resource.nav) {
      const nav = entity.elements[resource.nav]
      if (!nav || !nav.isAssociation) throw new SapReject(404, '/IWBEP/CM_MGW_RT/025', `Resource not found for segment '${resource.nav}'`)
      entity = nav._target
    }
    if (method === 'POST' || method === 'PATCH' || method === 'MERGE' || method === 'PUT') {
      const create = method === 'POST'
      if (create && resource.key !== undefined && !resource.nav) throw new SapReject(405, '/IWBEP/CM_MGW_RT/051', 'POST on an entity is not allowed')
      if (!create && resource.nav) throw new SapReject(405, '/IWBEP/CM_MGW_RT/051', 'update through a navigation is not allowed')
      checkProperties(entity, req.body, { create, where: resource.set })
      if (!create) {
        const key = parseKey(resource.key)
        const keyNames = Object.keys(entity.keys || {}).filter((k) => !entity.keys[k].isAssociation)
        for (const name of keyNames) {
          const given = key[name] ?? (keyNames.length === 1 ? key[''] : undefined)
          if (name in req.body && String(req.body[name]) !== String(given)) {
            throw new SapReject(400, '/IWBEP/CM_MGW_RT/022', `Key property '${name}' cannot be changed`)
          }
        }
      }
    }
  } catch (error) {
    if (error instanceof SapReject) return sapError(res, error.status, error.code, error.message)
    return next(error)
  }
  return next()
}

// --- business rules -------------------------------------------------------------------------------
function reject(req, code, message) {
  // CAP turns this into an OData error; the v2 adapter into { error: { code, message: { value } } }.
  return req.reject({ status: 400, code, message })
}

async function serveSalesOrders(srv) {
  const { A_SalesOrder, A_SalesOrderItem } = srv.entities
  const products = `${model.PRD}.A_Product`
  const customers = `${model.BP}.A_Customer`
  const salesAreas = `${model.BP}.A_CustomerSalesArea`
  const today = () => new Date().toISOString().slice(0, 10)

  async function checkMaterials(req, items) {
    const materials = [...new Set(items.map((i) => i.Material))]
    if (materials.some((m) => !m)) return reject(req, 'V1/320', 'Enter a material for every item')
    const rows = await SELECT.from(products).columns('Product', 'BaseUnit').where({ Product: { in: materials } })
    const known = new Map(rows.map((p) => [p.Product, p.BaseUnit]))
    const unknown = materials.find((m) => !known.has(m))
    if (unknown) return reject(req, 'V1/392', `Material ${unknown} does not exist`)
    for (const item of items) {
      if (!(Number(item.RequestedQuantity) > 0)) return reject(req, 'V1/123', `Item ${item.SalesOrderItem}: enter a quantity greater than 0`)
      // SAP proposes the material's sales unit (here its base unit) when the item names none.
      if (!item.RequestedQuantityUnit && known.get(item.Material)) item.RequestedQuantityUnit = known.get(item.Material)
    }
  }

  async function refreshHeader(salesOrder) {
    const items = await SELECT.from(A_SalesOrderItem).columns('SalesDocumentRjcnReason').where({ SalesOrder: salesOrder })
    const rejected = items.filter((i) => i.SalesDocumentRjcnReason).length
    const status = rejected === 0 ? 'A' : rejected === items.length ? 'C' : 'B'
    // Any item change is a change of the document: the header's ETag moves.
    await UPDATE(A_SalesOrder, salesOrder).with({ OverallSDDocumentRejectionSts: status, LastChangeDate: today() })
  }

  srv.before('CREATE', A_SalesOrder, async (req) => {
    const data = req.data
    for (const field of ['SalesOrderType', 'SalesOrganization', 'DistributionChannel', 'OrganizationDivision']) {
      if (!data[field]) return reject(req, 'V1/561', `Enter ${field}`)
    }
    if (!data.SoldToParty) return reject(req, 'V1/561', 'Enter the sold-to party')
    const [customer] = await SELECT.from(customers).columns('Customer').where({ Customer: data.SoldToParty })
    if (!customer) return reject(req, 'V1/304', `Sold-to party ${data.SoldToParty} does not exist`)
    const [partner] = await SELECT.from(`${model.BP}.A_BusinessPartner`).columns('BusinessPartnerIsBlocked').where({ Customer: data.SoldToParty })
    if (partner && partner.BusinessPartnerIsBlocked) return reject(req, 'V1/305', `Sold-to party ${data.SoldToParty} is blocked`)
    const [area] = await SELECT.from(salesAreas).columns('Customer').where({
      Customer: data.SoldToParty,
      SalesOrganization: data.SalesOrganization,
      DistributionChannel: data.DistributionChannel,
      Division: data.OrganizationDivision,
    })
    if (!area) {
      return reject(
        req,
        'V1/302',
        `Sold-to party ${data.SoldToParty} not defined for sales area ${data.SalesOrganization}/${data.DistributionChannel}/${data.OrganizationDivision}`,
      )
    }
    const items = data.to_Item || []
    if (!items.length) return reject(req, 'V1/555', 'The sales document is not yet complete: enter an item')
    if ((await checkMaterials(req, items)) !== undefined) return
    const [{ max } = {}] = await SELECT.from(A_SalesOrder).columns('max(cast(SalesOrder as Integer)) as max')
    const number = String((Number(max) || 0) + 1)
    data.SalesOrder = number
    Object.assign(data, { OverallSDProcessStatus: 'A', OverallTotalDeliveryStatus: 'A', OverallSDDocumentRejectionSts: 'A', CreationDate: today(), LastChangeDate: today() })
    items.forEach((item, i) => {
      item.SalesOrder = number
      item.SalesOrderItem = item.SalesOrderItem || String((i + 1) * 10)
      item.SDProcessStatus = 'A'
      item.TransactionCurrency = data.TransactionCurrency
    })
  })

  srv.before('UPDATE', A_SalesOrder, (req) => {
    req.data.LastChangeDate = today()
  })

  srv.before('CREATE', A_SalesOrderItem, async (req) => {
    const salesOrder = req.data.SalesOrder || (req.params[0] && (req.params[0].SalesOrder || req.params[0]))
    const [header] = await SELECT.from(A_SalesOrder).where({ SalesOrder: salesOrder })
    if (!header) return reject(req, 'V1/302', `Sales order ${salesOrder} does not exist`)
    if (!req.data.SalesOrderItem) return reject(req, 'V1/561', 'Enter the item number')
    req.data.SalesOrder = salesOrder
    req.data.SDProcessStatus = 'A'
    req.data.TransactionCurrency = header.TransactionCurrency
    await checkMaterials(req, [req.data])
  })

  srv.before('UPDATE', A_SalesOrderItem, async (req) => {
    if ('Material' in req.data) await checkMaterials(req, [{ ...req.data, RequestedQuantity: req.data.RequestedQuantity ?? 1 }])
    if ('RequestedQuantity' in req.data && !(Number(req.data.RequestedQuantity) > 0)) {
      return reject(req, 'V1/123', 'Enter a quantity greater than 0')
    }
  })

  srv.after(['CREATE', 'UPDATE', 'DELETE'], A_SalesOrderItem, async (_result, req) => {
    const key = req.params[req.params.length - 1] || req.data
    const salesOrder = (key && key.SalesOrder) || req.data.SalesOrder
    if (salesOrder) await refreshHeader(salesOrder)
  })
}

async function serveBusinessPartners(srv) {
  const { A_BusinessPartner, A_BusinessPartnerAddress } = srv.entities
  const stamp = () => {
    const now = new Date()
    return { LastChangeDate: now.toISOString().slice(0, 10), LastChangeTime: now.toISOString().slice(11, 19) }
  }
  const fullName = (row) => [row.OrganizationBPName1, row.OrganizationBPName2].filter(Boolean).join(' ') || null

  // A deep create of a partner with its addresses (and their phone numbers) and its customer
  // role (company codes, sales areas): SAP assigns the partner number from the grouping's number
  // range and the address numbers, gives the customer role the partner's number, and derives
  // the full name from the name lines.
  srv.before('CREATE', A_BusinessPartner, async (req) => {
    const data = req.data
    if (!data.BusinessPartnerCategory) return reject(req, 'R11/401', 'Enter the business partner category')
    if (data.BusinessPartnerCategory === '2' && !data.OrganizationBPName1) {
      return reject(req, 'R11/402', 'Enter the name of the organization')
    }
    if (!data.BusinessPartner) {
      const [{ max } = {}] = await SELECT.from(A_BusinessPartner).columns('max(cast(BusinessPartner as Integer)) as max')
      data.BusinessPartner = String(Math.max(Number(max) || 0, 1000000) + 1)
    }
    const number = data.BusinessPartner
    Object.assign(data, stamp(), { BusinessPartnerFullName: fullName(data) })
    const [{ maxAddress } = {}] = await SELECT.from(A_BusinessPartnerAddress).columns(
      'max(cast(AddressID as Integer)) as maxAddress',
    )
    let nextAddress = Math.max(Number(maxAddress) || 0, 20000) + 1
    for (const address of data.to_BusinessPartnerAddress || []) {
      address.BusinessPartner = number
      address.AddressID = address.AddressID || String(nextAddress++)
      ;(address.to_PhoneNumber || []).forEach((phone, i) => {
        Object.assign(phone, { AddressID: address.AddressID, Person: phone.Person || '', OrdinalNumber: phone.OrdinalNumber || String(i + 1) })
      })
    }
    if (data.to_Customer) {
      data.Customer = number
      data.to_Customer.Customer = number
      for (const row of [...(data.to_Customer.to_CustomerCompany || []), ...(data.to_Customer.to_CustomerSalesArea || [])]) {
        row.Customer = number
      }
    }
  })
  srv.before('UPDATE', A_BusinessPartner, (req) => Object.assign(req.data, stamp()))
  srv.after('UPDATE', A_BusinessPartner, async (_result, req) => {
    const key = req.params[req.params.length - 1]
    const number = (key && key.BusinessPartner) || key
    if (!('OrganizationBPName1' in req.data || 'OrganizationBPName2' in req.data) || !number) return
    const [row] = await SELECT.from(A_BusinessPartner).where({ BusinessPartner: number })
    if (row) await UPDATE(A_BusinessPartner, number).with({ BusinessPartnerFullName: fullName(row) })
  })
  // A change of an address, phone number or company-code data is a change of the business
  // partner for the change-date filter (the peer's reading of SAP's change documents).
  const parents = {
    A_BusinessPartnerAddress: (row) => row.BusinessPartner,
    A_CustomerCompany: (row) => row.Customer,
    A_CustomerSalesArea: (row) => row.Customer,
  }
  for (const [name, partner] of Object.entries(parents)) {
    srv.after('UPDATE', srv.entities[name], async (_result, req) => {
      const key = { ...(req.params[req.params.length - 1] || {}), ...req.data }
      const number = partner(key)
      if (number) await UPDATE(A_BusinessPartner, number).with(stamp())
    })
  }
  srv.after('UPDATE', srv.entities.A_AddressPhoneNumber, async (_result, req) => {
    const key = { ...(req.params[req.params.length - 1] || {}), ...req.data }
    const [address] = await SELECT.from(A_BusinessPartnerAddress).columns('BusinessPartner').where({ AddressID: key.AddressID })
    if (address) await UPDATE(A_BusinessPartner, address.BusinessPartner).with(stamp())
  })
}

function serveTestSupport(srv) {
  const sapEntities = () =>
    Object.keys(cds.model.definitions).filter((name) => {
      const def = cds.model.definitions[name]
      return def.kind === 'entity' && /^API_[A-Z_]+\.A_/.test(name) && !def.query && !def.projection
    })
  srv.on('reset', async () => {
    let deleted = 0
    for (const name of sapEntities()) deleted += await DELETE.from(name)
    sessions.clear()
    return deleted
  })
  srv.on('load', async (req) => {
    if (!sapEntities().includes(req.data.entity)) return req.reject(400, `unknown entity ${req.data.entity}`)
    const rows = JSON.parse(req.data.rows)
    if (!Array.isArray(rows)) return req.reject(400, 'rows must be a JSON array')
    if (rows.length) await UPSERT.into(req.data.entity).entries(rows)
    return rows.length
  })
  srv.on('variant', () => model.variant())
}

// prepend: plugins (the OData v2 adapter) register their bootstrap before this file is loaded,
// and the gateway's rules must run before the adapter sees the request.
cds.prependListener('bootstrap', (app) => {
  const listen = app.listen.bind(app)
  app.listen = (port, ...rest) => listen(port, process.env.SFERP_ODATA_HOST || '127.0.0.1', ...rest)
  // The gateway's rules run before the OData v2 adapter sees the request.
  app.use(V2_ROOT, express.json({ limit: '5mb' }), gateway)
  // Test-only: drop every session, so the next write meets an expired CSRF token.
  app.post('/peer/expire-sessions', (_req, res) => {
    sessions.clear()
    res.status(204).end()
  })
})

cds.on('serving', (srv) => {
  if (srv.name === model.SO) serveSalesOrders(srv)
  else if (srv.name === model.BP) serveBusinessPartners(srv)
  else if (srv.name === 'TestSupportService') serveTestSupport(srv)
})

module.exports = cds.server
