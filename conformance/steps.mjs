// The conformance suite's steps: each runs, prints "ok - name" or "not ok - name: reason", and finish() prints the
// verdict (PASS or FAIL) and exits non-zero when any step failed.
export function steps() {
  const failures = [];
  async function step(name, fn) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`not ok - ${name}: ${e?.message ?? JSON.stringify(e)}`);
    }
  }
  function finish() {
    console.log(`\n${failures.length === 0 ? "PASS" : "FAIL"}: ${failures.length} of the steps failed`);
    process.exit(failures.length === 0 ? 0 : 1);
  }
  return { step, finish };
}
