"""The local runtime: the real handlers against moto, the embedded ERP and the embedded org."""
