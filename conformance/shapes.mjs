// Response shapes (issue 22): every Action and Function of $metadata declares the return type Dataverse's Web API
// reference gives it (return-types.json, shared with WebApiFidelityTest), and operations of each kind of return
// type answer with the shape they declare, read through the dynamics-web-api client: a collection of records
// (`value` with `@odata.type` per record), one record (its entity set's `$entity` context), a complex type (its
// `...Response` context and properties) or nothing (204). Called from run.mjs with its step function and context.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const expected = JSON.parse(readFileSync(new URL("./return-types.json", import.meta.url), "utf8"));

/** The declared return type of each Action and Function in a CSDL document ("" for none). */
function declaredReturnTypes(csdl) {
  const declared = {};
  for (const m of csdl.matchAll(/<(Action|Function) Name="([^"]+)"[^>]*>(.*?)<\/\1>/gs)) {
    const ret = m[3].match(/<ReturnType Type="([^"]+)"/);
    declared[m[2]] = ret ? ret[1] : "";
  }
  return declared;
}

/** Asserts that a result read by the client has the shape of a declared return type. */
function assertShape(name, declared, result) {
  const ctx = result?.["@odata.context"] ?? "";
  const collection = declared.match(/^Collection\(mscrm\.(\w+)\)$/);
  if (declared === "") {
    assert.equal(result, undefined, `${name} answers 204 without a body`);
  } else if (collection) {
    assert.match(ctx, /\$metadata#Collection\(Microsoft\.Dynamics\.CRM\.\w+\)$/, `${name}: ${ctx}`);
    assert.ok(Array.isArray(result.value), `${name}: a value array`);
    for (const record of result.value) {
      assert.match(record["@odata.type"], /^#Microsoft\.Dynamics\.CRM\.\w+$/, `${name}: @odata.type per record`);
    }
  } else if (/^mscrm\.\w+Response$/.test(declared)) {
    assert.ok(ctx.endsWith(`$metadata#Microsoft.Dynamics.CRM.${declared.slice(6)}`), `${name}: ${ctx}`);
  } else {
    // one record (InitializeFrom's is not saved yet, so it has no id)
    assert.match(ctx, /\$metadata#\w+\/\$entity$/, `${name}: ${ctx}`);
    assert.ok(!Array.isArray(result.value), `${name}: a record, not a collection`);
  }
}

export async function run(step, ctx) {
  const { api, run: tag } = ctx;
  let declared;

  await step("shapes: every operation of $metadata declares Dataverse's return type", async () => {
    const csdl = await api.retrieveCsdlMetadata();
    declared = declaredReturnTypes(csdl);
    const unknown = [];
    const wrong = [];
    for (const [name, type] of Object.entries(declared)) {
      if (name.startsWith("rapport_")) {
        continue; // operations the Java test suite registers for itself
      }
      const want = expected.dataverse[name] ?? expected.rapport[name];
      if (want === undefined) {
        unknown.push(name);
      } else if (want !== type) {
        wrong.push(`${name}: ${type} (Dataverse: ${want})`);
      }
    }
    assert.deepEqual(unknown, [], "operations whose return type is not in return-types.json");
    assert.deepEqual(wrong, [], "operations that declare another return type than Dataverse");
    const missing = Object.keys(expected.dataverse).filter((n) => !(n in declared));
    assert.deepEqual(missing, [], `operations of return-types.json that $metadata does not declare`);
    // UpsertMultiple as Dataverse's reference declares it: bound to the entity set, Targets, no return type (204)
    assert.match(csdl, /<Action Name="UpsertMultiple" IsBound="true"><Parameter Name="entityset" Type="Collection\(mscrm\.crmbaseentity\)" Nullable="false"\/><Parameter Name="Targets" Type="Collection\(mscrm\.crmbaseentity\)" Nullable="false"\/><\/Action>/);
    assert.match(csdl, /<Action Name="CreateMultiple" IsBound="true"><Parameter Name="entityset" Type="Collection\(mscrm\.crmbaseentity\)" Nullable="false"\/><Parameter Name="Targets" Type="Collection\(mscrm\.crmbaseentity\)" Nullable="false"\/><ReturnType Type="mscrm\.CreateMultipleResponse" Nullable="false"\/><\/Action>/);
  });

  await step("shapes: operations of each return kind answer with the shape they declare", async () => {
    const check = async (name, call) => assertShape(name, declared[name], await call());
    const lead = await api.create({ collection: "leads", data: { subject: `Shape ${tag}`, lastname: "Shape",
      companyname: `Shape ${tag}` } });
    let account;
    await check("QualifyLead", async () => {
      const r = await api.callAction({ collection: "leads", key: lead, actionName: "Microsoft.Dynamics.CRM.QualifyLead",
        action: { CreateAccount: true, CreateContact: false, CreateOpportunity: false, Status: 3 } });
      account = r.value[0].accountid;
      return r;
    });
    await check("CalculateRollupField", () => api.callFunction({ functionName: "CalculateRollupField",
      parameters: { Target: { "@odata.id": `accounts(${account})` }, FieldName: "numberofcontacts" } }));
    await check("InitializeFrom", () => api.callFunction({ functionName: "InitializeFrom", parameters: {
      EntityMoniker: { "@odata.id": `accounts(${account})` }, TargetEntityName: "contact", TargetFieldType: 0 } }));
    await check("RetrieveDuplicates", () => api.callFunction({ functionName: "RetrieveDuplicates", parameters: {
      BusinessEntity: { "@odata.type": "Microsoft.Dynamics.CRM.account", name: `Shape ${tag}` },
      MatchingEntityName: "account", PagingInfo: { PageNumber: 1, Count: 10 } } }));
    await check("WhoAmI", () => api.callFunction("WhoAmI"));
    await check("RetrieveVersion", () => api.callFunction("RetrieveVersion"));
    await check("FormatAddress", () => api.callFunction({ functionName: "FormatAddress",
      parameters: { Line1: "1 Main St", City: "Porto", Country: "Portugal" } }));
    await check("RetrieveTotalRecordCount", () => api.callFunction({ functionName: "RetrieveTotalRecordCount",
      parameters: { EntityNames: ["account"] } }));
    const me = await api.callFunction("WhoAmI");
    await check("RetrievePrincipalAccess", () => api.callFunction({ collection: "systemusers", key: me.UserId,
      functionName: "Microsoft.Dynamics.CRM.RetrievePrincipalAccess",
      parameters: { Target: { "@odata.id": `accounts(${account})` } } }));
    await check("CreateMultiple", () => api.callAction({ collection: "accounts",
      actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
      action: { Targets: [{ "@odata.type": "Microsoft.Dynamics.CRM.account", name: `Shape bulk ${tag}` }] } }));
    const sub = await api.create({ collection: "accounts", data: { name: `Shape sub ${tag}` } });
    await check("Merge", () => api.callAction({ actionName: "Merge", action: {
      Target: { "@odata.type": "Microsoft.Dynamics.CRM.account", accountid: account },
      Subordinate: { "@odata.type": "Microsoft.Dynamics.CRM.account", accountid: sub },
      PerformParentingChecks: false } }));
    await check("PublishAllXml", () => api.callAction({ actionName: "PublishAllXml", action: {} }));
  });
}
