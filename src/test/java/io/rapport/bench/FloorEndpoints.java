package io.rapport.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of the Web API rows (issue 19): a minimal endpoint on the same server doing the same primary-key SELECT
 * (and the list's hand-written SQL) over JDBC. It sits under {@code /api/}, so the same API security filter chain
 * and bearer token apply, and writes JSON with Jackson's streaming generator straight to the response, so that what
 * the Web API adds (routing, query compilation, the pipeline, access checks, OData JSON) is what the ratio measures.
 * Only in the benchmark application: a test source, registered only when {@code rapport.bench.floor-endpoints=true}
 * (the Web API suite sets it; no test context does).
 */
@RestController
@ConditionalOnProperty(name = "rapport.bench.floor-endpoints", havingValue = "true")
class FloorEndpoints {

    static final String BY_ID = "/api/bench-floor/accounts/";
    static final String LIST = "/api/bench-floor/accounts";

    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource db;

    FloorEndpoints(DataSource db) {
        this.db = db;
    }

    @GetMapping(BY_ID + "{id}")
    void byId(@PathVariable("id") UUID id, HttpServletResponse out) throws SQLException, IOException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select accountid, name, accountnumber, revenue, versionnumber from account where accountid = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    out.setStatus(404);
                    return;
                }
                out.setContentType("application/json");
                try (JsonGenerator g = JSON.createGenerator(out.getOutputStream())) {
                    row(g, rs, false);
                }
            }
        }
    }

    /** The list's hand-written SQL: a case-insensitive starts-with as a range on the lower(name) index. */
    @GetMapping(LIST)
    void list(@RequestParam("letter") String letter, HttpServletResponse out) throws SQLException, IOException {
        String from = letter.toLowerCase(Locale.ROOT);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select accountid, name, accountnumber, revenue, versionnumber, address1_city from account "
                        + "where statecode = 0 and lower(name) >= ? and lower(name) < ? "
                        + "order by lower(name) limit 50")) {
            ps.setString(1, from);
            ps.setString(2, String.valueOf((char) (from.charAt(0) + 1)));
            try (ResultSet rs = ps.executeQuery()) {
                out.setContentType("application/json");
                try (JsonGenerator g = JSON.createGenerator(out.getOutputStream())) {
                    g.writeStartObject();
                    g.writeArrayFieldStart("value");
                    while (rs.next()) {
                        row(g, rs, true);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
        }
    }

    private static void row(JsonGenerator g, ResultSet rs, boolean city) throws SQLException, IOException {
        g.writeStartObject();
        g.writeStringField("accountid", rs.getString(1));
        g.writeStringField("name", rs.getString(2));
        g.writeStringField("accountnumber", rs.getString(3));
        var revenue = rs.getBigDecimal(4);
        if (revenue == null) {
            g.writeNullField("revenue");
        } else {
            g.writeNumberField("revenue", revenue);
        }
        g.writeStringField("@odata.etag", "W/\"" + rs.getLong(5) + "\"");
        if (city) {
            g.writeStringField("address1_city", rs.getString(6));
        }
        g.writeEndObject();
    }
}
