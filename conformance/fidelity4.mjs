// Dataverse fidelity, round 2, part 4 (issue 22): the privilege entity with roleprivileges_association and the role
// privilege messages taking its ids, RetrievePrivilegeSet, and _owninguser_value / _owningteam_value compared with
// null; runMetadata: alternate keys through EntityDefinitions/Keys, MSCRM.MergeLabels and DELETE of definitions.
// Called from run.mjs with its step function and context; the client's own methods where it has one, fetch otherwise.
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

// Metadata deletes, alternate keys and MSCRM.MergeLabels (issue 22): run after run() by run.mjs.
export async function runMetadata(step, ctx) {
  const { api, serverUrl, token, run: tag } = ctx;
  const root = `${serverUrl.replace(/\/$/, "")}/api/data/v9.2/`;
  const send = (method, path, body, extra = {}) => fetch(root + path, { method, headers: {
    Authorization: `Bearer ${token}`, Accept: "application/json", "Content-Type": "application/json", ...extra },
  body: body === undefined ? undefined : JSON.stringify(body) });
  const label = (text, code = 1033) => ({ "@odata.type": "Microsoft.Dynamics.CRM.Label", LocalizedLabels: [
    { "@odata.type": "Microsoft.Dynamics.CRM.LocalizedLabel", Label: text, LanguageCode: code }] });
  const name = `new_del${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
  const definition = `EntityDefinitions(LogicalName='${name}')`;
  let set;

  await step("fidelity4: an alternate key through EntityDefinitions/Keys addresses records and is deleted", async () => {
    await api.createEntity({ data: { "@odata.type": "Microsoft.Dynamics.CRM.EntityMetadata", SchemaName: name,
      DisplayName: label("Deletable"), DisplayCollectionName: label("Deletables"), OwnershipType: "UserOwned",
      HasActivities: false, HasNotes: false, IsActivity: false, Attributes: [{
        "@odata.type": "Microsoft.Dynamics.CRM.StringAttributeMetadata", AttributeType: "String",
        SchemaName: "new_Name", IsPrimaryName: true, MaxLength: 100, DisplayName: label("Name"),
        RequiredLevel: { Value: "None" } }] } });
    await api.createAttribute({ entityKey: `LogicalName='${name}'`, data: {
      "@odata.type": "Microsoft.Dynamics.CRM.StringAttributeMetadata", SchemaName: "new_Code", MaxLength: 20,
      DisplayName: label("Code"), RequiredLevel: { Value: "None" } } });
    const key = await send("POST", `${definition}/Keys`, { "@odata.type": "Microsoft.Dynamics.CRM.EntityKeyMetadata",
      SchemaName: "new_codekey", DisplayName: label("Code"), KeyAttributes: ["new_code"] });
    assert.equal(key.status, 204, await key.clone().text());
    const keys = await (await send("GET", `${definition}/Keys`)).json();
    assert.deepEqual(keys.value.map((k) => k.LogicalName), ["new_codekey"]);
    set = (await api.retrieveEntity({ key: `LogicalName='${name}'`, select: ["EntitySetName"] })).EntitySetName;
    await api.create({ collection: set, data: { new_name: "First", new_code: "A1" } });
    await assert.rejects(api.create({ collection: set, data: { new_name: "Again", new_code: "A1" } }),
      (e) => e.status === 412);
    await api.upsert({ collection: set, key: "new_code='B2'", data: { new_name: "Upserted" } });
    const byKey = await api.retrieve({ collection: set, key: "new_code='B2'", select: ["new_name"] });
    assert.equal(byKey.new_name, "Upserted");
    const gone = await send("DELETE", `${definition}/Keys(LogicalName='new_codekey')`);
    assert.equal(gone.status, 204, await gone.clone().text());
    await api.create({ collection: set, data: { new_name: "Allowed now", new_code: "A1" } });
  });

  await step("fidelity4: MSCRM.MergeLabels false replaces a label, true merges it", async () => {
    const put = async (merge, text, code) => {
      const r = await send("PUT", definition, { DisplayName: label(text, code) }, { "MSCRM.MergeLabels": merge });
      assert.equal(r.status, 204, await r.clone().text());
    };
    const labels = async () => (await api.retrieveEntity({ key: `LogicalName='${name}'`, select: ["DisplayName"] }))
      .DisplayName.LocalizedLabels.map((l) => `${l.LanguageCode}:${l.Label}`).sort();
    await put("true", "Borrable", 3082);
    assert.deepEqual(await labels(), ["1033:Deletable", "3082:Borrable"]);
    await put("false", "Apagável", 1046);
    assert.deepEqual(await labels(), ["1046:Apagável"]);
  });

  await step("fidelity4: DELETE of custom definitions; system ones refused with 400", async () => {
    const system = await send("DELETE", "EntityDefinitions(LogicalName='account')");
    assert.equal(system.status, 400);
    assert.equal((await system.json()).error.code, "0x80047020");
    assert.equal((await send("DELETE", "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')"))
      .status, 400);
    assert.equal((await send("DELETE", "RelationshipDefinitions(SchemaName='contact_customer_accounts')")).status, 400);
    const choice = `new_choice${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
    await api.createGlobalOptionSet({ data: { "@odata.type": "Microsoft.Dynamics.CRM.OptionSetMetadata", Name: choice,
      DisplayName: label("Choice"), IsGlobal: true, OptionSetType: "Picklist",
      Options: [{ Value: null, Label: label("One") }] } });
    assert.equal((await send("DELETE", `GlobalOptionSetDefinitions(Name='${choice}')`)).status, 204);
    assert.equal((await send("GET", `GlobalOptionSetDefinitions(Name='${choice}')`)).status, 404);
    const m2m = `new_m2m${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
    await api.createRelationship({ data: { "@odata.type": "Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata",
      SchemaName: m2m, Entity1LogicalName: name, Entity2LogicalName: "account" } });
    assert.equal((await send("DELETE", definition)).status, 400); // the relationship depends on it
    assert.equal((await send("DELETE", `RelationshipDefinitions(SchemaName='${m2m}')`)).status, 204);
    assert.equal((await send("DELETE", `${definition}/Attributes(LogicalName='new_code')`)).status, 204);
    assert.equal((await send("DELETE", definition)).status, 204);
    assert.equal((await send("GET", definition)).status, 404);
    await assert.rejects(api.retrieveMultiple({ collection: set }), (e) => e.status === 404);
  });
}
