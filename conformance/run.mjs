// Rapport Web API conformance suite: drives a running Rapport with the dynamics-web-api client (v2.5.0), the
// way code written for Microsoft Dataverse does, and exits non-zero when any step fails.
// Usage: node run.mjs <server url, e.g. http://127.0.0.1:8080/> <bearer token>
import assert from "node:assert/strict";
import { DynamicsWebApi } from "dynamics-web-api";
import { run as runBulk } from "./bulk.mjs";
import { run as fidelity2 } from "./fidelity2.mjs";
import { steps } from "./steps.mjs";

const [serverUrl, token] = process.argv.slice(2);
if (!serverUrl || !token) {
  console.error("usage: node run.mjs <server url> <bearer token>");
  process.exit(2);
}
const api = new DynamicsWebApi({ serverUrl, dataApi: { version: "9.2" }, onTokenRefresh: async () => token });
const run = Math.random().toString(36).slice(2, 10);
const { step, finish } = steps();

let me;
let accountId;
let contactId;

await step("WhoAmI", async () => {
  me = await api.callFunction("WhoAmI");
  assert.match(me.UserId, /^[0-9a-f-]{36}$/);
  assert.match(me.BusinessUnitId, /^[0-9a-f-]{36}$/);
});

await step("RetrieveVersion", async () => {
  const v = await api.callFunction("RetrieveVersion");
  assert.match(v.Version, /^9\.2/);
});

await step("create with return=representation", async () => {
  const account = await api.create({ collection: "accounts", data: { name: `Conformance ${run}`, revenue: 1000,
    industrycode: 18, accountnumber: `C-${run}` }, returnRepresentation: true, select: ["name", "revenue"] });
  accountId = account.accountid;
  assert.equal(account.name, `Conformance ${run}`);
  assert.equal(account.revenue, 1000);
  assert.match(account["@odata.etag"], /^W\/"\d+"$/);
});

await step("create returns the id", async () => {
  contactId = await api.create({ collection: "contacts", data: { firstname: "Ada", lastname: `Conformance ${run}` } });
  assert.match(contactId, /^[0-9a-f-]{36}$/);
});

