package io.rapport.query;

import java.util.Arrays;
import java.util.List;

/** A node of a filter tree: an and/or group, a condition, or an exists-test over a related entity. */
public sealed interface Filter permits Filter.Group, Condition, LinkFilter {

    enum Logical { AND, OR }

    /** An and/or group of filters; {@code negated} turns it into not(...). */
    record Group(Logical operator, List<Filter> children, boolean negated) implements Filter {
        public Group {
            children = List.copyOf(children);
        }
    }

    static Group and(Filter... filters) {
        return new Group(Logical.AND, Arrays.asList(filters), false);
    }

    static Group or(Filter... filters) {
        return new Group(Logical.OR, Arrays.asList(filters), false);
    }

    static Group not(Filter filter) {
        return new Group(Logical.AND, List.of(filter), true);
    }
}
