const cds = require('@sap/cds')

const NAMESPACE = 'sferp.s4.'

module.exports = class TestSupportService extends cds.ApplicationService {
  init() {
    const entities = () =>
      Object.keys(cds.model.definitions).filter(
        (name) => name.startsWith(NAMESPACE) && cds.model.definitions[name].kind === 'entity',
      )

    this.on('reset', async () => {
      let deleted = 0
      for (const name of entities()) deleted += await DELETE.from(name)
      return deleted
    })

    this.on('load', async (req) => {
      const name = NAMESPACE + req.data.entity
      if (!entities().includes(name)) return req.reject(400, `unknown entity ${req.data.entity}`)
      const rows = JSON.parse(req.data.rows)
      if (!Array.isArray(rows)) return req.reject(400, 'rows must be a JSON array')
      if (rows.length) await UPSERT.into(name).entries(rows)
      return rows.length
    })

    return super.init()
  }
}