await step("retrieve with select and formatted values", async () => {
  const a = await api.retrieve({ collection: "accounts", key: accountId, select: ["name", "industrycode", "revenue"],
    includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
  assert.equal(a.name, `Conformance ${run}`);
  assert.equal(a.industrycode_Formatted, "Technology");
});

await step("retrieve by alternate key", async () => {
  const a = await api.retrieve({ collection: "accounts", key: `accountnumber='C-${run}'`, select: ["name"] });
  assert.equal(a.accountid, accountId);
});

await step("update and single-property update", async () => {
  await api.update({ collection: "accounts", key: accountId, data: { telephone1: "555-0100" } });
  await api.updateSingleProperty({ collection: "accounts", key: accountId, fieldValuePair: { description: "Updated" } });
  const a = await api.retrieve({ collection: "accounts", key: accountId, select: ["telephone1", "description"] });
  assert.equal(a.telephone1, "555-0100");
  assert.equal(a.description, "Updated");
});

await step("update with a stale ETag fails with 412", async () => {
  const a = await api.retrieve({ collection: "accounts", key: accountId, select: ["name"] });
  await api.update({ collection: "accounts", key: accountId, data: { fax: "1" } });
  // the client reports a 412 on a conditional update as false
  const updated = await api.update({ collection: "accounts", key: accountId, data: { fax: "2" },
    ifmatch: a["@odata.etag"] });
  assert.equal(updated, false);
  const current = await api.retrieve({ collection: "accounts", key: accountId, select: ["fax"] });
  assert.equal(current.fax, "1");
});

await step("upsert creates then updates by alternate key", async () => {
  const key = `accountnumber='U-${run}'`;
  await api.upsert({ collection: "accounts", key, data: { name: `Upsert ${run}` } });
  await api.upsert({ collection: "accounts", key, data: { name: `Upsert again ${run}` } });
  const a = await api.retrieve({ collection: "accounts", key, select: ["name"] });
  assert.equal(a.name, `Upsert again ${run}`);
});

await step("associate and disassociate", async () => {
  await api.associate({ collection: "accounts", primaryKey: accountId, relationshipName: "contact_customer_accounts",
    relatedCollection: "contacts", relatedKey: contactId });
  const c = await api.retrieve({ collection: "contacts", key: contactId, select: ["_parentcustomerid_value"],
    includeAnnotations: "*" });
  assert.equal(c._parentcustomerid_value, accountId);
  assert.equal(c._parentcustomerid_value_LogicalName, "account");
  assert.equal(c._parentcustomerid_value_NavigationProperty, "parentcustomerid_account");
  await api.disassociate({ collection: "accounts", primaryKey: accountId, relationshipName: "contact_customer_accounts",
    relatedKey: contactId });
  const after = await api.retrieve({ collection: "contacts", key: contactId, select: ["_parentcustomerid_value"] });
  assert.equal(after._parentcustomerid_value, null);
  await api.associate({ collection: "accounts", primaryKey: accountId, relationshipName: "contact_customer_accounts",
    relatedCollection: "contacts", relatedKey: contactId });
});

await step("query with filter, orderby, expand and count", async () => {
  for (const n of [1, 2, 3]) {
    await api.create({ collection: "accounts", data: { name: `Page ${run} ${n}`, numberofemployees: n * 10,
      "parentaccountid@odata.bind": `accounts(${accountId})` } });
  }
  const r = await api.retrieveMultiple({ collection: "accounts", select: ["name", "numberofemployees"],
    filter: `startswith(name,'Page ${run}') and numberofemployees ge 20`, orderBy: ["numberofemployees desc"],
    expand: [{ property: "parentaccountid", select: ["name"] }], count: true });
  assert.equal(r.oDataCount, 2);
  assert.deepEqual(r.value.map((a) => a.numberofemployees), [30, 20]);
  assert.equal(r.value[0].parentaccountid.name, `Conformance ${run}`);
  const withChildren = await api.retrieve({ collection: "accounts", key: accountId, select: ["name"],
    expand: [{ property: "account_parent_account", select: ["name"], orderBy: ["name"] },
      { property: "contact_customer_accounts", select: ["lastname"] }] });
  assert.equal(withChildren.account_parent_account.length, 3);
  assert.equal(withChildren.contact_customer_accounts[0].lastname, `Conformance ${run}`);
});

await step("paging with maxPageSize and nextLink", async () => {
  const first = await api.retrieveMultiple({ collection: "accounts", select: ["name"], maxPageSize: 2,
    filter: `startswith(name,'Page ${run}')`, orderBy: ["name"] });
  assert.equal(first.value.length, 2);
  assert.ok(first.oDataNextLink, "a nextLink");
  const second = await api.retrieveMultiple({ maxPageSize: 2 }, first.oDataNextLink);
  assert.equal(second.value.length, 1);
  const all = await api.retrieveAll({ collection: "accounts", select: ["name"], maxPageSize: 1,
    filter: `startswith(name,'Page ${run}')` });
  assert.equal(all.value.length, 3);
});

await step("Dataverse query functions and lambda operators", async () => {
  const under = await api.retrieveMultiple({ collection: "accounts", select: ["name"],
    filter: `Microsoft.Dynamics.CRM.Under(PropertyName='accountid',PropertyValue='${accountId}')` });
  assert.equal(under.value.length, 3);
  const any = await api.retrieveMultiple({ collection: "accounts", select: ["name"],
    filter: `contact_customer_accounts/any(c: c/lastname eq 'Conformance ${run}')` });
  assert.deepEqual(any.value.map((a) => a.accountid), [accountId]);
});

await step("FetchXML with link-entity and paging cookie", async () => {
  const fetchXml = `<fetch count="2"><entity name="account"><attribute name="name"/><order attribute="name"/>
    <filter><condition attribute="name" operator="like" value="Page ${run}%"/></filter>
    <link-entity name="account" from="accountid" to="parentaccountid" alias="parent" link-type="inner">
    <attribute name="name"/></link-entity></entity></fetch>`;
  const page = await api.fetch({ collection: "accounts", fetchXml });
  assert.equal(page.value.length, 2);
  assert.ok(page.PagingInfo, "paging info from the paging cookie");
  const all = await api.fetchAll({ collection: "accounts", fetchXml });
  assert.equal(all.value.length, 3);
  assert.equal(all.value[0].parent.name, `Conformance ${run}`);
});

await step("aggregate FetchXML and $apply", async () => {
  const fetchXml = `<fetch aggregate="true"><entity name="account"><attribute name="numberofemployees"
    aggregate="sum" alias="total"/><filter><condition attribute="name" operator="begins-with" value="Page ${run}"/>
    </filter></entity></fetch>`;
  const r = await api.fetch({ collection: "accounts", fetchXml });
  assert.equal(r.value[0].total, 60);
  const applied = await api.retrieveMultiple({ collection: "accounts",
    queryParams: [`$apply=filter(startswith(name,'Page ${run}'))/aggregate(numberofemployees with max as biggest)`] });
  assert.equal(applied.value[0].biggest, 30);
});

await step("batch with a change set and a Content-ID reference", async () => {
  api.startBatch();
  api.create({ collection: "accounts", data: { name: `Batch ${run}` }, contentId: "1" });
  api.create({ collection: "contacts", data: { lastname: `Batch ${run}`, "parentcustomerid_account@odata.bind": "$1" } });
  api.retrieveMultiple({ collection: "contacts", select: ["lastname"], filter: `lastname eq 'Batch ${run}'` });
  const results = await api.executeBatch();
  assert.match(results[0], /^[0-9a-f-]{36}$/);
  const contact = await api.retrieve({ collection: "contacts", key: results[1], select: ["_parentcustomerid_value"] });
  assert.equal(contact._parentcustomerid_value, results[0]);
});

await step("a failing change set rolls back as a whole", async () => {
  api.startBatch();
  api.create({ collection: "accounts", data: { name: `Rollback ${run}` } });
  api.create({ collection: "contacts", data: { firstname: "No last name" } });
  await assert.rejects(api.executeBatch());
  const left = await api.retrieveMultiple({ collection: "accounts", filter: `name eq 'Rollback ${run}'` });
  assert.equal(left.value.length, 0);
});

await step("errors carry the Dataverse code", async () => {
  await assert.rejects(api.retrieve({ collection: "accounts", key: "00000000-0000-0000-0000-000000000001" }),
    (e) => e.status === 404 && e.code === "0x80040217");
});

await step("delete", async () => {
  const id = await api.create({ collection: "accounts", data: { name: `Delete ${run}` } });
  await api.deleteRecord({ collection: "accounts", key: id });
  await assert.rejects(api.retrieve({ collection: "accounts", key: id }), (e) => e.status === 404);
});

await step("change tracking: follow delta links", async () => {
  const first = await api.retrieveMultiple({ collection: "contacts", select: ["lastname"], trackChanges: true });
  assert.ok(first.oDataDeltaLink, "a deltaLink");
  assert.match(first.oDataDeltaLink, /contacts\?\$select=lastname&\$deltatoken=/);
  const kept = await api.create({ collection: "contacts", data: { lastname: `Delta kept ${run}` } });
  const gone = await api.create({ collection: "contacts", data: { lastname: `Delta gone ${run}` } });
  await api.deleteRecord({ collection: "contacts", key: gone });
  const changes = await api.retrieveMultiple({}, first.oDataDeltaLink);
  const names = changes.value.filter((v) => v.lastname).map((v) => v.lastname);
  assert.ok(names.includes(`Delta kept ${run}`), "the new contact in " + JSON.stringify(changes.value));
  assert.ok(!names.includes(`Delta gone ${run}`), "no row for the deleted contact");
  const deleted = changes.value.filter((v) => v.reason === "deleted").map((v) => v.id);
  assert.ok(deleted.includes(gone), "the deleted contact as $deletedEntity in " + JSON.stringify(changes.value));
  // the link moves on once the changes are older than the commit lag; until then it may repeat them
  assert.match(changes.oDataDeltaLink, /contacts\?\$select=lastname&\$deltatoken=/);
  await api.update({ collection: "contacts", key: kept, data: { lastname: `Delta changed ${run}` } });
  const next = await api.retrieveMultiple({}, changes.oDataDeltaLink);
  assert.ok(next.value.some((v) => v.lastname === `Delta changed ${run}` && v.contactid === kept),
    "the update in " + JSON.stringify(next.value));
  await assert.rejects(api.retrieveMultiple({ collection: "contacts", select: ["lastname"], trackChanges: true,
    filter: "lastname eq 'x'" }), (e) => e.status === 400);
});

await step("read $metadata and EntityDefinitions", async () => {
  const csdl = await api.retrieveCsdlMetadata();
  assert.match(csdl, /<EntityType Name="account"/);
  assert.match(csdl, /<EntitySet Name="accounts"/);
  const entity = await api.retrieveEntity({ key: "LogicalName='account'", select: ["LogicalName", "EntitySetName"] });
  assert.equal(entity.EntitySetName, "accounts");
});

await runBulk(step, { api, run, serverUrl, token });
await fidelity2(step, { api, serverUrl, token, run });
await (await import("./fidelity3.mjs")).run(step, { api, serverUrl, token, run });
await (await import("./fidelity4.mjs")).run(step, { api, serverUrl, token, run });
await (await import("./fidelity4.mjs")).runMetadata(step, { api, serverUrl, token, run });
await (await import("./fidelity5.mjs")).run(step, { api, serverUrl, token, run });
await (await import("./fidelity6.mjs")).run(step, { api, serverUrl, token, run });
await (await import("./fidelity6.mjs")).runMetadata(step, { api, serverUrl, token, run });
await (await import("./shapes.mjs")).run(step, { api, serverUrl, token, run });

finish();
