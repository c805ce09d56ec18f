// Dataverse fidelity, round 2, part 5 (issue 22): items built before this file without a case of their own here —
// InitializeFrom through the entity mappings, RetrieveDuplicates with its PagingInfo, $expand with a nested $top and
// $orderby on a collection, any/all nested two levels, SuppressDuplicateDetection on update and Merge of contacts.
// Called from run.mjs with its step function and context.
import assert from "node:assert/strict";

export async function run(step, ctx) {
  const { api, serverUrl, token, run: tag } = ctx;
  const root = `${serverUrl.replace(/\/$/, "")}/api/data/v9.2/`;
  const get = (path) => fetch(root + path, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });

  await step("fidelity5: InitializeFrom fills a new quote from an account through the mappings", async () => {
    const account = await api.create({ collection: "accounts", data: { name: `F5 Init ${tag}`,
      address1_city: "Bengaluru" } });
    const quote = await api.callFunction({ functionName: "InitializeFrom", parameters: {
      EntityMoniker: { "@odata.id": `accounts(${account})` }, TargetEntityName: "quote", TargetFieldType: 0 } });
    assert.match(quote["@odata.context"], /\$metadata#quotes\/\$entity$/);
    assert.equal(quote._customerid_value, account);
    assert.equal(quote.billto_name, `F5 Init ${tag}`);
    assert.equal(quote.billto_city, "Bengaluru");
  });

  await step("fidelity5: RetrieveDuplicates pages with PagingInfo", async () => {
    const name = `F5 Twin ${tag}`;
    for (let i = 0; i < 3; i++) {
      await api.create({ collection: "accounts", data: { name } });
    }
    const page = async (n) => {
      const r = await get("RetrieveDuplicates(BusinessEntity=@e,MatchingEntityName=@m,PagingInfo=@p)?@e=" +
        encodeURIComponent(JSON.stringify({ "@odata.type": "Microsoft.Dynamics.CRM.account", name })) +
        "&@m='account'&@p=" + encodeURIComponent(JSON.stringify({ PageNumber: n, Count: 2 })));
      assert.equal(r.status, 200, await r.clone().text());
      return (await r.json()).value;
    };
    const first = await page(1);
    const second = await page(2);
    assert.equal(first.length, 2);
    assert.equal(second.length, 1);
    assert.ok(first.every((a) => a["@odata.type"] === "#Microsoft.Dynamics.CRM.account"));
    assert.equal(new Set([...first, ...second].map((a) => a.accountid)).size, 3);
  });

  await step("fidelity5: $expand with nested $top and $orderby, and any/all two levels deep", async () => {
    const parent = await api.create({ collection: "accounts", data: { name: `F5 Parent ${tag}` } });
    const child = await api.create({ collection: "accounts", data: { name: `F5 Child ${tag}`,
      "parentaccountid@odata.bind": `/accounts(${parent})` } });
    for (const last of ["Alpha", "Gamma", "Beta"]) {
      await api.create({ collection: "contacts", data: { lastname: `${last} ${tag}`,
        "parentcustomerid_account@odata.bind": `/accounts(${child})` } });
    }
    const expanded = await api.retrieve({ collection: "accounts", key: child, select: ["name"],
      expand: [{ property: "contact_customer_accounts", select: ["lastname"], top: 2, orderBy: ["lastname desc"] }] });
    assert.deepEqual(expanded.contact_customer_accounts.map((c) => c.lastname), [`Gamma ${tag}`, `Beta ${tag}`]);
    const any = await api.retrieveMultiple({ collection: "accounts", select: ["name"], filter:
      `startswith(name,'F5 ') and account_parent_account/any(a: a/contact_customer_accounts/any(c: c/lastname eq 'Beta ${tag}'))` });
    assert.deepEqual(any.value.map((a) => a.accountid), [parent]);
    const all = await api.retrieveMultiple({ collection: "accounts", select: ["name"], filter:
      `accountid eq ${parent} and account_parent_account/all(a: a/contact_customer_accounts/all(c: endswith(c/lastname,'${tag}')))` });
    assert.deepEqual(all.value.map((a) => a.accountid), [parent]);
  });

  await step("fidelity5: MSCRM.SuppressDuplicateDetection false on update refuses a duplicate, changing nothing", async () => {
    const name = `F5 Unique ${tag}`;
    await api.create({ collection: "accounts", data: { name } });
    const other = await api.create({ collection: "accounts", data: { name: `F5 Other ${tag}` } });
    // the client sends If-Match: * with an update and reports a 412 answer (the duplicate, 0x80040333) as false
    assert.equal(await api.update({ collection: "accounts", key: other, data: { name }, duplicateDetection: true }),
      false);
    const r = await fetch(`${root}accounts(${other})`, { method: "PATCH", headers: { Authorization: `Bearer ${token}`,
      "Content-Type": "application/json", "If-Match": "*", "MSCRM.SuppressDuplicateDetection": "false" },
      body: JSON.stringify({ name }) });
    assert.equal(r.status, 412);
    assert.equal((await r.json()).error.code, "0x80040333");
    const kept = await api.retrieve({ collection: "accounts", key: other, select: ["name"] });
    assert.equal(kept.name, `F5 Other ${tag}`);
  });

  await step("fidelity5: Merge two contacts: the subordinate's task moves, the subordinate is deactivated", async () => {
    const type = (entity, data) => ({ "@odata.type": `Microsoft.Dynamics.CRM.${entity}`, ...data });
    const master = await api.create({ collection: "contacts", data: { lastname: `F5 Master ${tag}` } });
    const sub = await api.create({ collection: "contacts", data: { lastname: `F5 Sub ${tag}`, telephone1: "555-0142" } });
    const task = await api.create({ collection: "tasks", data: { subject: `F5 Task ${tag}`,
      "regardingobjectid_contact_task@odata.bind": `/contacts(${sub})` } });
    await api.callAction({ actionName: "Merge", action: { Target: type("contact", { contactid: master }),
      Subordinate: type("contact", { contactid: sub }), UpdateContent: type("contact", { telephone1: "555-0142" }),
      PerformParentingChecks: false } });
    const t = await api.retrieve({ collection: "tasks", key: task, select: ["_regardingobjectid_value"] });
    assert.equal(t._regardingobjectid_value, master);
    const s = await api.retrieve({ collection: "contacts", key: sub, select: ["statecode", "merged", "_masterid_value"] });
    assert.equal(s.statecode, 1);
    assert.equal(s.merged, true);
    assert.equal(s._masterid_value, master);
    const m = await api.retrieve({ collection: "contacts", key: master, select: ["telephone1"] });
    assert.equal(m.telephone1, "555-0142");
  });
}
