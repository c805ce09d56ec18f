package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web vulnerability scan reads its scanners right (WebVulnerabilityScanTest): wapiti's JSON report and
 * sqlmap's console output become findings with the right severity, and the allow-list file loads, every entry
 * explained.
 */
class ScanFindingsTest {

    @Test
    void wapitiVulnerabilitiesAndAnomaliesBecomeFindingsWithTheirLevels() throws Exception {
        String report = """
                {"vulnerabilities": {"Cross Site Scripting": [{"method": "GET", "path": "/search", "info": "XSS in q",
                   "level": 3, "parameter": "q"}], "SQL Injection": []},
                 "anomalies": {"Internal Server Error": [{"method": "POST", "path": "/app/account/bulk",
                   "info": "500 with action", "level": "3", "parameter": "action"}],
                   "Resource consumption": [{"method": "GET", "path": "/app/lead", "info": "timeout", "level": 2,
                   "parameter": "f.subject"}]},
                 "additionals": {"Fingerprint": [{"path": "/", "level": 0}]}}""";
        List<ScanFinding> found = WapitiScan.findings(new ObjectMapper().readTree(report));
        assertThat(found).extracting(ScanFinding::category, ScanFinding::severity, ScanFinding::path,
                ScanFinding::parameter).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Cross Site Scripting", ScanFinding.Severity.HIGH, "/search", "q"),
                org.assertj.core.groups.Tuple.tuple("Internal Server Error", ScanFinding.Severity.HIGH,
                        "/app/account/bulk", "action"),
                org.assertj.core.groups.Tuple.tuple("Resource consumption", ScanFinding.Severity.MEDIUM, "/app/lead",
                        "f.subject"));
        assertThat(found).allMatch(f -> f.severity().atLeastMedium());
    }

    @Test
    void sqlmapInjectionPointsDbmsErrorsAndServerErrorsBecomeFindings() {
        String log = """
                [12:00:01] [INFO] testing connection to the target URL
                [12:00:02] [WARNING] heuristic (basic) test shows that URI parameter '#1*' might be injectable (possible DBMS: 'H2')
                sqlmap identified the following injection point(s) with a total of 40 HTTP(s) requests:
                ---
                Parameter: #1* (URI)
                    Type: boolean-based blind
                ---
                [12:00:09] [WARNING] HTTP error codes detected during run:
                500 (Internal Server Error) - 7 times
                """;
        assertThat(SqlmapScan.findings("/api/data/v9.2/accounts", log)).containsExactly(
                new ScanFinding("sqlmap", "SQL Injection", ScanFinding.Severity.HIGH, "/api/data/v9.2/accounts",
                        "#1* (URI)", "injection point identified"),
                new ScanFinding("sqlmap", "DBMS error message", ScanFinding.Severity.MEDIUM, "/api/data/v9.2/accounts",
                        "#1*", "a response looked like a H2 error message"),
                new ScanFinding("sqlmap", "Internal Server Error", ScanFinding.Severity.MEDIUM,
                        "/api/data/v9.2/accounts", "", "7 responses with status 500"));
        assertThat(SqlmapScan.findings("/app/account/grid", """
                [12:00:02] [WARNING] heuristic (basic) test shows that URI parameter '#1*' might not be injectable
                [12:00:31] [ERROR] all tested parameters do not appear to be injectable.
                [12:00:31] [WARNING] HTTP error codes detected during run:
                400 (Bad Request) - 19 times
                """)).isEmpty();
    }

    @Test
    void theAllowListLoadsAndMatchesOnlyWhatItNames() throws Exception {
        ScanAllowList allowed = ScanAllowList.load();
        assertThat(allowed.allows(new ScanFinding("sqlmap", "SQL Injection", ScanFinding.Severity.HIGH,
                "/api/data/v9.2/accounts", "#1*", "x"))).isFalse();
        assertThat(allowed.allows(new ScanFinding("wapiti", "Cross Site Scripting", ScanFinding.Severity.HIGH,
                "/search", "q", "x"))).isFalse();
    }
}
