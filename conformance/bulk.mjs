// Issue 22's "Missing" items (bulk messages, Merge, duplicate detection on create and update, everyday messages,
// service protection): cases for conformance/run.mjs, which calls run(step, ctx) once.
import assert from "node:assert/strict";

export async function run(step, { api, run }) {
  const type = (entity, data) => ({ "@odata.type": `Microsoft.Dynamics.CRM.${entity}`, ...data });
  let ids = [];

  await step("CreateMultiple bound to the entity set returns Ids", async () => {
    const response = await api.callAction({ collection: "contacts", actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
      action: { Targets: [type("contact", { firstname: "Bulk", lastname: `One ${run}` }),
        type("contact", { firstname: "Bulk", lastname: `Two ${run}` })] } });
    ids = response.Ids;
    assert.equal(ids.length, 2);
    const c = await api.retrieve({ collection: "contacts", key: ids[0], select: ["fullname"] });
    assert.equal(c.fullname, `Bulk One ${run}`);
  });

  await step("UpdateMultiple and UpsertMultiple (alternate key in @odata.id)", async () => {
    await api.callAction({ collection: "contacts", actionName: "Microsoft.Dynamics.CRM.UpdateMultiple",
      action: { Targets: ids.map((id) => type("contact", { contactid: id, jobtitle: "Bulk buyer" })) } });
    const c = await api.retrieve({ collection: "contacts", key: ids[1], select: ["jobtitle"] });
    assert.equal(c.jobtitle, "Bulk buyer");
    await api.callAction({ collection: "accounts", actionName: "Microsoft.Dynamics.CRM.UpsertMultiple",
      disableODataIdAbsoluteUrl: true,
      action: { Targets: [type("account", { "@odata.id": `accounts(accountnumber='U-${run}')`, name: `Upserted ${run}` })] } });
    const a = await api.retrieve({ collection: "accounts", key: `accountnumber='U-${run}'`, select: ["name"] });
    assert.equal(a.name, `Upserted ${run}`);
  });

  await step("a failing record rolls back the whole CreateMultiple", async () => {
    await assert.rejects(api.callAction({ collection: "contacts", actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
      action: { Targets: [type("contact", { lastname: `Rolled back ${run}` }), type("contact", { firstname: "No last name" })] } }),
      (e) => e.status === 400 && e.code === "0x80040200");
    const left = await api.retrieveMultiple({ collection: "contacts", select: ["lastname"],
      filter: `lastname eq 'Rolled back ${run}'` });
    assert.equal(left.value.length, 0);
  });

  await step("DeleteMultiple", async () => {
    await api.callAction({ collection: "contacts", actionName: "Microsoft.Dynamics.CRM.DeleteMultiple",
      action: { Targets: ids.map((id) => type("contact", { contactid: id })) } });
    const left = await api.retrieveMultiple({ collection: "contacts", select: ["lastname"],
      filter: `contactid eq ${ids[0]} or contactid eq ${ids[1]}` });
    assert.equal(left.value.length, 0);
  });

  await step("Merge two accounts: the subordinate's contact moves, the subordinate is deactivated", async () => {
    const master = await api.create({ collection: "accounts", data: { name: `Merge master ${run}` } });
    const sub = await api.create({ collection: "accounts", data: { name: `Merge sub ${run}` } });
    const contact = await api.create({ collection: "contacts", data: { lastname: `Merged ${run}`,
      "parentcustomerid_account@odata.bind": `/accounts(${sub})` } });
    await api.callAction({ actionName: "Merge", action: {
      Target: type("account", { accountid: master }), Subordinate: type("account", { accountid: sub }),
      UpdateContent: type("account", { telephone1: "555-0199" }), PerformParentingChecks: false } });
    const c = await api.retrieve({ collection: "contacts", key: contact, select: ["_parentcustomerid_value"] });
    assert.equal(c._parentcustomerid_value, master);
    const s = await api.retrieve({ collection: "accounts", key: sub, select: ["statecode", "merged", "_masterid_value"] });
    assert.equal(s.statecode, 1);
    assert.equal(s.merged, true);
    assert.equal(s._masterid_value, master);
  });

  await step("MSCRM.SuppressDuplicateDetection: false refuses a duplicate with 0x80040333", async () => {
    const name = `Duplicate check ${run}`;
    await api.create({ collection: "accounts", data: { name }, duplicateDetection: true });
    await assert.rejects(api.create({ collection: "accounts", data: { name }, duplicateDetection: true }),
      (e) => e.status === 412 && e.code === "0x80040333");
    const found = await api.retrieveMultiple({ collection: "accounts", select: ["name"], filter: `name eq '${name}'` });
    assert.equal(found.value.length, 1);
  });

  await step("RetrieveTotalRecordCount, RetrieveCurrentOrganization, FormatAddress, RetrieveUserPrivileges", async () => {
    const counts = await api.callFunction({ functionName: "RetrieveTotalRecordCount",
      parameters: { EntityNames: ["account", "contact"] } });
    assert.deepEqual(counts.EntityRecordCountCollection.Keys, ["account", "contact"]);
    assert.ok(counts.EntityRecordCountCollection.Values[0] > 0);
    const me = await api.callFunction("WhoAmI");
    const org = await api.callFunction("RetrieveCurrentOrganization");
    assert.equal(org.Detail.OrganizationId, me.OrganizationId);
    const address = await api.callFunction({ functionName: "FormatAddress",
      parameters: { Line1: "1 Main St", City: "Lisbon", Country: "Portugal" } });
    assert.equal(address.Address, "1 Main St\r\nLisbon\r\nPortugal");
    const spanish = await api.callFunction({ functionName: "FormatAddress",
      parameters: { Line1: "Calle Mayor 1", City: "Madrid", PostalCode: "28013", Country: "España" } });
    assert.equal(spanish.Address, "Calle Mayor 1\r\n28013 Madrid\r\nEspaña");
    const privileges = await api.callFunction({ collection: "systemusers", key: me.UserId,
      functionName: "Microsoft.Dynamics.CRM.RetrieveUserPrivileges" });
    assert.ok(privileges.RolePrivileges.some((p) => p.PrivilegeName === "prvReadAccount" && p.Depth === "Global"));
  });
}
