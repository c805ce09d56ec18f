// Dataverse fidelity, round 2, part 6 (issue 22): Merge of leads and cases (notes, activities, connections and child
// cases move; the subordinate is deactivated with masterid), PerformParentingChecks, the standard columns and views
// of the built-in entities with their option labels in three languages, and the metadata writes not covered by
// fidelity3/4 (one-to-many relationships and UpdateRelationship, the option value actions, PublishXml /
// PublishAllXml). Called from run.mjs with its step function and context; the client's own methods where it has
// one, fetch otherwise.
import assert from "node:assert/strict";

const type = (entity, data) => ({ "@odata.type": `Microsoft.Dynamics.CRM.${entity}`, ...data });
const merge = (api, entity, master, sub, content, checks) => api.callAction({ actionName: "Merge", action: {
  Target: type(entity, { [`${entity}id`]: master }), Subordinate: type(entity, { [`${entity}id`]: sub }),
  UpdateContent: type(entity, content), PerformParentingChecks: checks } });

export async function run(step, ctx) {
  const { api, run: tag } = ctx;

  await step("fidelity6: Merge two leads: notes, activities and connections move, the subordinate is disqualified", async () => {
    const master = await api.create({ collection: "leads", data: { subject: `F6 Master ${tag}`, lastname: "Master",
      companyname: `F6 Old ${tag}` } });
    const sub = await api.create({ collection: "leads", data: { subject: `F6 Sub ${tag}`, lastname: "Sub" } });
    const contact = await api.create({ collection: "contacts", data: { lastname: `F6 Connected ${tag}` } });
    const note = await api.create({ collection: "annotations", data: { subject: `F6 Note ${tag}`,
      "objectid_lead@odata.bind": `/leads(${sub})` } });
    const task = await api.create({ collection: "tasks", data: { subject: `F6 Task ${tag}`,
      "regardingobjectid_lead_task@odata.bind": `/leads(${sub})` } });
    const connection = await api.create({ collection: "connections", data: {
      "record1id_lead@odata.bind": `/leads(${sub})`, "record2id_contact@odata.bind": `/contacts(${contact})` } });
    await merge(api, "lead", master, sub, { companyname: `F6 Merged ${tag}` }, false);
    assert.equal((await api.retrieve({ collection: "annotations", key: note, select: ["_objectid_value"] }))
      ._objectid_value, master);
    assert.equal((await api.retrieve({ collection: "tasks", key: task, select: ["_regardingobjectid_value"] }))
      ._regardingobjectid_value, master);
    assert.equal((await api.retrieve({ collection: "connections", key: connection, select: ["_record1id_value"] }))
      ._record1id_value, master);
    const s = await api.retrieve({ collection: "leads", key: sub, select: ["statecode", "statuscode", "merged",
      "_masterid_value"] });
    assert.deepEqual([s.statecode, s.statuscode, s.merged, s._masterid_value], [2, 7, true, master]);
    const m = await api.retrieve({ collection: "leads", key: master, select: ["companyname", "statecode"] });
    assert.deepEqual([m.companyname, m.statecode], [`F6 Merged ${tag}`, 0]);
  });

  await step("fidelity6: Merge two cases: child cases and notes move, the subordinate is canceled as Merged", async () => {
    const account = await api.create({ collection: "accounts", data: { name: `F6 Customer ${tag}` } });
    const incident = (title, extra = {}) => api.create({ collection: "incidents", data: { title,
      "customerid_account@odata.bind": `/accounts(${account})`, ...extra } });
    const master = await incident(`F6 Master case ${tag}`);
    const sub = await incident(`F6 Sub case ${tag}`);
    const child = await incident(`F6 Child case ${tag}`, { "parentcaseid@odata.bind": `/incidents(${sub})` });
    const note = await api.create({ collection: "annotations", data: { subject: `F6 Case note ${tag}`,
      "objectid_incident@odata.bind": `/incidents(${sub})` } });
    await merge(api, "incident", master, sub, {}, false);
    assert.equal((await api.retrieve({ collection: "incidents", key: child, select: ["_parentcaseid_value"] }))
      ._parentcaseid_value, master);
    assert.equal((await api.retrieve({ collection: "annotations", key: note, select: ["_objectid_value"] }))
      ._objectid_value, master);
    const s = await api.retrieve({ collection: "incidents", key: sub, select: ["statecode", "statuscode", "merged",
      "_masterid_value"], includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
    assert.deepEqual([s.statecode, s.statuscode, s.merged, s._masterid_value], [2, 2000, true, master]);
    assert.equal(s["statuscode@OData.Community.Display.V1.FormattedValue"], "Merged");
  });

  await step("fidelity6: Merge with PerformParentingChecks refuses records with other parents, changing nothing", async () => {
    const [one, two] = [await api.create({ collection: "accounts", data: { name: `F6 Parent one ${tag}` } }),
      await api.create({ collection: "accounts", data: { name: `F6 Parent two ${tag}` } })];
    const contact = (last, parent) => api.create({ collection: "contacts", data: { lastname: `${last} ${tag}`,
      "parentcustomerid_account@odata.bind": `/accounts(${parent})` } });
    const master = await contact("F6 Checked master", one);
    const other = await contact("F6 Checked other", two);
    await assert.rejects(merge(api, "contact", master, other, { jobtitle: "Never" }, true),
      (e) => e.status === 400 && e.code === "0x80040265" && /parentcustomerid/.test(e.message));
    const o = await api.retrieve({ collection: "contacts", key: other, select: ["statecode", "merged"] });
    assert.deepEqual([o.statecode, o.merged], [0, false]);
    const m = await api.retrieve({ collection: "contacts", key: master, select: ["jobtitle"] });
    assert.equal(m.jobtitle, null);
    // the same parent passes the check
    const sibling = await contact("F6 Checked sibling", one);
    await merge(api, "contact", master, sibling, { jobtitle: "Merged" }, true);
    const s = await api.retrieve({ collection: "contacts", key: sibling, select: ["statecode", "_masterid_value"] });
    assert.deepEqual([s.statecode, s._masterid_value], [1, master]);
  });

  await step("fidelity6: standard columns: systemuser.accessmode, shipping method and address type labels", async () => {
    const me = await api.callFunction("WhoAmI");
    const user = await api.retrieve({ collection: "systemusers", key: me.UserId, select: ["accessmode"],
      includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
    assert.equal(user.accessmode, 0);
    assert.equal(user["accessmode@OData.Community.Display.V1.FormattedValue"], "Read-Write");
    const id = await api.create({ collection: "contacts", data: { lastname: `F6 Columns ${tag}`,
      address1_shippingmethodcode: 2, address1_telephone1: "555-0161" } });
    const c = await api.retrieve({ collection: "contacts", key: id, select: ["address1_shippingmethodcode",
      "address1_telephone1"], includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
    assert.equal(c["address1_shippingmethodcode@OData.Community.Display.V1.FormattedValue"], "DHL");
    assert.equal(c.address1_telephone1, "555-0161");
    const labels = async (entity, attribute) => {
      const a = await api.retrieveAttribute({ entityKey: `LogicalName='${entity}'`,
        attributeKey: `LogicalName='${attribute}'`, castType: "Microsoft.Dynamics.CRM.PicklistAttributeMetadata",
        expand: [{ property: "OptionSet" }] });
      return Object.fromEntries(a.OptionSet.Options.map((o) => [o.Value, Object.fromEntries(
        o.Label.LocalizedLabels.map((l) => [l.LanguageCode, l.Label]))]));
    };
    const access = await labels("systemuser", "accessmode");
    assert.deepEqual(access[0], { 1033: "Read-Write", 3082: "Lectura y escritura", 1046: "Leitura/Gravação" });
    assert.deepEqual(Object.keys(access).map(Number), [0, 1, 2, 3, 4, 5]);
    const category = await labels("account", "accountcategorycode");
    assert.deepEqual(category[1], { 1033: "Preferred Customer", 3082: "Cliente preferido", 1046: "Cliente Preferencial" });
    const addressType = await labels("contact", "address1_addresstypecode");
    assert.deepEqual(addressType[1], { 1033: "Bill To", 3082: "Facturar a", 1046: "Cobrança" });
  });

  await step("fidelity6: standard views: Active Accounts with FetchXML, layout XML and column set; userquery.fetchxml", async () => {
    const views = await api.retrieveMultiple({ collection: "savedqueries", select: ["name", "fetchxml", "layoutxml",
      "columnsetxml", "querytype", "isdefault"], filter: "returnedtypecode eq 'account' and querytype eq 0",
      orderBy: ["name"] });
    const names = views.value.map((v) => v.name);
    for (const name of ["Active Accounts", "Inactive Accounts", "My Active Accounts"]) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    const active = views.value.find((v) => v.name === "Active Accounts");
    assert.equal(active.isdefault, true);
    assert.match(active.fetchxml, /^<fetch [^>]*mapping="logical"><entity name="account">.*<condition attribute="statecode" operator="eq" value="0"\/>/);
    assert.match(active.layoutxml, /^<grid name="resultset" object="1" jump="name"[^>]*><row name="result" id="accountid"><cell name="name" width="300"\/>/);
    assert.match(active.columnsetxml, /^<columnset version="1.0"><column>name<\/column>/);
    const fetchxml = `<fetch><entity name="contact"><attribute name="fullname"/></entity></fetch>`;
    const layoutxml = `<grid name="resultset" object="2" jump="fullname" select="1" icon="1" preview="1">` +
      `<row name="result" id="contactid"><cell name="fullname" width="300"/></row></grid>`;
    const mine = await api.create({ collection: "userqueries", data: { name: `F6 Mine ${tag}`,
      returnedtypecode: "contact", querytype: 0, fetchxml, layoutxml,
      columnsetxml: "<columnset version=\"1.0\"><column>fullname</column></columnset>" }, returnRepresentation: true,
    select: ["fetchxml", "layoutxml", "columnsetxml"] });
    assert.equal(mine.fetchxml, fetchxml);
    assert.equal(mine.layoutxml, layoutxml);
    assert.equal(mine.columnsetxml, "<columnset version=\"1.0\"><column>fullname</column></columnset>");
  });

  await step("fidelity6: BulkDelete every 7 days: the run deletes, the next run waits, canceling its system job ends it", async () => {
    const account = await api.create({ collection: "accounts", data: { name: `F6 Recurring zap ${tag}` } });
    const { JobId } = await api.callAction({ actionName: "BulkDelete", action: {
      QuerySet: [{ "@odata.type": "Microsoft.Dynamics.CRM.QueryExpression", EntityName: "account",
        ColumnSet: { AllColumns: false, Columns: [] }, Criteria: { FilterOperator: "And", Conditions: [{
          AttributeName: "name", Operator: "Equal", Values: [{ Value: `F6 Recurring zap ${tag}`,
            Type: "System.String" }] }], Filters: [] } }],
      JobName: `F6 Weekly ${tag}`, SendEmailNotification: false, ToRecipients: [], CCRecipients: [],
      RecurrencePattern: "FREQ=DAILY;INTERVAL=7;", StartDateTime: new Date().toISOString() } });
    let job;
    for (let i = 0; i < 300; i++) {
      job = await api.retrieve({ collection: "asyncoperations", key: JobId, select: ["statecode", "statuscode",
        "recurrencepattern"] });
      if (job.statecode === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual([job.statecode, job.statuscode, job.recurrencepattern], [3, 30, "FREQ=DAILY;INTERVAL=7;"]);
    await assert.rejects(api.retrieve({ collection: "accounts", key: account, select: ["name"] }), (e) =>
      e.status === 404);
    const runs = (await api.retrieveMultiple({ collection: "bulkdeleteoperations", select: ["statecode",
      "statuscode", "nextrun", "_asyncoperationid_value"], filter: `name eq 'F6 Weekly ${tag}'`,
    orderBy: ["createdon asc"] })).value;
    assert.equal(runs.length, 2);
    const days = (Date.parse(runs[0].nextrun) - Date.now()) / 86400000;
    assert.ok(days > 6.9 && days <= 7, `next run in ${days} days`);
    assert.deepEqual([runs[1].statecode, runs[1].statuscode], [1, 10]);
    await api.update({ collection: "asyncoperations", key: runs[1]._asyncoperationid_value,
      data: { statecode: 3, statuscode: 32 } });
    const canceled = await api.retrieve({ collection: "bulkdeleteoperations", key: runs[1].bulkdeleteoperationid,
      select: ["statecode", "statuscode"] });
    assert.deepEqual([canceled.statecode, canceled.statuscode], [3, 32]);
  });

  await step("fidelity6: searchquery answers Dataverse search's response string with the matches", async () => {
    const word = `f6s${tag.replace(/[^A-Za-z0-9]/g, "").toLowerCase()}`;
    const account = await api.create({ collection: "accounts", data: { name: `Alpine ${word} House` } });
    const { response } = await api.callAction({ actionName: "searchquery", action: { search: word, count: true,
      entities: JSON.stringify([{ name: "account", selectColumns: ["name"], searchColumns: ["name"] }]) } });
    const result = JSON.parse(response);
    assert.equal(result.Count, 1);
    assert.equal(result.Value.length, 1);
    assert.deepEqual([result.Value[0].Id, result.Value[0].EntityName, result.Value[0].ObjectTypeCode,
      result.Value[0].Attributes.name], [account, "account", 1, `Alpine ${word} House`]);
    assert.deepEqual(result.Value[0].Highlights.name, [`Alpine {crmhit}${word}{/crmhit} House`]);
  });
}

// Metadata writes not covered by fidelity3/4 (issue 22): run after fidelity4's runMetadata by run.mjs.
export async function runMetadata(step, ctx) {
  const { api, serverUrl, token, run: tag } = ctx;
  const root = `${serverUrl.replace(/\/$/, "")}/api/data/v9.2/`;
  const send = (method, path, body) => fetch(root + path, { method, headers: { Authorization: `Bearer ${token}`,
    Accept: "application/json", "Content-Type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body) });
  const label = (text, code = 1033) => ({ "@odata.type": "Microsoft.Dynamics.CRM.Label", LocalizedLabels: [
    { "@odata.type": "Microsoft.Dynamics.CRM.LocalizedLabel", Label: text, LanguageCode: code }] });
  const text = (l) => l.LocalizedLabels.find((x) => x.LanguageCode === 1033)?.Label;
  const name = `new_meta${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
  const choice = `new_kinds${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "");
  let set;

  await step("fidelity6: a table with columns of every type, a one-to-many relationship and a global choice", async () => {
    await api.createEntity({ data: { "@odata.type": "Microsoft.Dynamics.CRM.EntityMetadata", SchemaName: name,
      DisplayName: label("Meta"), DisplayCollectionName: label("Metas"), OwnershipType: "UserOwned",
      HasActivities: false, HasNotes: false, IsActivity: false, Attributes: [{
        "@odata.type": "Microsoft.Dynamics.CRM.StringAttributeMetadata", AttributeType: "String",
        SchemaName: "new_Name", IsPrimaryName: true, MaxLength: 100, DisplayName: label("Name"),
        RequiredLevel: { Value: "None" } }] } });
    const entityKey = `LogicalName='${name}'`;
    const column = (odataType, schemaName, extra = {}) => api.createAttribute({ entityKey, data: {
      "@odata.type": `Microsoft.Dynamics.CRM.${odataType}`, SchemaName: schemaName, DisplayName: label(schemaName),
      RequiredLevel: { Value: "None" }, ...extra } });
    await column("MemoAttributeMetadata", "new_Notes", { MaxLength: 2000 });
    await column("IntegerAttributeMetadata", "new_Count", { MinValue: 0, MaxValue: 1000 });
    await column("BigIntAttributeMetadata", "new_Big");
    await column("DecimalAttributeMetadata", "new_Ratio", { Precision: 2, MinValue: 0, MaxValue: 100 });
    await column("DoubleAttributeMetadata", "new_Score", { Precision: 3, MinValue: 0, MaxValue: 1000 });
    await column("MoneyAttributeMetadata", "new_Price", { Precision: 2, MinValue: 0, MaxValue: 1000000 });
    await column("DateTimeAttributeMetadata", "new_Due", { Format: "DateOnly" });
    await column("BooleanAttributeMetadata", "new_Done", { OptionSet: { TrueOption: { Value: 1, Label: label("Yes") },
      FalseOption: { Value: 0, Label: label("No") } } });
    await api.createGlobalOptionSet({ data: { "@odata.type": "Microsoft.Dynamics.CRM.OptionSetMetadata", Name: choice,
      DisplayName: label("Kinds"), IsGlobal: true, OptionSetType: "Picklist", Options: [
        { Value: 100000000, Label: label("Red") }, { Value: 100000001, Label: label("Green") }] } });
    await column("PicklistAttributeMetadata", "new_Kind", {
      "GlobalOptionSet@odata.bind": `/GlobalOptionSetDefinitions(Name='${choice}')` });
    await column("MultiSelectPicklistAttributeMetadata", "new_Tags", { OptionSet: {
      "@odata.type": "Microsoft.Dynamics.CRM.OptionSetMetadata", IsGlobal: false, OptionSetType: "Picklist",
      Options: [{ Value: 100000000, Label: label("A") }, { Value: 100000001, Label: label("B") }] } });
    await api.createRelationship({ data: { "@odata.type": "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata",
      SchemaName: `new_account_${name}`, ReferencedEntity: "account", ReferencingEntity: name,
      CascadeConfiguration: { Assign: "NoCascade", Delete: "RemoveLink", Merge: "NoCascade", Reparent: "NoCascade",
        Share: "NoCascade", Unshare: "NoCascade" },
      Lookup: { "@odata.type": "Microsoft.Dynamics.CRM.LookupAttributeMetadata", SchemaName: "new_AccountId",
        DisplayName: label("Account"), RequiredLevel: { Value: "None" } } } });
    const relationship = await api.retrieveRelationship({ key: `SchemaName='new_account_${name}'`,
      castType: "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata" });
    assert.equal(relationship.ReferencingAttribute, "new_accountid");
    set = (await api.retrieveEntity({ key: `LogicalName='${name}'`, select: ["EntitySetName"] })).EntitySetName;
    const account = await api.create({ collection: "accounts", data: { name: `F6 Meta ${tag}` } });
    const id = await api.create({ collection: set, data: { new_name: "Row", new_notes: "Long text", new_count: 7,
      new_big: 9007199254740991, new_ratio: 12.5, new_score: 1.25, new_price: 99.99, new_due: "2026-12-24",
      new_done: true, new_kind: 100000001, new_tags: "100000000,100000001",
      "new_AccountId@odata.bind": `/accounts(${account})` } });
    const row = await api.retrieve({ collection: set, key: id, includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
    assert.deepEqual([row.new_notes, row.new_count, row.new_big, row.new_ratio, row.new_score, row.new_price,
      row.new_due, row.new_done, row.new_kind, row.new_tags, row._new_accountid_value],
    ["Long text", 7, 9007199254740991, 12.5, 1.25, 99.99, "2026-12-24", true, 100000001, "100000000,100000001",
      account]);
    assert.equal(row["new_kind@OData.Community.Display.V1.FormattedValue"], "Green");
  });

  await step("fidelity6: UpdateOptionValue, OrderOption, DeleteOptionValue and UpdateOptionSet on global and local choices", async () => {
    const options = async () => (await api.retrieveGlobalOptionSet({ key: `Name='${choice}'`,
      castType: "Microsoft.Dynamics.CRM.OptionSetMetadata" })).Options.map((o) => `${o.Value}:${text(o.Label)}`);
    await api.callAction({ actionName: "UpdateOptionValue", action: { OptionSetName: choice, Value: 100000001,
      Label: label("Emerald"), MergeLabels: true } });
    const added = await api.callAction({ actionName: "InsertOptionValue", action: { OptionSetName: choice,
      Label: label("Blue") } });
    assert.equal(added.NewOptionValue, 100000002);
    await api.callAction({ actionName: "OrderOption", action: { OptionSetName: choice,
      Values: [100000002, 100000000, 100000001] } });
    assert.deepEqual(await options(), ["100000002:Blue", "100000000:Red", "100000001:Emerald"]);
    await api.callAction({ actionName: "DeleteOptionValue", action: { OptionSetName: choice, Value: 100000000 } });
    assert.deepEqual(await options(), ["100000002:Blue", "100000001:Emerald"]);
    // a local choice: by entity and attribute
    await api.callAction({ actionName: "UpdateOptionValue", action: { EntityLogicalName: name,
      AttributeLogicalName: "new_tags", Value: 100000000, Label: label("Alpha"), MergeLabels: false } });
    await api.callAction({ actionName: "OrderOption", action: { EntityLogicalName: name,
      AttributeLogicalName: "new_tags", Values: [100000001, 100000000] } });
    const tags = await api.retrieveAttribute({ entityKey: `LogicalName='${name}'`, attributeKey: "LogicalName='new_tags'",
      castType: "Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata", expand: [{ property: "OptionSet" }] });
    assert.deepEqual(tags.OptionSet.Options.map((o) => `${o.Value}:${text(o.Label)}`), ["100000001:B", "100000000:Alpha"]);
    // UpdateOptionSet: PUT of the definition read back (MetadataId as the key); its DisplayName changes, not its options
    const definition = await api.retrieveGlobalOptionSet({ key: `Name='${choice}'`,
      castType: "Microsoft.Dynamics.CRM.OptionSetMetadata" });
    definition.DisplayName = label("Colours");
    definition.Options = [];
    await api.updateGlobalOptionSet({ data: definition, mergeLabels: true });
    const renamed = await api.retrieveGlobalOptionSet({ key: `Name='${choice}'` });
    assert.equal(text(renamed.DisplayName), "Colours");
    assert.deepEqual(await options(), ["100000002:Blue", "100000001:Emerald"]);
    // OrderOption must name every option once
    await assert.rejects(api.callAction({ actionName: "OrderOption", action: { OptionSetName: choice,
      Values: [100000001] } }), (e) => e.status === 400);
    assert.deepEqual(await options(), ["100000002:Blue", "100000001:Emerald"]);
  });

  await step("fidelity6: PublishXml and PublishAllXml are accepted; a malformed ParameterXml is refused", async () => {
    const published = await send("POST", "PublishXml", { ParameterXml:
      `<importexportxml><entities><entity>${name}</entity></entities></importexportxml>` });
    assert.equal(published.status, 204, await published.clone().text());
    const all = await send("POST", "PublishAllXml", {});
    assert.equal(all.status, 204, await all.clone().text());
    const bad = await send("POST", "PublishXml", { ParameterXml: "<importexportxml>" });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error.code, /^0x/);
    await api.callAction({ actionName: "PublishAllXml", action: {} });
  });

  await step("fidelity6: UpdateRelationship (PUT RelationshipDefinitions) changes the cascade of a custom relationship only", async () => {
    const castType = "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata";
    const cascade = async (schemaName) => (await api.retrieveRelationship({ key: `SchemaName='${schemaName}'`,
      castType })).CascadeConfiguration;
    // the definition read back, with Delete made Restrict, through the client's own method (PUT to the MetadataId)
    const relationship = await api.retrieveRelationship({ key: `SchemaName='new_account_${name}'`, castType });
    relationship.CascadeConfiguration.Delete = "Restrict";
    await api.updateRelationship({ data: relationship, castType, mergeLabels: true });
    assert.deepEqual(await cascade(`new_account_${name}`), { Delete: "Restrict", Assign: "NoCascade",
      Share: "NoCascade" });
    const account = await api.create({ collection: "accounts", data: { name: `F6 Restrict ${tag}` } });
    await api.create({ collection: set, data: { new_name: "Held", "new_AccountId@odata.bind": `/accounts(${account})` } });
    await assert.rejects(api.deleteRecord({ collection: "accounts", key: account }),
      (e) => e.status === 400 && e.code === "0x80040266");
    // a system relationship is refused and keeps its cascade; the name cannot change
    const system = await api.retrieveRelationship({ key: "SchemaName='contact_customer_accounts'", castType });
    await assert.rejects(api.updateRelationship({ data: { MetadataId: system.MetadataId,
      CascadeConfiguration: { Delete: "Restrict" } }, castType, mergeLabels: true }),
    (e) => e.status === 400 && e.code === "0x80047020");
    assert.deepEqual(await cascade("contact_customer_accounts"), system.CascadeConfiguration);
    await assert.rejects(api.updateRelationship({ data: { ...relationship, SchemaName: `new_other_${name}` },
      castType, mergeLabels: true }), (e) => e.status === 400);
    assert.equal((await cascade(`new_account_${name}`)).Delete, "Restrict");
  });

  await step("fidelity6: DELETE of the one-to-many relationship removes its lookup", async () => {
    await api.deleteRelationship({ key: `SchemaName='new_account_${name}'` });
    await assert.rejects(api.retrieveAttribute({ entityKey: `LogicalName='${name}'`,
      attributeKey: "LogicalName='new_accountid'" }), (e) => e.status === 404);
    await assert.rejects(api.create({ collection: set, data: { new_name: "x", new_accountid: null } }),
      (e) => e.status === 400);
  });
}
