package io.rapport.web.internal.shell;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.query.ColumnSet;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess;
import io.rapport.record.Entity;
import io.rapport.web.internal.list.ListQueryBuilder;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Global search: quick find (the searchable attributes) over every entity people work with and the signed-in
 * user may read (as Dataverse searches only the tables a user has read privilege on), a few matches each,
 * grouped by entity.
 */
@Controller
class SearchController {

    static final int PER_ENTITY = 5;
    private static final Set<String> NOT_SEARCHED = Set.of("savedquery", "userquery", "systemform");

    private final UiFactory uis;
    private final AccessChecker access;

    SearchController(UiFactory uis, AccessChecker access) {
        this.uis = uis;
        this.access = access;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        List<Group> groups = new ArrayList<>();
        String text = q.trim();
        if (!text.isEmpty()) {
            RecordAccess readable = access.readAccess(ui.caller());
            for (EntityMetadata e : ui.snapshot().entities()) {
                if (e.isIntersect() || NOT_SEARCHED.contains(e.logicalName())
                        || RecordAccess.AccessRule.NONE.equals(readable.ruleFor(e.logicalName()))
                        || e.attributes().stream().noneMatch(AttributeMetadata::searchable)) {
                    continue;
                }
                QueryExpression.Builder query = QueryExpression.from(e.logicalName())
                        .columns(ColumnSet.of(e.primaryNameAttribute())).orderBy(Order.asc(e.primaryNameAttribute()))
                        .top(PER_ENTITY);
                ListQueryBuilder.quickFind(e, text).ifPresent(query::where);
                List<Hit> hits = new ArrayList<>();
                for (Entity r : ui.service().retrieveMultiple(query.build()).entities()) {
                    String name = r.getString(e.primaryNameAttribute());
                    hits.add(new Hit("/app/" + e.logicalName() + "/" + r.id(), name == null ? "" : name));
                }
                if (!hits.isEmpty()) {
                    groups.add(new Group(e.logicalName(), e.collectionLabel(locale), hits));
                }
            }
        }
        model.addAttribute("q", text);
        model.addAttribute("groups", groups);
        return "search";
    }

    /** Matches in one entity. */
    record Group(String entity, String label, List<Hit> hits) {
    }

    record Hit(String href, String name) {
    }
}
