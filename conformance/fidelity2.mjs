// Dataverse fidelity, round 2 (issue 22): the defects and query options that real Dataverse code trips over.
// Called from run.mjs with its step function and context; uses the dynamics-web-api client's own methods where it
// has one and plain fetch otherwise.
import assert from "node:assert/strict";

export async function run(step, ctx) {
  const { api, serverUrl, token, run: tag } = ctx;
  const root = `${serverUrl.replace(/\/$/, "")}/api/data/v9.2/`;
  const get = (path) => fetch(root + path, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });

  let accountId;
  let leadAccount;

  await step("fidelity: bound action by its full name answers JSON, not a download", async () => {
    const lead = await api.create({ collection: "leads", data: { subject: `F2 ${tag}`, lastname: "Fidelity",
      companyname: `F2 Lead ${tag}` } });
    const r = await fetch(`${root}leads(${lead})/Microsoft.Dynamics.CRM.QualifyLead`, { method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ CreateAccount: true, CreateContact: false, CreateOpportunity: false, Status: 3 }) });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-disposition"), null);
    const body = await r.json();
    leadAccount = body.value[0].accountid;
    assert.ok(leadAccount);
  });

  await step("fidelity: QualifyLead returns Collection(crmbaseentity) through callAction", async () => {
    const lead = await api.create({ collection: "leads", data: { subject: `F2b ${tag}`, lastname: "Fidelity",
      companyname: `F2b Lead ${tag}` } });
    const result = await api.callAction({ actionName: "Microsoft.Dynamics.CRM.QualifyLead", collection: "leads",
      key: lead, action: { CreateAccount: true, CreateContact: true, CreateOpportunity: true, Status: 3 } });
    assert.equal(result.value.length, 3);
    const types = result.value.map((v) => v["@odata.type"]).sort();
    assert.deepEqual(types, ["#Microsoft.Dynamics.CRM.account", "#Microsoft.Dynamics.CRM.contact",
      "#Microsoft.Dynamics.CRM.opportunity"]);
  });

  await step("fidelity: $metadata declares QualifyLead's Collection(mscrm.crmbaseentity)", async () => {
    const csdl = await api.retrieveCsdlMetadata();
    assert.match(csdl, /<Action Name="QualifyLead" IsBound="true">.*?<ReturnType Type="Collection\(mscrm\.crmbaseentity\)"/s);
  });

  await step("fidelity: parameter alias with single-quoted JSON", async () => {
    accountId = await api.create({ collection: "accounts", data: { name: `F2 Alias ${tag}` } });
    const me = await api.callFunction("WhoAmI");
    const r = await get(`systemusers(${me.UserId})/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)` +
      `?@tid={'@odata.id':'accounts(${accountId})'}`);
    assert.equal(r.status, 200, await r.clone().text());
    assert.match((await r.json()).AccessRights, /ReadAccess/);
    // and as the client sends it (double-quoted JSON)
    const viaClient = await api.callFunction({ name: "Microsoft.Dynamics.CRM.RetrievePrincipalAccess", collection: "systemusers",
      key: me.UserId, parameters: { Target: { "@odata.id": `accounts(${accountId})` } } });
    assert.match(viaClient.AccessRights, /ReadAccess/);
  });

  await step("fidelity: parameter aliases in $filter and $orderby", async () => {
    for (const first of ["Bea", "Ana"]) {
      await api.create({ collection: "contacts", data: { firstname: first, lastname: `F2 Alias ${tag}` } });
    }
    const r = await api.retrieveMultiple({ collection: "contacts", select: ["firstname"],
      filter: `contains(@p1,'${tag}') and @p2 eq @p3`, orderBy: ["@p4 asc"],
      queryParams: ["@p1=lastname", "@p2=lastname", `@p3='F2 Alias ${tag}'`, "@p4=firstname"] });
    assert.deepEqual(r.value.map((c) => c.firstname), ["Ana", "Bea"]);
  });

  await step("fidelity: raw [ ] { } in the query string, never an HTML error page", async () => {
    const r = await get(`accounts?$select=name&$filter=Microsoft.Dynamics.CRM.In(PropertyName='name',` +
      `PropertyValues=@p1)&@p1=['F2 Alias ${tag}','none']`);
    assert.equal(r.status, 200, await r.clone().text());
    assert.deepEqual((await r.json()).value.map((a) => a.accountid), [accountId]);
    const bad = await get("accounts%00x");
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get("content-type"), /^application\/json/);
    assert.match((await bad.json()).error.code, /^0x/);
  });

  await step("fidelity: activity regarding navigation names per activity type", async () => {
    const task = await api.create({ collection: "tasks", data: { subject: `F2 Task ${tag}`,
      "regardingobjectid_account_task@odata.bind": `accounts(${accountId})` } });
    const t = await api.retrieve({ collection: "tasks", key: task, select: ["subject"],
      expand: [{ property: "regardingobjectid_account_task", select: ["name"] }] });
    assert.equal(t.regardingobjectid_account_task.name, `F2 Alias ${tag}`);
    const found = await api.retrieveMultiple({ collection: "tasks", select: ["subject"],
      filter: `regardingobjectid_account_task/accountid eq ${accountId}` });
    assert.deepEqual(found.value.map((x) => x.activityid), [task]);
  });

  await step("fidelity: $apply on a related collection runs", async () => {
    for (const n of [1, 2]) {
      await api.create({ collection: "contacts", data: { lastname: `F2 Apply ${tag} ${n}`,
        "parentcustomerid_account@odata.bind": `accounts(${accountId})` } });
    }
    const r = await api.retrieveMultiple({ collection: `accounts(${accountId})/contact_customer_accounts`,
      queryParams: ["$apply=aggregate($count as n)"] });
    assert.equal(r.value[0].n, 2);
  });

  await step("fidelity: userQuery and savedQuery run the view's FetchXML", async () => {
    const fetchXml = `<fetch><entity name="contact"><attribute name="lastname"/><order attribute="lastname"/>` +
      `<filter><condition attribute="lastname" operator="begins-with" value="F2 Apply ${tag}"/></filter></entity></fetch>`;
    const userQuery = await api.create({ collection: "userqueries", data: { name: `F2 ${tag}`,
      returnedtypecode: "contact", querytype: 0, fetchxml: fetchXml } });
    const mine = await api.retrieveMultiple({ collection: "contacts", userQuery });
    assert.deepEqual(mine.value.map((c) => c.lastname), [`F2 Apply ${tag} 1`, `F2 Apply ${tag} 2`]);
    const active = await api.retrieveMultiple({ collection: "savedqueries", select: ["savedqueryid", "fetchxml"],
      filter: "name eq 'Active Accounts' and returnedtypecode eq 'account'" });
    assert.equal(active.value.length, 1);
    assert.match(active.value[0].fetchxml, /statecode/);
    // the view orders by name and the database may hold more than a page of accounts (other suites share it):
    // an account whose name sorts first is on the first page, an inactive one is not in the view at all
    const first = await api.create({ collection: "accounts", data: { name: `!F2 Saved ${tag}` } });
    const inactive = await api.create({ collection: "accounts", data: { name: `!F2 Saved inactive ${tag}` } });
    await api.update({ key: inactive, collection: "accounts", data: { statecode: 1, statuscode: 2 } });
    const saved = await api.retrieveMultiple({ collection: "accounts", savedQuery: active.value[0].savedqueryid });
    assert.ok(saved.value.some((a) => a.accountid === first));
    assert.ok(!saved.value.some((a) => a.accountid === inactive));
    await assert.rejects(api.retrieveMultiple({ collection: "accounts", savedQuery: "00000000-0000-0000-0000-000000000001" }),
      (e) => e.status === 400);
  });

  await step("fidelity: $count segments through count()", async () => {
    const n = await api.count({ collection: "accounts" });
    assert.ok(Number.isInteger(n) && n >= 1 && n <= 5000, `count ${n}`);
    const related = await get(`accounts(${accountId})/contact_customer_accounts/$count`);
    assert.equal(await related.text(), "2");
  });

  await step("fidelity: standard columns of the built-in entities", async () => {
    const id = await api.create({ collection: "contacts", data: { lastname: `F2 Columns ${tag}`, annualincome: 52000,
      address1_addresstypecode: 1, address1_name: "Home", address1_shippingmethodcode: 1,
      address1_telephone1: "555-0101", address2_name: "Work" } });
    const c = await api.retrieve({ collection: "contacts", key: id, select: ["annualincome", "address1_name",
      "address1_addresstypecode"], includeAnnotations: "OData.Community.Display.V1.FormattedValue" });
    assert.equal(c.annualincome, 52000);
    assert.equal(c.address1_name, "Home");
    assert.equal(c["address1_addresstypecode@OData.Community.Display.V1.FormattedValue"], "Bill To");
    const a = await api.create({ collection: "accounts", data: { name: `F2 Columns ${tag}`, accountcategorycode: 1,
      address1_addresstypecode: 3, address1_telephone1: "555-0102" }, returnRepresentation: true,
      select: ["accountcategorycode"] });
    assert.equal(a.accountcategorycode, 1);
  });
}
