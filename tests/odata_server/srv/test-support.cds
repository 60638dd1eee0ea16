// Test-only hooks: a real ERP is loaded by its own processes, and the contract tests need a
// fresh, empty ERP for each test and fast bulk seeding (10,000 records for the benchmark).
// Not part of the SAP API surface the adapter uses.
@path: '/odata/v4/test-support'
@requires: 'authenticated-user'
service TestSupportService {
  // Delete every row of every sferp.s4 entity.
  action reset() returns Integer;
  // Upsert rows (a JSON array of objects, matched by key) into one sferp.s4 entity; returns how many.
  action load(entity : String, rows : LargeString) returns Integer;
}
