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
}
