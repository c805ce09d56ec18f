// Service protection over HTTP (issue 22), through the dynamics-web-api client: the three Dataverse limits answer
// 429 with Retry-After and Dataverse's error codes. Needs a server started with low limits (WebApiConformanceTest's
// ServiceProtection run: 25 requests per 5 minutes, 1 concurrent request, 5 s of execution time, 1 s statement
// timeout) and three users' tokens, one per limit, since the limits count per user.
// Usage: node protection.mjs <server url> <token: requests> <token: concurrency> <token: execution time>
import assert from "node:assert/strict";
import { DynamicsWebApi } from "dynamics-web-api";
import { steps } from "./steps.mjs";

const [serverUrl, ...tokens] = process.argv.slice(2);
if (!serverUrl || tokens.length !== 3) {
  console.error("usage: node protection.mjs <server url> <token> <token> <token>");
  process.exit(2);
}
const client = (token) => new DynamicsWebApi({ serverUrl, dataApi: { version: "9.2" }, onTokenRefresh: async () => token });
const [rate, concurrency, execution] = tokens.map(client);
const { step, finish } = steps();
const type = (entity, data) => ({ "@odata.type": `Microsoft.Dynamics.CRM.${entity}`, ...data });

/** Asserts a 429 with the Dataverse code, and answers its Retry-After in seconds. */
function throttled(e, code) {
  assert.equal(e.status, 429, `status ${e.status}: ${e.message}`);
  assert.equal(e.code, code);
  const retry = Number(e.headers["retry-after"]);
  assert.ok(Number.isInteger(retry) && retry >= 1, `Retry-After ${e.headers["retry-after"]}`);
  return retry;
}

await step("service protection: the requests over the window's limit get 429 0x80072322 with Retry-After", async () => {
  for (let i = 1; i <= 25; i++) {
    const me = await rate.callFunction("WhoAmI");
    assert.match(me.UserId, /^[0-9a-f-]{36}$/, `request ${i}`);
  }
  let retry;
  await assert.rejects(rate.callFunction("WhoAmI"), (e) => {
    retry = throttled(e, "0x80072322");
    assert.match(e.message, /^Number of requests exceeded the limit of 25 over time window of 300 seconds\.$/);
    return true;
  });
  assert.ok(retry <= 300, `Retry-After ${retry} within the 5-minute window`);
  // a refused request does not count, and the window does not reopen for it
  await assert.rejects(rate.callFunction("WhoAmI"), (e) => throttled(e, "0x80072322") > 0);
});

await step("service protection: a request while the user's one allowed request runs gets 429 0x80072326", async () => {
  const targets = Array.from({ length: 500 }, (_, i) => type("contact", { lastname: `Busy ${i}` }));
  let refused;
  let created;
  // the first poll may take the user's one slot before the long request does; that one is refused then: again
  for (let attempt = 0; attempt < 5 && !refused; attempt++) {
    let done = false;
    const slow = concurrency.callAction({ collection: "contacts", actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
      action: { Targets: targets } }).then((r) => ({ r }), (e) => ({ e })).finally(() => { done = true; });
    while (!done && !refused) {
      try {
        await concurrency.callFunction("WhoAmI");
      } catch (e) {
        refused = e;
      }
    }
    created = await slow;
  }
  assert.ok(refused, "no request was refused while CreateMultiple ran");
  assert.equal(throttled(refused, "0x80072326"), 1);
  assert.equal(refused.message, "Number of concurrent requests exceeded the limit of 1.");
  assert.equal(created.e, undefined, `CreateMultiple: ${created.e?.message}`);
  assert.equal(created.r.Ids.length, 500);
  const me = await concurrency.callFunction("WhoAmI");
  assert.match(me.UserId, /^[0-9a-f-]{36}$/, "served again once the long request ended");
});

await step("service protection: over the combined execution time, 429 0x80072321 until the window ends", async () => {
  const start = Date.now();
  await execution.callAction({ collection: "accounts", actionName: "Microsoft.Dynamics.CRM.CreateMultiple",
    action: { Targets: Array.from({ length: 20 }, (_, i) => type("account", { name: `Slow ${i}` })) } });
  // 20 accounts joined with themselves 8 times: cancelled by the 1 s statement timeout, so each runs at least 1 s
  const link = "<link-entity name='account' from='statecode' to='statecode' link-type='inner'/>";
  const fetchXml = "<fetch aggregate='true'><entity name='account'><attribute name='accountid' aggregate='count' " +
    `alias='n'/>${link.repeat(8)}</entity></fetch>`;
  let slowQueries = 0;
  let refused;
  while (!refused && slowQueries < 10) {
    try {
      await execution.fetch({ collection: "accounts", fetchXml });
      assert.fail("the cross join finished within the statement timeout");
    } catch (e) {
      if (e.status === 429) {
        refused = e;
      } else {
        assert.equal(e.status, 400, e.message);
        assert.equal(e.code, "0x80044151");
        slowQueries++;
      }
    }
  }
  const elapsed = Date.now() - start;
  assert.ok(refused, `no 429 after ${slowQueries} queries of at least 1 s over a 5 s budget`);
  // the server counts less time than the client waited: a refusal before 5 s of waiting would be too early
  assert.ok(elapsed >= 5000, `refused after ${slowQueries} queries and ${elapsed} ms: the budget is 5 s`);
  const retry = throttled(refused, "0x80072321");
  assert.ok(retry > 200 && retry <= 300, `Retry-After ${retry}: up to the end of the 5-minute window`);
  assert.equal(refused.message, "Combined execution time of incoming requests exceeded limit of 5,000 milliseconds " +
    "over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests " +
    "and try again later.");
  await assert.rejects(execution.callFunction("WhoAmI"), (e) => throttled(e, "0x80072321") > 0);
  // the other users' budgets are their own
  const other = await concurrency.retrieveMultiple({ collection: "accounts", select: ["name"],
    filter: "startswith(name,'Slow ')" });
  assert.equal(other.value.length, 20);
});

finish();
