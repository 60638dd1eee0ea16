// Behaviour SAP's sales order API has and a plain CDS projection lacks:
// server-assigned document numbers, the header rejection status derived from the items,
// and business validation (an unknown material rejects the whole document with a message).
const cds = require('@sap/cds')

module.exports = class SalesService extends cds.ApplicationService {
  init() {
    const { A_SalesOrder, A_Product } = this.entities
    let lastNumber // lazily read from the table so seeded orders keep their numbers

    this.before('CREATE', A_SalesOrder, async (req) => {
      if (lastNumber === undefined) {
        const rows = await SELECT.from(A_SalesOrder).columns('SalesOrder')
        lastNumber = rows.reduce((max, r) => Math.max(max, Number(r.SalesOrder) || 0), 0)
      }
      const number = String(++lastNumber)
      req.data.SalesOrder = number
      for (const item of req.data.to_Item ?? []) item.SalesOrder = number
    })

    this.before(['CREATE', 'UPDATE'], A_SalesOrder, async (req) => {
      const items = req.data.to_Item
      if (!Array.isArray(items)) return
      const materials = [...new Set(items.map((i) => i.Material).filter(Boolean))]
      if (materials.length) {
        const known = await SELECT.from(A_Product).columns('Product').where({ Product: { in: materials } })
        const knownSet = new Set(known.map((p) => p.Product))
        const unknown = materials.filter((m) => !knownSet.has(m))
        if (unknown.length) return req.reject(400, `Material ${unknown[0]} does not exist`)
      }
      const rejected = items.filter((i) => i.SalesDocumentRjcnReason).length
      req.data.OverallSDDocumentRejectionSts =
        rejected === 0 ? 'A' : rejected === items.length ? 'C' : 'B'
    })

    return super.init()
  }
}
