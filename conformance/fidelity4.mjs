// Dataverse fidelity, round 2, part 4 (issue 22): the privilege entity with roleprivileges_association and the role
// privilege messages taking its ids, RetrievePrivilegeSet, and _owninguser_value / _owningteam_value compared with
// null. Called from run.mjs with its step function and context; the dynamics-web-api client's own methods.
import assert from "node:assert/strict";

export async function run(step, ctx) {
  const { api, run: tag } = ctx;

  await step("fidelity4: privileges are read-only records with their access rights", async () => {
    const r = await api.retrieveMultiple({ collection: "privileges", filter: "name eq 'prvReadAccount'",
      select: ["name", "accessright", "canbebasic", "canbelocal", "canbedeep", "canbeglobal"] });
    assert.equal(r.value.length, 1);
    assert.equal(r.value[0].accessright, 1);
    assert.equal(r.value[0].canbebasic, true);
    assert.equal(r.value[0].canbeglobal, true);
    const byKey = await api.retrieve({ collection: "privileges", key: "name='prvCreateEntity'", select: ["accessright"] });
    assert.equal(byKey.accessright, 0);
    await assert.rejects(api.create({ collection: "privileges", data: { name: `prv${tag}` } }), (e) => e.status === 400);
    const set = await api.callFunction({ collection: "privileges", functionName: "Microsoft.Dynamics.CRM.RetrievePrivilegeSet" });
    assert.ok(set.value.some((p) => p.privilegeid === r.value[0].privilegeid && p.name === "prvReadAccount"));
  });

  await step("fidelity4: roleprivileges_association follows AddPrivilegesRole, RemovePrivilegeRole, ReplacePrivilegesRole", async () => {
    const me = await api.callFunction("WhoAmI");
    const role = await api.create({ collection: "roles", data: { name: `F4 Role ${tag}`,
      "businessunitid@odata.bind": `/businessunits(${me.BusinessUnitId})` } });
    const id = async (name) => (await api.retrieve({ collection: "privileges", key: `name='${name}'`,
      select: ["name"] })).privilegeid;
    const [readAccount, writeContact, readLead] = [await id("prvReadAccount"), await id("prvWriteContact"),
      await id("prvReadLead")];
    const names = async () => (await api.retrieveMultiple({ collection: `roles(${role})/roleprivileges_association`,
      select: ["name"], orderBy: ["name"] })).value.map((p) => p.name);
    await api.callAction({ collection: "roles", key: role, actionName: "Microsoft.Dynamics.CRM.AddPrivilegesRole",
      action: { Privileges: [{ PrivilegeId: readAccount, Depth: "Global" }, { PrivilegeId: writeContact, Depth: "Basic" }] } });
    assert.deepEqual(await names(), ["prvReadAccount", "prvWriteContact"]);
    const held = await api.callFunction({ collection: "roles", key: role,
      functionName: "Microsoft.Dynamics.CRM.RetrieveRolePrivilegesRole" });
    assert.deepEqual(held.RolePrivileges.map((p) => p.PrivilegeId).sort(), [readAccount, writeContact].sort());
    await api.callAction({ collection: "roles", key: role, actionName: "Microsoft.Dynamics.CRM.RemovePrivilegeRole",
      action: { PrivilegeId: writeContact } });
    assert.deepEqual(await names(), ["prvReadAccount"]);
    await api.callAction({ collection: "roles", key: role, actionName: "Microsoft.Dynamics.CRM.ReplacePrivilegesRole",
      action: { Privileges: [{ PrivilegeId: readLead, Depth: "Local" }] } });
    assert.deepEqual(await names(), ["prvReadLead"]);
    const expanded = await api.retrieve({ collection: "roles", key: role, select: ["name"],
      expand: [{ property: "roleprivileges_association", select: ["name"] }] });
    assert.deepEqual(expanded.roleprivileges_association.map((p) => p.privilegeid), [readLead]);
    await assert.rejects(api.associate({ collection: "roles", primaryKey: role,
      relationshipName: "roleprivileges_association", relatedCollection: "privileges", relatedKey: writeContact }),
    (e) => e.status === 400);
  });

  await step("fidelity4: _owninguser_value eq null for team-owned records, _owningteam_value eq null for user-owned", async () => {
    const me = await api.callFunction("WhoAmI");
    const team = await api.create({ collection: "teams", data: { name: `F4 Team ${tag}`, teamtype: 0,
      "businessunitid@odata.bind": `/businessunits(${me.BusinessUnitId})` } });
    const byTeam = await api.create({ collection: "accounts", data: { name: `F4 Owned ${tag} team`,
      "ownerid@odata.bind": `/teams(${team})` } });
    const byUser = await api.create({ collection: "accounts", data: { name: `F4 Owned ${tag} user` } });
    const ids = async (filter) => (await api.retrieveMultiple({ collection: "accounts", select: ["name"],
      filter: `startswith(name,'F4 Owned ${tag}') and ${filter}` })).value.map((a) => a.accountid);
    assert.deepEqual(await ids("_owninguser_value eq null"), [byTeam]);
    assert.deepEqual(await ids("_owningteam_value eq null"), [byUser]);
    assert.deepEqual(await ids("_owninguser_value ne null"), [byUser]);
  });
}
