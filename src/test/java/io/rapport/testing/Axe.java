package io.rapport.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/**
 * axe-core (npm, fetched at build time into target/axe, never committed) run inside the page a {@link Browser}
 * shows: the accessibility gate of the browser tests. Only violations of impact "serious" or "critical" count.
 */
public final class Axe {

    public static final String VERSION = "4.14.1";
    private static final Path DIR = Path.of("target", "axe");
    private static final Path SCRIPT = DIR.resolve("node_modules/axe-core/axe.min.js");
    private static String source;

    private Axe() {
    }

    /** The serious and critical violations on the current page, as "rule: target, target" lines. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Browser browser) throws IOException, InterruptedException {
        // axe-core is 650 KB of script: sent through WebDriver into every audited page it took 230-250 ms of the
        // 420 ms an audit took (AdministrationBrowserTest's settings pages). Chromium is given it once per browser
        // instead, to evaluate in every document it creates from then on (DevTools scripts are not subject to the
        // page's Content-Security-Policy); only the page shown when that happens needs it sent in.
        if (!browser.axeOnEveryPage) {
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script()));
            browser.axeOnEveryPage = true;
        }
        if (!Boolean.TRUE.equals(browser.driver().executeScript("return typeof axe !== 'undefined'"))) {
            browser.driver().executeScript(script());
        }
        return (List<String>) browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 4)"
                + "      .map(function (n) { return n.target.join(' '); }).join(', '); }));"
                + "}).catch(function (e) { done(['axe failed: ' + e]); });");
    }

    private static synchronized String script() throws IOException, InterruptedException {
        if (source == null) {
            if (!Files.isReadable(SCRIPT)) {
                Files.createDirectories(DIR);
                Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                        DIR.toString(), "axe-core@" + VERSION).inheritIO().start();
                if (npm.waitFor() != 0 || !Files.isReadable(SCRIPT)) {
                    Assertions.fail("axe-core could not be installed from npm into " + DIR);
                }
            }
            source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        }
        return source;
    }
}
