package io.rapport.web.internal.admin;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OwnershipType;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.DisassociateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dynamics' security role editor: the privilege grid (every entity by Create, Read, Write, Delete, Append, Append
 * To, Assign and Share, each cell one of None, User, Business Unit, Parent: Child Business Units, Organization),
 * saved with ReplacePrivilegesRole; Copy Role (a new role with the same privileges, AddPrivilegesRole); and the
 * users and teams holding the role (Associate/Disassociate of systemuserroles_association and
 * teamroles_association with the role's copy in the principal's business unit). Everything runs through the
 * pipeline as the signed-in administrator: privilege checks and audit apply.
 */
@Controller
class RoleEditorController {

    static final String SYSTEM_ADMINISTRATOR_TEMPLATE = "627090ff-40a3-4053-8790-584edc5be201";
    /** The depths in the order a cell cycles through them, as Dataverse names them. */
    static final List<String> DEPTHS = List.of("None", "Basic", "Local", "Deep", "Global");
    /** The access rights of the grid's columns, as Dataverse's privilege names spell them. */
    static final List<String> RIGHTS = List.of("Create", "Read", "Write", "Delete", "Append", "AppendTo", "Assign",
            "Share");

    private final UiFactory uis;
    private final AdminPolicy admins;
    private final ErrorMessages errors;

    RoleEditorController(UiFactory uis, AdminPolicy admins, ErrorMessages errors) {
        this.uis = uis;
        this.admins = admins;
        this.errors = errors;
    }

    @GetMapping("/settings/roles")
    String roles(Locale locale, Model model) {
        Ui ui = admin(locale);
        model.addAttribute("roles", ui.service().retrieveMultiple(QueryExpression.from("role")
                .select("name", "description", "businessunitid")
                .where(Condition.of("parentrootroleid", ConditionOperator.NULL))
                .orderBy(Order.asc("name")).top(500).lookupNames(true).build()).entities().stream()
                .map(r -> new RoleRow(r.id(), r.getString("name"), r.getString("description"),
                        r.getReference("businessunitid") == null ? "" : r.getReference("businessunitid").name()))
                .toList());
        return "admin/roles";
    }

    @GetMapping("/settings/roles/{id}")
    String role(@PathVariable UUID id, Locale locale, Model model) {
        Ui ui = admin(locale);
        Entity role = retrieve(ui, id);
        if (role.getReference("parentrootroleid") != null) {
            return "redirect:/settings/roles/" + role.getReference("parentrootroleid").id();
        }
        fill(ui, role, granted(ui, id), model);
        return "admin/role";
    }

