package io.rapport.security.internal.access;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The business units as a tree, for parent: child depth (a unit and all units below it). */
public final class BusinessUnitTree {

    private final Map<UUID, UUID> parents;
    private final Map<UUID, List<UUID>> children = new HashMap<>();

    public BusinessUnitTree(Map<UUID, UUID> parents) {
        this.parents = new HashMap<>(parents);
        parents.forEach((unit, parent) -> {
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new java.util.ArrayList<>()).add(unit);
            }
        });
    }

    /** The unit and every unit below it. */
    public Set<UUID> subtree(UUID root) {
        Set<UUID> result = new HashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            UUID unit = todo.pop();
            if (result.add(unit)) {
                todo.addAll(children.getOrDefault(unit, List.of()));
            }
        }
        return result;
    }

    /** The unit's parent, or {@code null} for the root. */
    public UUID parentOf(UUID unit) {
        return parents.get(unit);
    }

    /** Whether {@code unit} is {@code ancestor} or lies below it. */
    public boolean isWithin(UUID unit, UUID ancestor) {
        UUID u = unit;
        for (int guard = 0; u != null && guard < 1000; guard++) {
            if (u.equals(ancestor)) {
                return true;
            }
            u = parents.get(u);
        }
        return false;
    }
}
