// Test-only bootstrap: the peer listens on loopback only, never on every interface.
const cds = require('@sap/cds')

cds.on('bootstrap', (app) => {
  const listen = app.listen.bind(app)
  app.listen = (port, ...rest) => listen(port, process.env.SFERP_ODATA_HOST || '127.0.0.1', ...rest)
})

module.exports = cds.server