    @PostMapping("/settings/roles/{id}")
    String save(@PathVariable UUID id, @RequestParam Map<String, String> form, Locale locale, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Ui ui = admin(locale);
        Entity role = root(ui, id);
        Map<String, String> current = granted(ui, role.id());
        Map<String, String> grid = gridNames(ui);
        List<String> problems = new ArrayList<>();
        String name = form.getOrDefault("name", "").trim();
        if (name.isEmpty() || name.length() > 100) {
            problems.add(errors.text("role.nameRequired", locale));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        // privileges outside the grid (the miscellaneous ones) stay as they are
        current.forEach((privilege, depth) -> {
            if (!grid.containsKey(privilege)) {
                wanted.put(privilege, depth);
            }
        });
        for (Map.Entry<String, String> p : form.entrySet()) {
            if (!p.getKey().startsWith("d.")) {
                continue;
            }
            String privilege = p.getKey().substring(2);
            if (!grid.containsKey(privilege) || !DEPTHS.contains(p.getValue())) {
                problems.add(errors.text("role.invalidDepth", locale, privilege, p.getValue()));
            } else if (!"None".equals(p.getValue())) {
                wanted.put(privilege, p.getValue());
            }
        }
        // a cell the form does not name keeps its depth
        current.forEach((privilege, depth) -> {
            if (grid.containsKey(privilege) && !form.containsKey("d." + privilege)) {
                wanted.put(privilege, depth);
            }
        });
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", problems);
            Map<String, String> shown = new LinkedHashMap<>(wanted);
            fill(ui, role.set("name", name).set("description", form.get("description")), shown, model);
            return "admin/role";
        }
        try {
            ui.service().execute(new UpdateRequest(new Entity("role", role.id()).set("name", name)
                    .set("description", blankToNull(form.get("description")))));
            List<Map<String, Object>> items = new ArrayList<>();
            wanted.forEach((privilege, depth) -> items.add(Map.of("PrivilegeName", privilege, "Depth", depth)));
            ui.service().execute(new ActionRequest("ReplacePrivilegesRole", new EntityReference("role", role.id()),
                    Map.of("Privileges", items)));
            flash.addFlashAttribute("notice", errors.text("role.saved", locale));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity("role"), locale));
        }
        return "redirect:/settings/roles/" + role.id();
    }

    @PostMapping("/settings/roles/{id}/copy")
    String copy(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, Locale locale,
            RedirectAttributes flash) {
        Ui ui = admin(locale);
        Entity source = root(ui, id);
        if (name.isBlank() || name.trim().length() > 100) {
            flash.addFlashAttribute("alert", errors.text("role.nameRequired", locale));
            return "redirect:/settings/roles/" + source.id();
        }
        try {
            UUID copy = ui.service().create(new Entity("role").set("name", name.trim())
                    .set("description", source.getString("description"))
                    .set("businessunitid", source.getReference("businessunitid")));
            List<Map<String, Object>> items = new ArrayList<>();
            granted(ui, source.id()).forEach((privilege, depth) -> items.add(Map.of("PrivilegeName", privilege,
                    "Depth", depth)));
            if (!items.isEmpty()) {
                ui.service().execute(new ActionRequest("AddPrivilegesRole", new EntityReference("role", copy),
                        Map.of("Privileges", items)));
            }
            flash.addFlashAttribute("notice", errors.text("role.copied", locale, source.getString("name")));
            return "redirect:/settings/roles/" + copy;
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity("role"), locale));
            return "redirect:/settings/roles/" + source.id();
        }
    }

    @PostMapping("/settings/roles/{id}/members")
    String addMember(@PathVariable UUID id, @RequestParam(defaultValue = "") String principal, Locale locale,
            RedirectAttributes flash) {
        return member(id, principal, locale, flash, true);
    }

    @PostMapping("/settings/roles/{id}/members/remove")
    String removeMember(@PathVariable UUID id, @RequestParam(defaultValue = "") String principal, Locale locale,
            RedirectAttributes flash) {
        return member(id, principal, locale, flash, false);
    }

    private String member(UUID id, String principal, Locale locale, RedirectAttributes flash, boolean add) {
        Ui ui = admin(locale);
        Entity role = root(ui, id);
        EntityReference who = principal(principal);
        if (who == null) {
            flash.addFlashAttribute("alert", errors.text("role.choosePrincipal", locale));
            return "redirect:/settings/roles/" + role.id() + "#members";
        }
        try {
            boolean user = who.logicalName().equals("systemuser");
            Entity p = ui.service().retrieve(who.logicalName(), who.id(), ColumnSet.of("businessunitid"));
            UUID unit = p.getReference("businessunitid").id();
            UUID copy = ui.service().retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                    .where(Condition.eq("businessunitid", unit))
                    .where(Filter.or(Condition.eq("roleid", role.id()), Condition.eq("parentrootroleid", role.id())))
                    .top(1).build()).entities().stream().findFirst().map(Entity::id)
                    .orElseThrow(() -> RapportException.notFound("role", role.id()));
            String relationship = user ? "systemuserroles_association" : "teamroles_association";
            List<EntityReference> related = List.of(new EntityReference("role", copy));
            if (add) {
                ui.service().execute(new AssociateRequest(who, relationship, related));
            } else {
                ui.service().execute(new DisassociateRequest(who, relationship, related));
            }
            flash.addFlashAttribute("notice", errors.text(add ? "role.memberAdded" : "role.memberRemoved", locale));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity("role"), locale));
        }
        return "redirect:/settings/roles/" + role.id() + "#members";
    }

    /** {@code systemuser:<id>} or {@code team:<id>}, else null. */
    private static EntityReference principal(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String entity = value.substring(0, colon);
        if (!entity.equals("systemuser") && !entity.equals("team")) {
            return null;
        }
        try {
            return new EntityReference(entity, UUID.fromString(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void fill(Ui ui, Entity role, Map<String, String> granted, Model model) {
        Locale locale = ui.locale();
        boolean administrator = SYSTEM_ADMINISTRATOR_TEMPLATE.equals(String.valueOf(role.get("roletemplateid")));
        List<Row> rows = new ArrayList<>();
        for (EntityMetadata e : gridEntities(ui)) {
            List<Cell> cells = new ArrayList<>();
            for (String right : RIGHTS) {
                if (!applies(e, right)) {
                    cells.add(null);
                    continue;
                }
                String privilege = "prv" + right + e.schemaName();
                String depth = granted.getOrDefault(privilege, "None");
                List<String> levels = new ArrayList<>(levels(e));
                if (!levels.contains(depth)) {
                    levels.add(depth);
                    levels.sort(Comparator.comparingInt(DEPTHS::indexOf));
                }
                cells.add(new Cell(privilege, right, depth, String.join(",", levels)));
            }
            rows.add(new Row(e.logicalName(), e.collectionLabel(locale), cells));
        }
        model.addAttribute("role", role);
        model.addAttribute("roleId", role.id());
        model.addAttribute("administrator", administrator);
        model.addAttribute("rights", RIGHTS);
        model.addAttribute("depths", DEPTHS);
        model.addAttribute("rows", rows);
        model.addAttribute("users", members(ui, role.id(), "systemuser", "systemuserroles", "fullname"));
        model.addAttribute("teams", members(ui, role.id(), "team", "teamroles", "name"));
        model.addAttribute("userChoices", ui.service().retrieveMultiple(QueryExpression.from("systemuser")
                .select("fullname").where(Condition.eq("isdisabled", false)).orderBy(Order.asc("fullname")).top(500)
                .build()).entities().stream().map(u -> new Member("systemuser:" + u.id(), u.getString("fullname")))
                .toList());
        model.addAttribute("teamChoices", ui.service().retrieveMultiple(QueryExpression.from("team").select("name")
                .where(Condition.of("teamtype", ConditionOperator.NOT_EQUAL, 1)).orderBy(Order.asc("name"))
                .top(500).build()).entities().stream().map(t -> new Member("team:" + t.id(), t.getString("name")))
                .toList());
    }

    /** The users or teams holding the role or one of its copies in the business units below. */
    private static List<Member> members(Ui ui, UUID root, String entity, String intersect, String nameColumn) {
        Object[] copies = ui.service().retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .where(Filter.or(Condition.eq("roleid", root), Condition.eq("parentrootroleid", root))).build())
                .entities().stream().map(Entity::id).toArray();
        return ui.service().retrieveMultiple(QueryExpression.from(entity).select(nameColumn)
                .link(new LinkEntity(intersect, entity + "id", entity + "id", "m", JoinType.INNER, ColumnSet.none(),
                        Condition.of("roleid", ConditionOperator.IN, copies), null))
                .orderBy(Order.asc(nameColumn)).top(500).build()).entities().stream()
                .map(r -> new Member(entity + ":" + r.id(), r.getString(nameColumn))).distinct().toList();
    }

    /** The depths a cell offers: user-owned entities all five, business-owned from the business unit up. */
    private static List<String> levels(EntityMetadata e) {
        return switch (e.ownership()) {
            case USER -> DEPTHS;
            case BUSINESS -> List.of("None", "Local", "Deep", "Global");
            case ORGANIZATION -> List.of("None", "Global");
        };
    }

    private static boolean applies(EntityMetadata e, String right) {
        return !(right.equals("Assign") || right.equals("Share")) || e.ownership() == OwnershipType.USER;
    }

    private static List<EntityMetadata> gridEntities(Ui ui) {
        return ui.snapshot().entities().stream().filter(e -> !e.isIntersect())
                .sorted(Comparator.comparing(e -> e.collectionLabel(ui.locale()), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Every privilege name of the grid, to its entity. */
    private static Map<String, String> gridNames(Ui ui) {
        Map<String, String> names = new LinkedHashMap<>();
        for (EntityMetadata e : gridEntities(ui)) {
            for (String right : RIGHTS) {
                if (applies(e, right)) {
                    names.put("prv" + right + e.schemaName(), e.logicalName());
                }
            }
        }
        return names;
    }

    /** The role's privileges as name to depth (Basic, Local, Deep, Global), read with RetrieveRolePrivilegesRole. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> granted(Ui ui, UUID role) {
        ActionResponse response = ui.service().execute(new ActionRequest("RetrieveRolePrivilegesRole",
                new EntityReference("role", role), Map.of()));
        Map<String, String> result = new LinkedHashMap<>();
        for (Object o : (List<Object>) response.output("RolePrivileges")) {
            Map<String, Object> p = (Map<String, Object>) o;
            result.put(String.valueOf(p.get("PrivilegeName")), String.valueOf(p.get("Depth")));
        }
        return result;
    }

    private static Entity retrieve(Ui ui, UUID id) {
        return ui.service().retrieve("role", id, ColumnSet.of("name", "description", "businessunitid",
                "parentrootroleid", "roletemplateid"));
    }

    private static Entity root(Ui ui, UUID id) {
        Entity role = retrieve(ui, id);
        EntityReference root = role.getReference("parentrootroleid");
        return root == null ? role : retrieve(ui, root.id());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Ui admin(Locale locale) {
        if (!admins.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return uis.create(locale);
    }

    record RoleRow(UUID id, String name, String description, String businessUnit) {
    }

    record Row(String entity, String label, List<Cell> cells) {
    }

    /** A cell of the grid: the privilege, its right (column), its depth and the depths it cycles through. */
    record Cell(String privilege, String right, String depth, String levels) {
    }

    record Member(String key, String name) {
    }
}
