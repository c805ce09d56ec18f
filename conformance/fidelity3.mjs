// Dataverse fidelity, round 2 continued (issue 22): counts capped at 5,000, owners that are teams, the
// privilege, solution and publisher entities, and metadata writes through EntityDefinitions. Called from run.mjs
// with its step function and context; the dynamics-web-api client's own methods where it has one, fetch otherwise.
import assert from "node:assert/strict";

export async function run(step, ctx) {
  const { api, serverUrl, token, run: tag } = ctx;
  const root = `${serverUrl.replace(/\/$/, "")}/api/data/v9.2/`;
  const headers = (extra = {}) => ({ Authorization: `Bearer ${token}`, Accept: "application/json", ...extra });
  const get = (path, extra) => fetch(root + path, { headers: headers(extra) });

  await step("fidelity3: counts stop at 5,000 and say when more records match", async () => {
    const prefix = `Cap3 ${tag} `;
    for (let from = 0; from < 5001; from += 1000) {
      const targets = [];
      for (let i = from; i < Math.min(from + 1000, 5001); i++) {
        targets.push({ "@odata.type": "Microsoft.Dynamics.CRM.account", name: `${prefix}${i}` });
      }
      await api.callAction({ collection: "accounts", actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
        action: { Targets: targets } });
    }
    const filter = `startswith(name,'${prefix}')`;
    assert.equal(await api.count({ collection: "accounts", filter }), 5000);
    const r = await get(`accounts?$select=name&$count=true&$filter=${encodeURIComponent(filter)}`, {
      Prefer: 'odata.maxpagesize=10,odata.include-annotations="Microsoft.Dynamics.CRM.totalrecordcount,' +
        'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"' });
    assert.equal(r.status, 200);
    const page = await r.json();
    assert.equal(page["@odata.count"], 5000);
    assert.equal(page["@Microsoft.Dynamics.CRM.totalrecordcount"], 5000);
    assert.equal(page["@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"], true);
    assert.equal(page.value.length, 10);
  });

  await step("fidelity3: ownerid expands to the user or the team, owningteam filters", async () => {
    const me = await api.callFunction("WhoAmI");
    const team = await api.create({ collection: "teams", data: { name: `F3 Team ${tag}`, teamtype: 0,
      "businessunitid@odata.bind": `/businessunits(${me.BusinessUnitId})` } });
    const byTeam = await api.create({ collection: "accounts", data: { name: `F3 Owned ${tag} team`,
      "ownerid@odata.bind": `/teams(${team})` } });
    await api.create({ collection: "accounts", data: { name: `F3 Owned ${tag} user` } });
    const rows = await api.retrieveMultiple({ collection: "accounts", select: ["name"],
      filter: `startswith(name,'F3 Owned ${tag}')`, orderBy: ["name desc"], expand: [{ property: "ownerid" }] });
    assert.equal(rows.value.length, 2);
    assert.equal(rows.value[0].ownerid["@odata.type"], "#Microsoft.Dynamics.CRM.systemuser");
    assert.equal(rows.value[0].ownerid.ownerid, me.UserId);
    assert.equal(rows.value[1].ownerid["@odata.type"], "#Microsoft.Dynamics.CRM.team");
    assert.equal(rows.value[1].ownerid.ownerid, team);
    const filtered = await api.retrieveMultiple({ collection: "accounts", select: ["name"],
      filter: `startswith(name,'F3 Owned ${tag}') and owningteam/teamid eq ${team}` });
    assert.deepEqual(filtered.value.map((a) => a.accountid), [byTeam]);
  });

  await step("fidelity3: solution and publisher are read-only entities with the default rows", async () => {
    const s = await api.retrieve({ collection: "solutions", key: "uniquename='Default'", select: ["friendlyname"],
      expand: [{ property: "publisherid", select: ["customizationprefix"] }] });
    assert.equal(s.friendlyname, "Default Solution");
    assert.equal(s.solutionid, "fd140aaf-4df4-11dd-bd17-0019b9312238");
    const cds = await api.retrieveMultiple({ collection: "solutions", select: ["uniquename"],
      filter: "friendlyname eq 'Common Data Services Default Solution'" });
    assert.equal(cds.value.length, 1);
    await assert.rejects(api.create({ collection: "publishers", data: { uniquename: `p${tag}`, friendlyname: "P" } }),
      (e) => e.status === 400);
  });

  await step("fidelity3: a table, a column, a choice value and a status reason are created through EntityDefinitions", async () => {
    const label = (text) => ({ "@odata.type": "Microsoft.Dynamics.CRM.Label", LocalizedLabels: [
      { "@odata.type": "Microsoft.Dynamics.CRM.LocalizedLabel", Label: text, LanguageCode: 1033 }] });
    const name = `new_conf${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
    await api.createEntity({ data: { "@odata.type": "Microsoft.Dynamics.CRM.EntityMetadata", SchemaName: name,
      DisplayName: label("Conformance"), DisplayCollectionName: label("Conformances"), OwnershipType: "UserOwned",
      HasActivities: false, HasNotes: false, IsActivity: false, Attributes: [{
        "@odata.type": "Microsoft.Dynamics.CRM.StringAttributeMetadata", AttributeType: "String",
        SchemaName: "new_Name", IsPrimaryName: true, MaxLength: 100, DisplayName: label("Name"),
        RequiredLevel: { Value: "None" } }] } });
    await api.createAttribute({ entityKey: `LogicalName='${name}'`, data: {
      "@odata.type": "Microsoft.Dynamics.CRM.PicklistAttributeMetadata", SchemaName: "new_Kind",
      DisplayName: label("Kind"), RequiredLevel: { Value: "None" }, OptionSet: {
        "@odata.type": "Microsoft.Dynamics.CRM.OptionSetMetadata", IsGlobal: false, OptionSetType: "Picklist",
        Options: [{ Value: 100000000, Label: label("One") }] } } });
    const added = await api.callAction({ actionName: "InsertOptionValue", action: { EntityLogicalName: name,
      AttributeLogicalName: "new_kind", Label: label("Two") } });
    assert.equal(added.NewOptionValue, 100000001);
    const r = await get(`EntityDefinitions(LogicalName='${name}')/Attributes(LogicalName='new_kind')/` +
      "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=OptionSet");
    assert.equal(r.status, 200);
    const options = (await r.json()).OptionSet.Options.map((o) => o.Value);
    assert.deepEqual(options, [100000000, 100000001]);
    const set = (await (await get(`EntityDefinitions(LogicalName='${name}')?$select=EntitySetName`)).json())
      .EntitySetName;
    const id = await api.create({ collection: set, data: { new_name: `Row ${tag}`, new_kind: 100000001 } });
    const row = await api.retrieve({ collection: set, key: id, select: ["new_kind"] });
    assert.equal(row.new_kind, 100000001);

    // a status reason of the Inactive state (InsertStatusValue): a record takes it with that state only
    const status = await api.callAction({ actionName: "InsertStatusValue", action: { EntityLogicalName: name,
      AttributeLogicalName: "statuscode", StateCode: 1, Label: label("Archived") } });
    assert.equal(status.NewOptionValue, 100000000);
    const statuses = await get(`EntityDefinitions(LogicalName='${name}')/Attributes(LogicalName='statuscode')/` +
      "Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet");
    assert.deepEqual((await statuses.json()).OptionSet.Options.map((o) => [o.Value, o.State]),
      [[1, 0], [2, 1], [100000000, 1]]);
    await assert.rejects(api.update({ collection: set, key: id, data: { statecode: 0, statuscode: 100000000 } }),
      (e) => e.status === 400);
    await api.update({ collection: set, key: id, data: { statecode: 1, statuscode: 100000000 } });
    const archived = await api.retrieve({ collection: set, key: id, select: ["statecode", "statuscode"] });
    assert.deepEqual([archived.statecode, archived.statuscode], [1, 100000000]);
    await assert.rejects(api.callAction({ actionName: "InsertOptionValue", action: { EntityLogicalName: name,
      AttributeLogicalName: "statuscode", Label: label("No state") } }), (e) => e.status === 400);
  });
}
